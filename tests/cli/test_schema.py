"""Any command works on a fresh data dir, or one from before an upgrade: the schema is brought up to date first."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from keepwarm.lib import schema

KEEPWARM = Path(sys.executable).with_name("keepwarm")


def run(data_dir, *args, input=None):
    # The laptop default: embedded SQLite in the data dir, whatever database the suite itself runs on.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"KEEPWARM_DATA_DIR": str(data_dir)}
    return subprocess.run([str(KEEPWARM), *args], env=env, input=input, capture_output=True, text=True, timeout=120)


def test_a_migrated_database_has_nothing_pending(db):
    """Else every command would migrate again: the names on disk must be the names Django records."""
    assert {("timeline", "0001_initial"), ("auth", "0001_initial")} <= schema.migration_files()
    assert schema.pending_migrations() == set()
    assert schema.ensure_current() is False


def test_check_on_a_fresh_data_dir_prepares_it_once_then_answers(tmp_path):
    first = run(tmp_path, "check", "-", "--kind", "message", input="Buy a $300 starter kit from our vendor to begin.")
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [f"keepwarm: preparing data dir {tmp_path} (first run, or an upgrade)"]
    assert first.stdout.split(" (score")[0] in {"likely scam", "suspicious"}
    again = run(tmp_path, "check", "-", input="Thanks for meeting me today.")
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout.startswith("no red flags found")


def test_commands_before_any_user_say_what_to_do_instead_of_crashing(tmp_path):
    today = run(tmp_path, "today")
    assert today.returncode == 2
    assert "Traceback" not in today.stderr and "no user yet" in today.stderr
    created = run(tmp_path, "user", "create", "amy", "--no-password")
    assert created.returncode == 0, created.stderr
    assert run(tmp_path, "today").returncode == 0


def test_help_and_version_leave_a_fresh_data_dir_alone(tmp_path):
    assert run(tmp_path, "--help").returncode == 0
    assert run(tmp_path, "--version").returncode == 0
    assert not (tmp_path / "keepwarm.sqlite3").exists() or (tmp_path / "keepwarm.sqlite3").stat().st_size == 0


def test_a_data_dir_from_before_an_upgrade_gets_the_new_migrations(tmp_path):
    assert run(tmp_path, "user", "create", "amy", "--no-password").returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "KEEPWARM_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "keepwarm.settings"}
    # As if the last two timeline migrations had not shipped yet when this data dir was made.
    subprocess.run([sys.executable, "-m", "django", "migrate", "timeline", "0001", "-v", "0"], env=env, check=True,
                   timeout=120)
    later = run(tmp_path, "log", "--contact", "Jane Doe", "--channel", "phone", "--summary", "called")
    assert later.stderr.startswith("keepwarm: preparing data dir"), later.stderr
    assert "Traceback" not in later.stderr
    assert run(tmp_path, "today").stderr == ""  # prepared once, not on every command


def test_two_commands_started_together_on_a_fresh_data_dir_both_work(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"KEEPWARM_DATA_DIR": str(tmp_path)}
    procs = [subprocess.Popen([str(KEEPWARM), "user", "list"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outs]
    # Exactly one of them migrated; the others waited for the lock and found nothing left to do.
    assert sum("preparing" in err for _, err in outs) == 1


@pytest.mark.django_db
def test_the_migration_lock_is_held_while_inside(db):
    with schema._migration_lock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted",
                            [schema.PG_LOCK_ID])
                assert cur.fetchone()[0] == 1
        else:
            assert (schema.settings.DATA_DIR / ".migrate.lock").exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s",
                        [schema.PG_LOCK_ID])
            assert cur.fetchone()[0] == 0
