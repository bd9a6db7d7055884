"""`keepwarm serve` as a user runs it: migrates a fresh data dir and answers over HTTP with waitress."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_migrates_and_serves(tmp_path):
    port = free_port()
    # The laptop default: embedded SQLite in the data dir, whatever database the suite itself runs on.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"KEEPWARM_DATA_DIR": str(tmp_path)}
    keepwarm = Path(sys.executable).with_name("keepwarm")
    proc = subprocess.Popen([str(keepwarm), "serve", "--port", str(port), "--no-worker"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in banner
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode()
                    server = response.headers.get("Server", "")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert "waitress" in server.lower() or "keepwarm" in server.lower()
        assert "<html" in body.lower()
        assert (tmp_path / "keepwarm.sqlite3").exists() and (tmp_path / "secret_key").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
