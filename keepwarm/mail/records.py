"""Processed-message records, written in bulk."""

import dataclasses
import functools
import datetime as dt


RECORD_COLUMNS = ["owner_id", "account_id", "source", "folder", "uidvalidity", "uid", "message_id", "thread_key",
                  "status", "error", "interaction_id", "processed_at"]


@dataclasses.dataclass(slots=True)
class Record:
    """One ProcessedMessage row to insert. A plain object: building a Django model instance per message cost
    more than deciding about the message, and every message of a mailbox gets a record."""

    owner_id: int
    account_id: int | None
    source: str
    folder: str
    uidvalidity: int
    uid: int
    processed_at: dt.datetime
    message_id: str = ""
    thread_key: str = ""
    status: str = ""
    error: str = ""
    interaction_id: int | None = None


def save_records(rows) -> None:
    """Insert ProcessedMessage rows (Records), skipping ones already there (a re-run, another worker).

    A plain executemany: Django's bulk_create spent more time preparing these narrow rows than the database
    spent storing them, and a mailbox has tens of thousands. ON CONFLICT DO NOTHING works on SQLite and
    PostgreSQL alike.
    """
    from django.db import connection

    from .models import ProcessedMessage

    if not rows:
        return
    table = ProcessedMessage._meta.db_table
    adapt = functools.lru_cache(maxsize=8)(connection.ops.adapt_datetimefield_value)  # one `now` per run
    sql = (f"INSERT INTO {table} ({', '.join(RECORD_COLUMNS)}) VALUES ({', '.join(['%s'] * len(RECORD_COLUMNS))}) "
           "ON CONFLICT DO NOTHING")
    values = [(r.owner_id, r.account_id, r.source, r.folder, r.uidvalidity, r.uid, r.message_id, r.thread_key,
               r.status, r.error, r.interaction_id, adapt(r.processed_at)) for r in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
