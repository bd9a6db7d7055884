"""Backups that restore to the same data, the full export, and account deletion that leaves nothing behind."""

import csv
import io
import json
import zipfile

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from keepwarm.archive.services import export_user
from keepwarm.demo.services import load_demo
from keepwarm.insights import backup, records

from .sample import NOW, build


def fill(user):
    with time_machine.travel(NOW, tick=False):
        build(user)
        load_demo(user, now=NOW)


def every_model():
    """Every model of every keepwarm app, the auto-created many-to-many tables included, and the users."""
    for app in settings.KEEPWARM_APPS:
        yield from apps.get_app_config(app.rsplit(".", 1)[1]).get_models(include_auto_created=True)
    yield get_user_model()


def counts():
    return {m._meta.label: m._base_manager.count() for m in every_model()}


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_the_same_data(owner, cli, tmp_path):
    fill(owner)
    before = export_user(owner)
    path = tmp_path / "kw.backup"
    result = cli("backup", "-o", str(path))
    assert result.exit_code == 0, result.output
    head = path.read_bytes()[:16]
    assert head == backup.SQLITE_MAGIC if connection.vendor == "sqlite" else head.startswith(b"{")

    refused = cli("restore", str(path))
    assert refused.exit_code == 2 and "already holds data" in refused.output

    call_command("flush", interactive=False, verbosity=0)
    result = cli("restore", str(path))
    assert result.exit_code == 0, result.output
    assert "restored 1 user(s)" in result.output
    restored = get_user_model().objects.get(username="amy")
    assert restored.check_password("a-long-test-password")  # the account itself came back, not just its data
    assert export_user(restored) == before


@pytest.mark.django_db(transaction=True)
def test_json_backup_restores_on_any_database(owner, outsider, tmp_path):
    fill(owner)
    with time_machine.travel(NOW, tick=False):
        build(outsider)
    before = {u.username: export_user(u) for u in (owner, outsider)}
    path = tmp_path / "kw.json"
    path.write_text(json.dumps(backup.json_document(), default=str))
    call_command("flush", interactive=False, verbosity=0)
    assert backup.restore(path) == "restored 2 user(s) from the JSON backup"
    after = {u.username: export_user(u) for u in get_user_model().objects.all()}
    assert after == before


@pytest.mark.parametrize("content, message", [
    (b"", "neither a SQLite nor a JSON backup"),
    (b'{"format": "something else", "users": []}', "not a keepwarm backup"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "not a readable SQLite backup"),
])
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_bad_files_and_writes_nothing(cli, tmp_path, content, message):
    path = tmp_path / "bad.backup"
    path.write_bytes(content)
    if content.startswith(backup.SQLITE_MAGIC) and connection.vendor != "sqlite":
        message = "this is a SQLite backup: restore it into a SQLite data dir"
    result = cli("restore", str(path))
    assert result.exit_code == 2 and message in result.output
    assert get_user_model().objects.count() == 0


def test_restore_of_a_missing_file(cli, db, tmp_path):
    result = cli("restore", str(tmp_path / "nope.sqlite3"))
    assert result.exit_code == 2 and "no such file" in result.output


def test_export_zip_has_the_json_export_and_one_csv_per_kind(owner, tmp_path):
    fill(owner)
    path = tmp_path / "export.zip"
    path.write_bytes(records.export_zip(owner))
    with zipfile.ZipFile(path) as zf:
        data = json.loads(zf.read("keepwarm-export.json"))
        assert data == json.loads(json.dumps(export_user(owner), default=str))
        csvs = {n[len("csv/"):-len(".csv")]: zf.read(n).decode() for n in zf.namelist() if n.startswith("csv/")}
    for section in ("companies", "contacts", "opportunities", "interactions"):
        assert section in csvs, f"no CSV for {section}: {sorted(csvs)}"
        assert len(list(csv.DictReader(io.StringIO(csvs[section])))) == len(data[section]) > 0
    assert "Breeder assistant" in csvs["opportunities"] and "Jane Doe" in csvs["contacts"]


def test_tables_flatten_nested_records():
    data = {"format": "x", "user": {"username": "amy", "rules": {"a": 1}},
            "contacts": [{"id": "c1", "name": "Jane", "topics": ["gliders", "10k"],
                          "emails": [{"address": "j@x.com"}, {"address": "k@x.com"}]}]}
    tables = records.tables(data)
    assert tables["user"] == [{"username": "amy", "rules": '{"a": 1}'}]
    assert tables["contacts"] == [{"id": "c1", "name": "Jane", "topics": "gliders; 10k"}]
    assert tables["contacts.emails"] == [{"contacts id": "c1", "address": "j@x.com"},
                                         {"contacts id": "c1", "address": "k@x.com"}]


def test_deleting_an_account_leaves_no_row_of_it_and_every_row_of_others(owner, outsider, client):
    fill(outsider)
    others_before = export_user(outsider)
    only_outsider = counts()
    fill(owner)
    client.force_login(owner)  # a live session of the user being deleted
    assert counts() != only_outsider

    records.delete_account(owner)

    for model, field in records.user_links():
        assert not model._base_manager.filter(**{field: owner.pk}).exists(), f"{model._meta.label}.{field}"
    # Nothing linked to the owner is left in any table: only the owner's account and profile (which existed
    # before the snapshot, as fixtures) are gone besides the data added after it.
    expected = {**only_outsider, "auth.User": only_outsider["auth.User"] - 1,
                "accounts.Profile": only_outsider["accounts.Profile"] - 1}
    assert counts() == expected
    assert export_user(outsider) == others_before
    from django.contrib.sessions.models import Session

    assert all(s.get_decoded().get("_auth_user_id") != str(owner.pk) for s in Session.objects.all())


def test_backup_and_restore_between_data_dirs_as_a_user_types_it(tmp_path):
    """End to end in separate processes, the way it is used: a SQLite data dir with the demo, `keepwarm backup`
    while it is there, `keepwarm restore` into a brand-new data dir, and the same export from both."""
    import os
    import subprocess
    import sys

    def keepwarm(data_dir, *args, check=True):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite data dirs on any test DB
        env.update(KEEPWARM_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="keepwarm.settings")
        result = subprocess.run([sys.executable, "-m", "keepwarm.cli", *args], env=env, capture_output=True,
                                text=True, timeout=300)
        assert not check or result.returncode == 0, result.stderr
        return result

    original, fresh = tmp_path / "original", tmp_path / "fresh"
    env = {**os.environ, "KEEPWARM_DATA_DIR": str(original), "DJANGO_SETTINGS_MODULE": "keepwarm.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, check=True, timeout=300)
    keepwarm(original, "demo")
    keepwarm(original, "export", "json", "-o", str(tmp_path / "before.json"))
    assert "wrote sqlite backup" in keepwarm(original, "backup", "-o", str(tmp_path / "kw.sqlite3")).stdout
    assert "restored 1 user(s)" in keepwarm(fresh, "restore", str(tmp_path / "kw.sqlite3")).stdout
    keepwarm(fresh, "export", "json", "-o", str(tmp_path / "after.json"))
    assert json.loads((tmp_path / "after.json").read_text()) == json.loads((tmp_path / "before.json").read_text())
    again = keepwarm(fresh, "restore", str(tmp_path / "kw.sqlite3"), check=False)
    assert again.returncode == 2 and "already holds data" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_a_bad_json_backup_restores_nothing(owner, tmp_path):
    fill(owner)
    doc = backup.json_document()
    doc["users"].append({**doc["users"][0], "username": "bob", "data": {**doc["users"][0]["data"],
                                                                       "contacts": [{"name": ""}]}})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, default=str))
    call_command("flush", interactive=False, verbosity=0)
    from keepwarm.lib.errors import InputError

    with pytest.raises(InputError):
        backup.restore(path)
    assert get_user_model().objects.count() == 0  # amy, read first and valid, was rolled back with bob
