"""Helpers for the few queries written in SQL, where a page is hot enough that building its queries through the
ORM cost more Python time than the database spent answering (Today's sections, going cold).

`whole_days_sql` lets the database filter and order by an age and return ten rows, instead of returning thousands
for Python to convert, compare and sort; it is written once for each database keepwarm runs on.
"""

import datetime as dt
import json


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


# Raw rows skip the ORM's conversions: on SQLite dates come back as ISO text and JSON as text.
def as_date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def as_datetime(value) -> dt.datetime | None:
    # SQLite: naive UTC (a datetime where the column is declared one, else text); PostgreSQL: already aware.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def as_json(value):
    return json.loads(value) if isinstance(value, str) else value
