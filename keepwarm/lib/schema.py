"""Bring the database schema up to date before a command uses it.

A user who installs keepwarm and types `keepwarm user create amy` (or `keepwarm check offer.eml`) before ever
running `keepwarm serve` has a data dir with no tables yet; after an upgrade the tables lack the new columns.
Either way every command used to end in a traceback ("no such table"). So the console script asks, cheaply,
whether any migration file on disk is not yet recorded as applied, and if so migrates first.

The check lists the migration modules (no import) and reads django_migrations once: ~2 ms, where Django's own
migration planner costs ~100 ms of imports on every start. Migrating holds a lock, so that a worker and a web
server started together on a fresh database do not both create the same tables: a file lock in the data dir
for SQLite, an advisory lock for PostgreSQL. Whoever waited re-checks and finds nothing left to do.
"""

import contextlib
import pkgutil
import sys
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

# Any fixed number: it only has to be the same in every keepwarm process sharing the database.
PG_LOCK_ID = 0x6B77_0001


def migration_files() -> set[tuple[str, str]]:
    """(app label, migration name) of every migration module shipped with the installed apps."""
    found = set()
    for config in apps.get_app_configs():
        spec = find_spec(f"{config.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        for module in pkgutil.iter_modules(spec.submodule_search_locations):
            if not module.ispkg and not module.name.startswith(("_", "~")):  # as Django's loader skips them
                found.add((config.label, module.name))
    return found


def pending_migrations() -> set[tuple[str, str]]:
    """The migration files not yet recorded as applied (all of them on a fresh database)."""
    recorder = MigrationRecorder(connection)
    applied = set(recorder.applied_migrations()) if recorder.has_table() else set()
    return migration_files() - applied


@contextlib.contextmanager
def _migration_lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK_ID])
        try:
            yield
        finally:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK_ID])
        return
    try:
        import fcntl
    except ImportError:  # Windows: no flock; a single user starting two commands at once is rare there
        yield
        return
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    with open(settings.DATA_DIR / ".migrate.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_current(announce=None) -> bool:
    """Migrate when a migration is pending; returns whether it did. `announce(text)` is told first, once."""
    if not pending_migrations():
        return False
    from django.core.management import call_command

    with _migration_lock():
        if not pending_migrations():  # another process did it while we waited for the lock
            return False
        if announce:
            where = f"data dir {settings.DATA_DIR}" if connection.vendor == "sqlite" else "the database"
            announce(f"keepwarm: preparing {where} (first run, or an upgrade)")
        call_command("migrate", interactive=False, verbosity=0)
    return True


def announce_on_stderr(text: str) -> None:
    print(text, file=sys.stderr)
