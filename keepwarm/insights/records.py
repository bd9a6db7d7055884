"""Ownership of data: the full export as a ZIP, and deleting an account with every row it owns.

The ZIP holds the JSON export (keepwarm.archive.services.export_user, the same file `keepwarm import json`
reads back) and one CSV per kind of record, derived from that export so the two can never disagree.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.db import router, transaction
from django.db.models import ForeignKey
from django.db.models.deletion import Collector

from .backup import keepwarm_models


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def tables(data: dict) -> dict[str, list[dict]]:
    """Every list of records in the export as a flat table: {"contacts": [...], "contacts.emails": [...]}.

    1. A top-level list of objects is a table; a top-level object is a one-row table.
    2. Inside a record, a list of objects becomes a child table whose rows name their parent (its key or id,
       else its row number); lists of plain values are joined with "; "; other nested values are JSON.
    """
    out: dict[str, list[dict]] = {}

    def add(name, records):
        rows = out.setdefault(name, [])
        for n, record in enumerate(records, 1):
            if not isinstance(record, dict):
                rows.append({"value": _cell(record)})
                continue
            row = {}
            for key, value in record.items():
                if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                    ref = next((k for k in ("key", "id") if k in record), None)
                    column, parent = (f"{name} {ref}", record[ref]) if ref else (f"{name} row", n)
                    add(f"{name}.{key}", [{column: parent, **v} for v in value])
                else:
                    row[key] = _cell(value)
            rows.append(row)

    for key, value in data.items():
        name = key
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            add(name, value)
        elif isinstance(value, dict):  # e.g. the user's settings: one row, and a table per list of records
            lists = {k for k, v in value.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)}
            out[name] = [{k: _cell(v) for k, v in value.items() if k not in lists}]
            for k in lists:
                add(f"{name}.{k}", value[k])
    return out


def to_csv(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def export_zip(user) -> bytes:
    from keepwarm.archive.services import export_user

    data = export_user(user)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("keepwarm-export.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
        for name, rows in tables(data).items():
            zf.writestr(f"csv/{name}.csv", to_csv(rows))
        zf.writestr("README.txt", "keepwarm-export.json: everything, for `keepwarm import json`.\n"
                                  "csv/: the same records, one file per kind, for a spreadsheet.\n")
    return buf.getvalue()


def user_links():
    """(model, field name) for every keepwarm model field pointing at a user (owner, user, …)."""
    User = get_user_model()
    for model in keepwarm_models():
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey) and field.related_model is User:  # OneToOneField is a ForeignKey
                yield model, field.name


@transaction.atomic
def delete_account(user) -> dict[str, int]:
    """Delete the user and every row of every keepwarm app that belongs to them; returns counts per model.

    One Collector gathers the user and the rows of every model pointing at them (whatever their on_delete:
    a SET_NULL owner would otherwise leave orphans behind), follows the cascades, and deletes in order."""
    using = router.db_for_write(type(user))
    collector = Collector(using=using)
    for model, field in user_links():
        collector.collect(model._base_manager.filter(**{field: user}))
    collector.collect([user])
    _, counts = collector.delete()
    _delete_sessions(user.pk)
    return counts


def _delete_sessions(user_id) -> None:
    """Sessions keep the user id inside their encoded data: decode the live ones and drop theirs."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    stale = [s.pk for s in Session.objects.filter(expire_date__gte=timezone.now())
             if str(s.get_decoded().get("_auth_user_id")) == str(user_id)]
    Session.objects.filter(pk__in=stale).delete()
