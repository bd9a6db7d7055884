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


def banner_line(proc) -> str:
    """The "running at" line, past the one saying a fresh data dir is being prepared."""
    line = proc.stdout.readline()
    return proc.stdout.readline() if line.startswith("keepwarm: preparing") else line


def test_serve_migrates_and_serves(tmp_path):
    port = free_port()
    # The laptop default: embedded SQLite in the data dir, whatever database the suite itself runs on.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"KEEPWARM_DATA_DIR": str(tmp_path)}
    keepwarm = Path(sys.executable).with_name("keepwarm")
    proc = subprocess.Popen([str(keepwarm), "serve", "--port", str(port), "--no-worker"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # A fresh data dir: the schema is made first, and said so (stderr is merged into this pipe).
        assert proc.stdout.readline().startswith(f"keepwarm: preparing data dir {tmp_path}")
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


def _children(pid):
    # Linux lists a process's children here; the web processes are the serve command's children.
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def _get(port, deadline):
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping/", timeout=5) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_in_several_processes_restarts_a_dead_one_and_stops_them_all(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"KEEPWARM_DATA_DIR": str(tmp_path)}
    keepwarm = Path(sys.executable).with_name("keepwarm")
    proc = subprocess.Popen([str(keepwarm), "serve", "--port", str(port), "--no-worker", "--processes", "2"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    children = []
    try:
        assert "2 processes" in banner_line(proc)
        assert _get(port, time.monotonic() + 20) == 200
        children = _children(proc.pid)
        assert len(children) == 2
        os.kill(children[0], 9)  # a web process that dies is replaced, and the port keeps answering
        deadline = time.monotonic() + 15
        while len([c for c in _children(proc.pid) if c != children[0]]) < 2:
            assert time.monotonic() < deadline, "the dead web process was not replaced"
            time.sleep(0.2)
        for _ in range(6):
            assert _get(port, time.monotonic() + 10) == 200
        children = _children(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children):
        assert time.monotonic() < deadline, "web processes outlived `keepwarm serve`"
        time.sleep(0.2)


def test_only_the_server_reads_sqlite_through_a_memory_map(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"KEEPWARM_DATA_DIR": str(tmp_path)}
    keepwarm = Path(sys.executable).with_name("keepwarm")
    port = free_port()
    proc = subprocess.Popen([str(keepwarm), "serve", "--port", str(port), "--no-worker", "--processes", "1"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner_line(proc)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()  # reads the users table
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        mapped = {line.split()[-1] for line in Path(f"/proc/{proc.pid}/maps").read_text().splitlines()}
        assert str(tmp_path / "keepwarm.sqlite3") in mapped  # the database file itself, not only WAL's -shm
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    # Any other command keeps SQLite's default: no map (its resident size must not grow with the database).
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'keepwarm.settings'); django.setup();"
            "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA mmap_size');"
            "print(c.fetchone()[0])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
