"""`keepwarm backup` and `keepwarm restore`: a consistent copy while the app runs, and its way back.

- SQLite: sqlite3's online backup API copies the whole database page by page from Django's own connection,
  so the copy is consistent even while the web server and the worker write (WAL mode).
- PostgreSQL: a JSON document with every user (account fields, password hash, profile) and each user's
  JSON export (keepwarm.archive.services.export_user), which restores into SQLite or PostgreSQL alike.

Restore only goes into an empty database — a restore that merged into live data could neither be undone
nor be trusted — and the JSON restore runs in one transaction: all of it or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from keepwarm.lib.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
FORMAT = "keepwarm-backup"
USER_FIELDS = ["username", "email", "first_name", "last_name", "password", "is_active", "is_staff", "is_superuser"]


def default_name(now: dt.datetime) -> str:
    ext = "sqlite3" if connection.vendor == "sqlite" else "json"
    return f"keepwarm-backup-{now:%Y%m%d-%H%M%S}.{ext}"


def backup(dest: Path) -> str:
    """Write a backup of the whole database to dest (atomically: a temp file, then rename). Returns its kind."""
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(tmp)
            kind = "sqlite"
        else:
            tmp.write_text(json.dumps(json_document(), ensure_ascii=False, default=str), encoding="utf-8")
            kind = "json"
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return kind


def _sqlite_backup(path: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def json_document() -> dict:
    from keepwarm.accounts.services import profile_of
    from keepwarm.archive.services import export_user

    users = []
    for user in get_user_model().objects.order_by("id"):
        profile = profile_of(user)
        users.append({
            **{f: getattr(user, f) for f in USER_FIELDS},
            "date_joined": user.date_joined.isoformat(),
            "profile": {"time_zone": profile.time_zone, "phone_region": profile.phone_region, "rules": profile.rules},
            "data": export_user(user),
        })
    return {"format": FORMAT, "version": 1, "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "users": users}


# --- restore ----------------------------------------------------------------------------------------------------

def keepwarm_models():
    for app in settings.KEEPWARM_APPS:
        yield from apps.get_app_config(app.rsplit(".", 1)[1]).get_models()


def database_is_empty() -> bool:
    """No user and no keepwarm row (a fresh data dir whose tables do not exist yet is empty too)."""
    tables = set(connection.introspection.table_names())
    User = get_user_model()
    for model in [User, *keepwarm_models()]:
        if model._meta.db_table in tables and model.objects.exists():
            return False
    return True


def restore(path: Path) -> str:
    """Restore a backup file into the empty database; returns a one-line summary."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file", str(path), "no such file")
    with path.open("rb") as fh:
        head = fh.read(16)
    if not database_is_empty():
        target = "the database at DATABASE_URL" if connection.vendor != "sqlite" else f"data dir {settings.DATA_DIR}"
        raise InputError("file", str(path), f"{target} already holds data; restore only into an empty data dir "
                                            "(set KEEPWARM_DATA_DIR to a new folder) or an empty database")
    if head == SQLITE_MAGIC:
        return _restore_sqlite(path)
    return _restore_json(path)


def _restore_sqlite(path: Path) -> str:
    if connection.vendor != "sqlite":
        raise InputError("file", str(path), "this is a SQLite backup: restore it into a SQLite data dir (unset "
                                            "DATABASE_URL), or restore a JSON backup into PostgreSQL")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "auth_user" not in tables or "django_migrations" not in tables:
            raise InputError("file", str(path), "not a keepwarm backup (no users table)")
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise InputError("file", str(path), "the backup file is damaged (SQLite quick_check failed)")
        connection.ensure_connection()
        source.backup(connection.connection)  # replaces the whole (empty) database, page by page
    except sqlite3.DatabaseError as exc:
        raise InputError("file", str(path), f"not a readable SQLite backup ({exc})") from None
    finally:
        source.close()
    _migrate()  # a backup made by an older keepwarm is brought up to date
    return f"restored {get_user_model().objects.count()} user(s) from the SQLite backup"


def _migrate():
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _read_json(path: Path) -> dict:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("file", str(path), f"neither a SQLite nor a JSON backup ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("users"), list):
        raise InputError("file", str(path), f"not a keepwarm backup (expected \"format\": \"{FORMAT}\")")
    return doc


def _restore_json(path: Path) -> str:
    from keepwarm.accounts.models import Profile
    from keepwarm.archive.services import import_user

    doc = _read_json(path)
    _migrate()
    User = get_user_model()
    with transaction.atomic():
        for i, entry in enumerate(doc["users"]):
            record = f"users[{i}]"
            if not isinstance(entry, dict) or not entry.get("username"):
                raise InputError("username", entry.get("username") if isinstance(entry, dict) else entry,
                                 "each user needs a username", record)
            if User.objects.filter(username=entry["username"]).exists():
                raise InputError("username", entry["username"], "appears twice in the backup", record)
            user = User(**{f: entry[f] for f in USER_FIELDS if f in entry})
            try:
                if entry.get("date_joined"):
                    user.date_joined = dt.datetime.fromisoformat(entry["date_joined"])
                user.full_clean(exclude=["password", "date_joined"], validate_unique=False)
            except (TypeError, ValueError, ValidationError) as exc:
                raise InputError("user", entry["username"], f"not a valid account ({exc})", record) from None
            user.save()
            profile = entry.get("profile") or {}
            Profile.objects.update_or_create(user=user, defaults={
                k: profile[k] for k in ("time_zone", "phone_region", "rules") if k in profile})
            import_user(user, entry.get("data") or {})
    return f"restored {len(doc['users'])} user(s) from the JSON backup"
