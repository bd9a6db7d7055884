"""Real servers for the mail tests: Dovecot IMAP and an aiosmtpd SMTP sink, on free loopback ports.

Dovecot is started once per session (about 0.2 s); each test gets its own IMAP user, so tests never see
each other's mail. It runs as root here and in CI, so its mail directory belongs to nobody (Dovecot
refuses to deliver as uid 0) and lives under a world-traversable temp dir.
"""

import dataclasses
import getpass
import grp
import imaplib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from email.utils import format_datetime, make_msgid

import pytest

from tests.conftest import needs_binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10.0, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on port {port}")


DOVECOT_CONF = """
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{d}/mail/%u
{users_block}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


POOL = 300  # users written before start: Dovecot re-reads its passwd-file only when the second changes


@dataclasses.dataclass
class Dovecot:
    dir: str
    port: int
    users: list

    def add_user(self) -> str:
        """A fresh IMAP user (password "secret") nobody else has used."""
        return self.users.pop()

    def login(self, user, password="secret") -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port)
        conn.login(user, password)
        return conn

    def append(self, user, folder, raw: bytes):
        conn = self.login(user)
        try:
            conn.create(f'"{folder}"')  # "already exists" is fine
            typ, data = conn.append(f'"{folder}"', None, None, raw)
            assert typ == "OK", data
        finally:
            conn.logout()

    def messages(self, user, folder) -> list[bytes]:
        conn = self.login(user)
        try:
            conn.select(f'"{folder}"', readonly=True)
            _, data = conn.uid("FETCH", "1:*", "(BODY.PEEK[])")
            return [item[1] for item in data if isinstance(item, tuple)]
        finally:
            conn.logout()

    def recreate(self, user, folder) -> None:
        """Delete and re-create a folder: the server gives it a new UIDVALIDITY."""
        conn = self.login(user)
        try:
            conn.delete(f'"{folder}"')
            conn.create(f'"{folder}"')
        finally:
            conn.logout()


@pytest.fixture(scope="session")
def dovecot():
    binary = needs_binary("dovecot")
    d = tempfile.mkdtemp(prefix="kw-dovecot-")
    os.chmod(d, 0o755)  # the imap process runs as nobody and must reach its mail dir
    for sub in ("run", "state", "mail"):
        os.makedirs(os.path.join(d, sub))
    users = [f"amy-{uuid.uuid4().hex[:10]}@example.test" for _ in range(POOL)]
    with open(os.path.join(d, "users"), "w") as fh:
        fh.writelines(f"{name}:{{PLAIN}}secret\n" for name in users)
    port = free_port()
    if os.geteuid() == 0:
        uid, gid, users_block = "nobody", "nogroup", ""
        shutil.chown(os.path.join(d, "mail"), "nobody", "nogroup")
    else:  # a developer's own account: Dovecot runs entirely as that user
        me = getpass.getuser()
        uid, gid = str(os.getuid()), str(os.getgid())
        users_block = (f"default_login_user = {me}\ndefault_internal_user = {me}\n"
                       f"default_internal_group = {grp.getgrgid(os.getgid()).gr_name}\n")
    with open(os.path.join(d, "dovecot.conf"), "w") as fh:
        fh.write(DOVECOT_CONF.format(d=d, port=port, uid=uid, gid=gid, users_block=users_block))
    proc = subprocess.Popen([binary, "-F", "-c", os.path.join(d, "dovecot.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc=proc)
    except RuntimeError:
        proc.kill()
        log = open(os.path.join(d, "dovecot.log")).read() if os.path.exists(os.path.join(d, "dovecot.log")) else ""
        pytest.fail(f"dovecot did not start: {proc.stderr.read().decode()} {log}")
    yield Dovecot(dir=d, port=port, users=users)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(d, ignore_errors=True)


class Sink:
    """aiosmtpd handler keeping what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


SMTP_USER, SMTP_PASSWORD = "amy-smtp", "smtp-secret"


def _authenticator(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == SMTP_USER \
        and auth_data.password.decode() == SMTP_PASSWORD
    return AuthResult(success=ok)


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), authenticator=_authenticator,
                            auth_require_tls=False)
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def imap_user(dovecot):
    return dovecot.add_user()


def make_message(frm, to, subject="Hello", body="Hi there.\n", *, message_id=None, date=None, cc="", headers=None,
                 html=None) -> bytes:
    """A small RFC 5322 message with CRLF line ends, as a server would store it."""
    import datetime as dt

    lines = [f"From: {frm}", f"To: {to}", f"Subject: {subject}",
             f"Message-ID: {message_id or make_msgid(domain='example.test')}",
             f"Date: {format_datetime(date or dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc))}",
             "MIME-Version: 1.0"]
    if cc:
        lines.append(f"Cc: {cc}")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if html is not None:
        lines.append("Content-Type: text/html; charset=utf-8")
        text = html
    else:
        lines.append("Content-Type: text/plain; charset=utf-8")
        text = body
    return ("\r\n".join(lines) + "\r\n\r\n" + text.replace("\n", "\r\n")).encode()


@pytest.fixture
def story(owner):
    """The seed story's people: Jane Doe, the manager at Sugar Glider Co., on the breeder-assistant job."""
    from keepwarm.jobs.services import create_opportunity
    from keepwarm.people.services import create_contact

    jane = create_contact(owner, "Jane Doe", company="Sugar Glider Co.", emails=["jane@sugargliderco.com"],
                          topics=["breeds sugar gliders"])
    bob = create_contact(owner, "Bob Smith", company="Acme Staffing", emails=["bob@acmestaffing.com"])
    job = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", stage="interviewing",
                             contacts=["Jane Doe:hiring_manager"])
    return dataclasses.make_dataclass("Story", ["jane", "bob", "job"])(jane, bob, job)


@pytest.fixture
def account(owner, dovecot, imap_user):
    from keepwarm.mail.accounts import create_account

    conn = dovecot.login(imap_user)
    conn.create('"Sent"')
    conn.logout()
    return create_account(owner, email_address=imap_user, imap_host="127.0.0.1", imap_port=dovecot.port,
                          imap_security="none", username=imap_user, password="secret", folders=["INBOX", "Sent"])
