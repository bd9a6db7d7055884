"""Bulk inserts that keep every value the archive restores, creation times included."""

from django.db import connections, router


def insert_as_is(model, objs: list, batch_size: int = 500) -> list:
    """Like bulk_create, but values are written as set on the objects — an `auto_now_add` created_at is not
    replaced by the time of the import (the archive's round trip must be exact). This is the "raw" insert Django's
    own fixture loading uses; fields with auto_now must therefore be set by the caller. Sets each object's pk.
    """
    if not objs:
        return objs
    db = router.db_for_write(model)
    connection = connections[db]
    meta = model._meta
    if not connection.features.can_return_rows_from_bulk_insert:
        # Every import section needs the new ids back from its bulk inserts (PostgreSQL, SQLite >= 3.35).
        raise RuntimeError("importing needs PostgreSQL or SQLite 3.35 or newer")
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    size = min(batch_size, max(connection.ops.bulk_batch_size(fields, objs), 1))
    returning = meta.db_returning_fields
    queryset = model._base_manager.using(db)
    for start in range(0, len(objs), size):
        part = objs[start:start + size]
        rows = queryset._insert(part, fields=fields, returning_fields=returning, raw=True, using=db)
        for obj, row in zip(part, rows):
            for field, value in zip(returning, row):
                setattr(obj, field.attname, value)
            obj._state.adding, obj._state.db = False, db
    return objs
