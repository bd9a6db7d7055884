"""Touches per local week, by direction and channel: complete past weeks from the cache, the rest live.

1. The stored counts of the past weeks (TouchWeeks) are kept up to date incrementally: touches added since
   (found by id) are counted and added, so logging a touch never means recounting 200,000 of them.
2. A deletion, an edit or another time zone makes the past be counted again, once (GROUP BY local week).
3. This week — and, with a start date in the middle of a week, that first partial week — are counted live.
The same row keeps the past days with an outbound touch, for the streak.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Min, Q

from keepwarm.timeline.models import Direction, Interaction

from .localtime import LocalDate, monday, utc_periods
from .models import TouchWeeks


def _midnight(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


def _count(qs, tz, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.date, str, str, int]]:
    periods = utc_periods(tz, start, end)
    rows = (qs.annotate(week=LocalDate(F("happened_at"), tz, periods, week=True))
            .values("week", "direction", "channel").annotate(n=Count("pk")).order_by())
    return [(r["week"], r["direction"], r["channel"], r["n"]) for r in rows]


def _days(qs, tz, start: dt.datetime, end: dt.datetime) -> set[dt.date]:
    periods = utc_periods(tz, start, end)
    return set(qs.filter(direction=Direction.OUTBOUND).annotate(day=LocalDate(F("happened_at"), tz, periods))
               .values_list("day", flat=True).distinct().order_by())


def table_stamps(*models) -> list[tuple[int, int]]:
    """(row count, highest id) of whole tables, all users: both are O(1)-ish index reads (a per-user count
    would scan 200,000 index entries). New rows raise the highest id; deleted ones lower the count."""
    parts = []
    for m in models:
        table, pk = m._meta.db_table, m._meta.pk.column
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT COALESCE(MAX({pk}), 0) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        row = cursor.fetchone()
    return [(int(row[i]), int(row[i + 1])) for i in range(0, len(row), 2)]


def _merge(rows, days, more_rows, more_days):
    totals: dict[tuple, int] = {}
    for w, d, c, n in [*rows, *more_rows]:
        totals[(w, d, c)] = totals.get((w, d, c), 0) + n
    return [(w, d, c, n) for (w, d, c), n in sorted(totals.items())], days | more_days


def _tally(qs, tz, cutoff):
    """Weekly rows and outbound days of a (small or full) set of touches."""
    first = qs.aggregate(m=Min("happened_at"))["m"]
    if first is None:
        return [], set()
    return _count(qs, tz, first, cutoff), _days(qs, tz, first, cutoff)


def _past(user, tz, this_monday: dt.date, now: dt.datetime) -> tuple[list, set[dt.date]]:
    """(weekly rows, days with an outbound touch) for everything before this week's Monday.

    1. Same zone and only new touches since the stored count: add the new ones (and, when a new week has
       begun, the week that just ended) to the stored counts.
    2. Anything else — a deletion, a changed time zone, no row yet — counts the whole past again.
    An edited touch deletes the row (signals.py), so it is counted again too."""
    cutoff = _midnight(this_monday, tz)
    (count, top), = table_stamps(Interaction)
    mine = Interaction.objects.filter(owner=user, happened_at__lt=cutoff)
    cached = TouchWeeks.objects.filter(owner=user).first()
    rows = days = None
    if cached and cached.time_zone == str(tz.key) and cached.until <= this_monday:
        old_count, old_top = (int(x) for x in cached.fingerprint.split(":"))
        if count == old_count + Interaction.objects.filter(pk__gt=old_top).count():  # nothing deleted
            rows = [(dt.date.fromisoformat(w), d, c, n) for w, d, c, n in cached.counts]
            days = {dt.date.fromisoformat(d) for d in cached.out_days}
            if top == old_top and cached.until == this_monday:
                return rows, days
            old_cutoff = _midnight(cached.until, tz)
            fresh = mine.filter(pk__gt=old_top)
            ended = mine.filter(pk__lte=old_top, happened_at__gte=old_cutoff)
            for delta in (fresh, ended):
                rows, days = _merge(rows, days, *_tally(delta, tz, cutoff))
    if rows is None:
        rows, days = _tally(mine, tz, cutoff)
    try:
        with transaction.atomic():
            TouchWeeks.objects.update_or_create(owner=user, defaults={
                "time_zone": str(tz.key), "until": this_monday, "fingerprint": f"{count}:{top}", "computed_at": now,
                "counts": [[w.isoformat(), d, c, n] for w, d, c, n in rows],
                "out_days": sorted(d.isoformat() for d in days)})
    except IntegrityError:  # another request stored it at the same moment: its answer is as good
        pass
    return rows, days


def past(user, tz, now: dt.datetime) -> tuple[list, set[dt.date]]:
    """The cached (or freshly counted) weekly rows and outbound days of every week before this one."""
    return _past(user, tz, monday(now.astimezone(tz).date()), now)


def weekly(user, tz, now: dt.datetime, since_at: dt.datetime | None, before=None) -> list[tuple[dt.date, str, str, int]]:
    """[(monday, direction, channel, count)] for every week with touches from since_at (or the first) on.
    `before` is past()'s answer when the caller already has it."""
    this_monday = monday(now.astimezone(tz).date())
    cutoff = _midnight(this_monday, tz)
    live = Q(happened_at__gte=cutoff)
    rows = []
    if since_at is None or since_at < cutoff:
        first_full = monday(since_at.date()) if since_at else None
        if since_at and since_at.date() != first_full:
            first_full += dt.timedelta(days=7)
            live |= Q(happened_at__gte=since_at, happened_at__lt=_midnight(first_full, tz))
        before = before or _past(user, tz, this_monday, now)
        rows = [r for r in before[0] if first_full is None or r[0] >= first_full]
    else:
        live = Q(happened_at__gte=since_at)
    recent = Interaction.objects.filter(owner=user).filter(live)
    start = since_at if since_at and since_at < cutoff else cutoff
    return rows + _count(recent, tz, start, max(now, cutoff) + dt.timedelta(days=8))


def outbound_days(user, tz, now: dt.datetime, before=None) -> set[dt.date]:
    """Local days up to now with at least one outbound touch: the cached past plus this week, live."""
    this_monday = monday(now.astimezone(tz).date())
    cutoff = _midnight(this_monday, tz)
    recent = Interaction.objects.filter(owner=user, happened_at__gte=cutoff, happened_at__lte=now)
    before = before or _past(user, tz, this_monday, now)
    return before[1] | _days(recent, tz, cutoff, now + dt.timedelta(days=1))


def apply_edit(owner_id: int, before: dict, after: dict) -> bool:
    """Move one edited touch between the stored weekly counts (old bucket −1, new bucket +1) instead of
    recounting the whole past. `before`/`after` hold happened_at, direction, channel. False when there is no
    stored row to adjust."""
    from keepwarm.lib.dates import zone

    cached = TouchWeeks.objects.filter(owner_id=owner_id).first()
    if cached is None:
        return False
    tz = zone(cached.time_zone)
    cutoff = _midnight(cached.until, tz)
    totals = {(w, d, c): n for w, d, c, n in cached.counts}
    days = set(cached.out_days)
    for values, step in ((before, -1), (after, 1)):
        if values["happened_at"] >= cutoff:
            continue  # this week and later are counted live
        day = values["happened_at"].astimezone(tz).date()
        key = (monday(day).isoformat(), values["direction"], values["channel"])
        totals[key] = totals.get(key, 0) + step
        if values["direction"] == Direction.OUTBOUND:
            days.add(day.isoformat())
    old_day = before["happened_at"].astimezone(tz).date()
    if before["direction"] == Direction.OUTBOUND and before["happened_at"] < cutoff:
        # The old day keeps its place in the streak only if another outbound touch is still on it.
        if not Interaction.objects.filter(owner_id=owner_id, direction=Direction.OUTBOUND,
                                          happened_at__gte=_midnight(old_day, tz),
                                          happened_at__lt=_midnight(old_day + dt.timedelta(days=1), tz)).exists():
            days.discard(old_day.isoformat())
    cached.counts = [[w, d, c, n] for (w, d, c), n in sorted(totals.items()) if n > 0]
    cached.out_days = sorted(days)
    cached.save(update_fields=["counts", "out_days"])
    return True
