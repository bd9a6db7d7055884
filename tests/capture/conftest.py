"""A local web server for posting pages: tests never touch the internet."""

import functools
import http.server
import socket
import threading
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def posting_server():
    """Serves tests/capture/fixtures on a free loopback port: yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url():
    """A URL on a loopback port nobody listens on: what "offline" looks like to httpx."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/job.html"


@pytest.fixture
def fake_scam_check(monkeypatch):
    """Replaces the scams app's check with a recorder (its own tests cover it); records the calls."""
    import types

    from keepwarm.scams import services

    calls = []

    def check_and_record_opportunity(opp):
        calls.append(opp.id)
        return types.SimpleNamespace(verdict="looks fine")

    monkeypatch.setattr(services, "check_and_record_opportunity", check_and_record_opportunity)
    return calls


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas' passwords are hashed once per test; the real hasher's cost is a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
