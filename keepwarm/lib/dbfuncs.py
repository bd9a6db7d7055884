"""Small SQL functions the ORM lacks, written once for each database keepwarm runs on.

They let a query filter and order by a computed age in the database and return ten rows, instead of returning
thousands of rows for Python to convert, compare and sort; and a page read several short lists in one query.
They are used where a page's queries are hot enough that building them through the ORM cost more Python time
than the database spent answering.
"""

import datetime as dt
import json

from django.db import connections


def whole_days_sql(vendor: str, now_sql: str, earlier_sql: str) -> str:
    """SQL for whole days from `earlier_sql` to `now_sql`, rounded down like `(now - earlier).days` in Python."""
    if vendor == "sqlite":
        # SQLite keeps datetimes as UTC text; julianday() reads it as days since an epoch. CAST truncates toward
        # zero, which is Python's floor for the ages this is used for (not negative: nothing happened later).
        return f"CAST(julianday({now_sql}) - julianday({earlier_sql}) AS INTEGER)"
    if vendor == "postgresql":
        # The difference of two timestamps is an interval of days and time (never months): floor of its seconds.
        return f"floor(extract(epoch from ({now_sql} - {earlier_sql})) / 86400)::integer"
    raise NotImplementedError(vendor)


def union_all(querysets) -> list[tuple]:
    """The rows of several sliced `values_list` querysets in one round trip, in order (UNION ALL).

    The ORM will not put LIMIT inside a UNION on SQLite, so each part is compiled on its own and wrapped as a
    sub-select, which both SQLite and PostgreSQL accept. Rows come back raw, without the ORM's conversions:
    on SQLite dates are ISO text and JSON is text, so callers convert what they read (see as_date/as_json)."""
    parts, params = [], []
    for i, qs in enumerate(querysets):
        sql, part_params = qs.query.get_compiler(using=qs.db).as_sql()
        parts.append(f"SELECT * FROM ({sql}) AS u{i}")
        params.extend(part_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def as_date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def as_json(value):
    return json.loads(value) if isinstance(value, str) else value
