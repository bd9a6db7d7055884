"""Two real worker processes at once against one database: one digest, one touch per message.

Everything runs out of process (the workers cannot see a test transaction): the test makes its own
database — a fresh PostgreSQL database when DATABASE_URL is set, else a SQLite file — sets it up with a
child process, runs two `keepwarm sync` processes side by side, then reads the result with a third.
"""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from .conftest import SMTP_PASSWORD, SMTP_USER, make_message

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import datetime as dt, sys
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.utils import timezone
from keepwarm.accounts.services import create_user
from keepwarm.people.services import create_contact
from keepwarm.followups.services import add_reminder
from keepwarm.mail.accounts import create_account
from keepwarm.mail.digest import set_digest
imap_user, imap_port, smtp_port, smtp_user, smtp_password = sys.argv[1:6]
amy = create_user("amy", email="amy@example.test", time_zone="UTC")
jane = create_contact(amy, "Jane Doe", company="Sugar Glider Co.", emails=["jane@sugargliderco.com"])
add_reminder(amy, timezone.now().date(), "Call Jane", contact=jane)
account = create_account(amy, email_address=imap_user, imap_host="127.0.0.1", imap_port=int(imap_port),
                         imap_security="none", username=imap_user, password="secret", folders=["INBOX", "Sent"],
                         smtp_host="127.0.0.1", smtp_port=int(smtp_port), smtp_security="none",
                         smtp_username=smtp_user, smtp_password=smtp_password)
set_digest(amy, 0)
"""

# A worker process: the same steps `keepwarm sync` runs (keepwarm.worker.run_once until no work is left).
WORKER = """
import pathlib, sys, time
import django; django.setup()
from django.db import connection
from keepwarm.worker import all_steps, run_once
steps = all_steps()
connection.ensure_connection()
pathlib.Path(sys.argv[1]).touch()
while not pathlib.Path(sys.argv[2]).exists():
    time.sleep(0.002)
for _ in range(20):
    if not run_once(steps):
        break
"""

REPORT = """
import json
import django; django.setup()
from keepwarm.mail.models import DigestPreference, MailAccount, ProcessedMessage
from keepwarm.timeline.models import Interaction, Participant
print(json.dumps({
    "touches": Interaction.objects.count(),
    "distinct": Interaction.objects.values("external_id").distinct().count(),
    "participants": Participant.objects.count(),
    "records": ProcessedMessage.objects.count(),
    "errors": list(ProcessedMessage.objects.filter(status="error").values_list("error", flat=True)),
    "account_error": MailAccount.objects.get().last_error,
    "digest_error": DigestPreference.objects.get().last_error,
}))
"""


@pytest.fixture
def database(tmp_path):
    """Environment for child processes pointing at a database of their own."""
    env = {**os.environ, "KEEPWARM_DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "keepwarm.settings",
           "LOG_LEVEL": "ERROR"}
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield env
        return
    import psycopg

    parts = urlparse(url)
    name = f"kw_mail_workers_{uuid.uuid4().hex[:8]}"
    admin = dict(host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
                 dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {**env, "DATABASE_URL": urlunparse(parts._replace(path=f"/{name}"))}
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def child(env, code, *args):
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_two_workers_share_the_work_without_doubles(database, dovecot, smtp_server, tmp_path):
    imap_user = dovecot.add_user()
    conn = dovecot.login(imap_user)
    conn.create('"Sent"')
    conn.logout()
    messages = [make_message("Jane Doe <jane@sugargliderco.com>", imap_user, f"Note {i}", f"Body {i}\n",
                             message_id=f"<note-{i}@sugargliderco.com>") for i in range(40)]
    for raw in messages:
        dovecot.append(imap_user, "INBOX", raw)
    for raw in messages[:10]:  # the same messages in a second folder
        dovecot.append(imap_user, "Sent", raw)
    child(database, SETUP, imap_user, str(dovecot.port), str(smtp_server.port), SMTP_USER, SMTP_PASSWORD)

    # Both workers load Django first, then wait at a barrier so their first steps really run at the same moment.
    go = tmp_path / "go"
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(tmp_path / f"ready-{n}"), str(go)], cwd=ROOT,
                                env=database, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(2)]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{n}").exists() for n in range(2)) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    outputs = [w.communicate(timeout=300) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs

    report = json.loads(child(database, REPORT))
    assert report["account_error"] == "", (report, outputs)
    assert report["account_error"] == "" and report["digest_error"] == "" and report["errors"] == []
    assert report["touches"] == report["distinct"] == 40  # one touch per message
    assert report["participants"] == 40
    assert report["records"] == 50  # each (folder, uid) recorded once
    assert len(smtp_server.messages) == 1  # one digest
    # The server's own account of it: every message body was fetched once, by one of the two workers.
    assert bodies_fetched(dovecot, imap_user) == 50


def bodies_fetched(dovecot, user, wait=30.0):
    """Sum of body_count in Dovecot's disconnect lines for this user (its log is written asynchronously)."""
    import re
    import time

    deadline, total = time.monotonic() + wait, 0
    while time.monotonic() < deadline:
        log = Path(dovecot.dir, "dovecot.log").read_text()
        total = sum(int(n) for n in re.findall(rf"imap\({re.escape(user)}\).*body_count=(\d+)", log))
        if total >= 50:
            break
        time.sleep(0.2)
    return total
    assert b"Call Jane" in smtp_server.messages[0].content
