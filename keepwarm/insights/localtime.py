"""Group moments by the user's local day or ISO week inside the database, fast on both backends.

Django's TruncDate/TruncWeek with a time zone call a Python function per row on SQLite, which costs
about a second over 200,000 touches. Here PostgreSQL uses `AT TIME ZONE` natively, and SQLite uses its
built-in `date()` with the zone's UTC offset: the offset changes only at daylight-saving transitions,
so we find those in Python (a few per year) and pick the offset with a small CASE, newest period first.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import DateField, Func

UTC = dt.timezone.utc
_STEP = dt.timedelta(days=1)


def _offset(tz, moment: dt.datetime) -> int:
    return int(moment.astimezone(tz).utcoffset().total_seconds())


def utc_periods(tz, start: dt.datetime, end: dt.datetime) -> tuple[tuple[dt.datetime | None, int], ...]:
    """The zone's UTC offsets between start and end: ((None, offset), (transition, offset), …).

    1. Walk day by day and note where the offset changes.
    2. Bisect each change to the second (transitions fall on whole seconds).
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    periods: list[tuple[dt.datetime | None, int]] = [(None, _offset(tz, start))]
    cursor = start
    while cursor < end:
        nxt = min(cursor + _STEP, end)
        if _offset(tz, nxt) != periods[-1][1]:
            # Bisect on whole seconds: offset(lo) is the old offset, offset(hi) the new one.
            lo, hi = int(cursor.timestamp()), int(nxt.timestamp())
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset(tz, dt.datetime.fromtimestamp(mid, UTC)) == periods[-1][1]:
                    lo = mid
                else:
                    hi = mid
            hi = dt.datetime.fromtimestamp(hi, UTC)
            periods.append((hi, _offset(tz, nxt)))
        cursor = nxt
    return tuple(periods)


class LocalDate(Func):
    """The local calendar date of a datetime expression (or the Monday of its ISO week, week=True).

    `periods` comes from utc_periods() and must cover every value the expression takes (SQLite only).
    """

    output_field = DateField()

    def __init__(self, expression, tz, periods=(), week: bool = False):
        super().__init__(expression)
        self.tz, self.periods, self.week = tz, tuple(periods), week

    def as_sql(self, compiler, connection, **extra):  # pragma: no cover - only the two supported backends
        raise NotImplementedError(f"LocalDate: unsupported database {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return local_date_sql("postgresql", sql, params, self.tz, self.periods, self.week)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return local_date_sql("sqlite", sql, params, self.tz, self.periods, self.week)


def local_date_sql(vendor: str, sql: str, params, tz, periods, week: bool) -> tuple[str, tuple]:
    """SQL for the local date (or ISO week's Monday) of the datetime SQL `sql`; also used by raw queries."""
    params = tuple(params)
    if vendor == "postgresql":
        local = f"({sql} AT TIME ZONE %s)"
        if week:
            local = f"DATE_TRUNC('week', {local})"
        return f"({local})::date", (*params, str(tz.key))
    if vendor != "sqlite":  # pragma: no cover - only the two supported backends
        raise NotImplementedError(f"local dates: unsupported database {vendor}")
    # 'weekday 0' moves forward to Sunday (or stays on it); 6 days back is that ISO week's Monday.
    mods = ", 'weekday 0', '-6 days'" if week else ""
    periods = periods or ((None, 0),)
    default = periods[0][1]
    if len(periods) == 1:
        return f"date({sql}, %s{mods})", (*params, f"{default:+d} seconds")
    parts, out = [], []
    for since, offset in reversed(periods[1:]):  # recent data is the most common: test it first
        parts.append(f"WHEN {sql} >= %s THEN date({sql}, %s{mods})")
        out += [*params, since.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"), *params, f"{offset:+d} seconds"]
    case = f"CASE {' '.join(parts)} ELSE date({sql}, %s{mods}) END"
    return case, (*out, *params, f"{default:+d} seconds")


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every ISO week's Monday from first's week to last's week."""
    weeks, cursor = [], monday(first)
    while cursor <= last:
        weeks.append(cursor)
        cursor += dt.timedelta(days=7)
    return weeks


@contextmanager
def report_cursor():
    """A cursor for the dashboard's few big statements. On PostgreSQL their cost estimates switch on JIT
    compilation, which takes longer than running them (seconds on a busy machine): SET LOCAL turns it off for
    this transaction only."""
    if connection.vendor != "postgresql":
        # No transaction on SQLite: ours begin IMMEDIATE, which would take the write lock for a read.
        with connection.cursor() as cursor:
            yield cursor
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield cursor
