"""Planner statistics for the embedded SQLite database.

SQLite gathers no statistics by itself. Without them its planner takes any equality on an indexed column as
selective, so `owner_id = ?` (every row of a single-user database) won over the contact's own link rows: a
contact page walked all 5,000 stage changes to find none. ANALYZE, bounded by analysis_limit, costs about a
tenth of a second on the benchmark's full data; `keepwarm serve` runs it at start and the worker once a day.
PostgreSQL's autovacuum keeps its own statistics, so nothing is done there.
"""

import datetime as dt

from django.db import connection

EVERY = dt.timedelta(days=1)
_last_run: dict[str, dt.datetime] = {}


def refresh_statistics() -> bool:
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")  # sample each index instead of reading it whole
        cursor.execute("ANALYZE")
    return True


def daily_step(now: dt.datetime) -> bool:
    """A worker step: refresh the statistics once a day per worker (the data grows slowly)."""
    last = _last_run.get(connection.alias)
    if last is not None and dt.timedelta(0) <= now - last < EVERY:
        return False
    _last_run[connection.alias] = now
    refresh_statistics()
    return False  # never "did work": the loop must not spin because of it
