"""A real Radicale (CardDAV + CalDAV) on a free loopback port, started and stopped by the tests."""

import socket
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from keepwarm.dav.carddav import CardDavClient


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The personas' password hashing is most of each test's set-up time; these tests do not exercise it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    """Base URL of a Radicale with users alice:secret and bob:secret (owner-only rights)."""
    root = tmp_path_factory.mktemp("radicale")
    (root / "users").write_text("alice:secret\nbob:secret\n")
    port = _free_port()
    (root / "config").write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {root}/users\nhtpasswd_encryption = plain\ndelay = 0\n"
        f"[rights]\ntype = owner_only\n"
        f"[storage]\nfilesystem_folder = {root}/collections\n"
        f"[logging]\nlevel = warning\n"
    )
    log = open(root / "radicale.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(root / "config")],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            httpx.get(base + "/", timeout=1)
            break
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"Radicale did not start: {(root / 'radicale.log').read_text()}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture
def addressbook(radicale):
    """A fresh, empty address book for alice (a new collection per test, so tests never see each other)."""
    url = f"{radicale}/alice/book-{uuid.uuid4().hex[:8]}/"
    with CardDavClient(url, "alice", "secret") as client:
        client.make_addressbook("keepwarm test")
    return url


@pytest.fixture
def story(owner):
    """The seed story: Jane Doe, hiring manager at Sugar Glider Co., the Breeder assistant job on hold."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
    from keepwarm.people.services import create_contact

    chicago = ZoneInfo("America/Chicago")
    jane = create_contact(owner, "Jane Doe", company="Sugar Glider Co.", role="Manager",
                          emails=["jane@sugargliderco.com"], phones=["mobile=+1 312 555 0142", "work=312-555-0199"],
                          socials=["facebook:jane.doe"], topics=["breeds sugar gliders"])
    opp = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", source="craigslist",
                             stage="applied", contacts=["Jane Doe:hiring_manager"],
                             at=dt.datetime(2011, 12, 1, 10, tzinfo=chicago))
    interview = add_interview(opp, dt.datetime(2011, 12, 5, 14, tzinfo=chicago), minutes=45, format="on-site",
                              where="12 Glider Lane, Springfield", interviewers=["Jane Doe"],
                              prep_notes="Read up on sugar gliders")
    change_stage(opp, "on_hold", at=dt.datetime(2011, 12, 10, 9, tzinfo=chicago))
    return {"jane": jane, "opp": opp, "interview": interview}
