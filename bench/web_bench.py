"""Web latency under load: Today, Board, a busy contact page and a search, against a trivial view as baseline.

For each data size (full: 20,000 contacts / 5,000 jobs / 200,000 touches, and one tenth):
1. a fresh data dir (or the DATABASE_URL database) is migrated and one user seeded with bench/seed.py;
2. `keepwarm serve` (waitress, as users run it) starts in a subprocess on a free loopback port;
3. 8 client threads (http.client, one connection each, signed in by session cookie) request every page
   in turn; p50 / p95 per page are printed, with the baseline measured in the same run.

    .venv/bin/python bench/web_bench.py                 # both sizes
    .venv/bin/python bench/web_bench.py --scales 0.1    # quick
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(scale: float, data_dir: str) -> tuple[str, dict]:
    """Seed in a child process (settings are read once per process); return the session cookie and URLs."""
    code = f"""
import sys, json
sys.path.insert(0, {str(ROOT)!r})
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
django.setup()
from django.core.management import call_command
from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from keepwarm.accounts.services import create_user
from keepwarm.people.models import Contact
from bench.seed import seed
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from keepwarm.jobs.models import Opportunity
from keepwarm.timeline.models import Interaction
user = get_user_model().objects.filter(username="bench{int(scale * 1000)}").first()
if user is None:  # a kept --data-dir is seeded once
    user = create_user("bench{int(scale * 1000)}", password="bench-password-123")
    seed(user, contacts=int(20000 * {scale}), opportunities=int(5000 * {scale}),
         interactions=int(200000 * {scale}))
counts = {{"contacts": Contact.objects.filter(owner=user).count(),
          "opportunities": Opportunity.objects.filter(owner=user).count(),
          "interactions": Interaction.objects.filter(owner=user).count()}}
import time
from django.utils import timezone
from keepwarm.followups.services import refresh
t0 = time.perf_counter()
refresh(user, timezone.now())
refresh_seconds = time.perf_counter() - t0
busy = Contact.objects.filter(owner=user).annotate(n=Count("participations")).order_by("-n").first()
client = Client()
client.force_login(user)
print(json.dumps({{"cookie": client.cookies[settings.SESSION_COOKIE_NAME].value, "counts": counts,
                  "refresh": refresh_seconds,
                  "busy": busy.n, "urls": {{
    "baseline (ping)": reverse("web:ping"),
    "today": reverse("web:today"),
    "board": reverse("web:board"),
    "busy contact": reverse("web:contact", args=[busy.id]),
    "search": reverse("web:search") + "?q=Whitfield",
}}}}))
"""
    env = {**os.environ, "KEEPWARM_DATA_DIR": data_dir}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def serve(data_dir: str, port: int, processes: int | None, threads: int | None = None) -> subprocess.Popen:
    # Today re-runs the engine once a minute per session; timed apart (see prepare), it is kept out of the
    # page figures by trusting the stored follow-ups for the whole run.
    env = {**os.environ, "KEEPWARM_DATA_DIR": data_dir, "KEEPWARM_TODAY_REFRESH_SECONDS": "86400"}
    keepwarm = Path(sys.executable).parent / "keepwarm"
    log = open(Path(data_dir) / "serve.log", "wb")
    more = ["--processes", str(processes)] if processes else []  # else serve's own default, as users get it
    more += ["--threads", str(threads)] if threads else []
    proc = subprocess.Popen([str(keepwarm), "serve", "--port", str(port), "--no-worker", *more], env=env, cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit((Path(data_dir) / "serve.log").read_text())
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("keepwarm serve did not start")


def hammer(port: int, cookie: str, urls: dict, rounds: int) -> dict[str, list[float]]:
    """CLIENTS threads, each requesting every page `rounds` times, interleaved; latencies in ms per page."""
    timings: dict[str, list[float]] = {name: [] for name in urls}
    lock, errors = threading.Lock(), []
    headers = {"Cookie": f"sessionid={cookie}", "Host": "localhost"}

    def client(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        names = list(urls)
        for i in range(rounds * len(names)):
            name = names[(i + offset) % len(names)]
            t0 = time.perf_counter()
            conn.request("GET", urls[name], headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - t0) * 1000
            if response.status != 200:
                errors.append(f"{name}: HTTP {response.status}")
            with lock:
                timings[name].append(elapsed)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"errors: {errors[:5]}")
    return timings


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live children, the web processes (Linux /proc), which
    machine load does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    children = Path(f"/proc/{pid}/task/{pid}/children")
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(c)) for c in (children.read_text().split() if children.exists() else []))


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(scale: float, rounds: int, processes: int | None, keep_dir: str | None, threads: int | None = None):
    with tempfile.TemporaryDirectory(prefix="kw-webbench-") as data_dir:
        if keep_dir:
            data_dir = f"{keep_dir}-{scale}"
            os.makedirs(data_dir, exist_ok=True)
        t0 = time.perf_counter()
        info = prepare(scale, data_dir)
        seeded = time.perf_counter() - t0
        port = free_port()
        proc = serve(data_dir, port, processes, threads)
        load = os.getloadavg()
        try:
            try:
                hammer(port, info["cookie"], info["urls"], 1)  # warm up: Today's engine stores its follow-ups once
                timings = hammer(port, info["cookie"], info["urls"], rounds)
                # Then each page alone, to charge the server's CPU time to it: a figure the load cannot inflate.
                cpu = {}
                for name, url in info["urls"].items():
                    before = cpu_seconds(proc.pid)
                    n = sum(len(v) for v in hammer(port, info["cookie"], {name: url}, 3).values())
                    cpu[name] = (cpu_seconds(proc.pid) - before) * 1000 / n
            except SystemExit:
                print((Path(data_dir) / "serve.log").read_text()[-3000:])
                raise
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    c = info["counts"]
    db = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"\nscale {scale}: {c['contacts']:,} contacts, {c['opportunities']:,} jobs, {c['interactions']:,} touches "
          f"({db}, seeded or opened in {seeded:.0f}s; busy contact has {info['busy']} touches); "
          f"{CLIENTS} clients x {rounds} rounds; {processes or 'default'} web processes x {threads or 'default'} threads; load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"on {os.cpu_count()} CPUs (other work on the machine inflates every figure, the baseline's too)")
    print(f"engine refresh (followups.services.refresh, Today runs it at most once a minute per session): "
          f"{info['refresh']:.1f}s")
    print(f"{'page':<18}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'server CPU ms/req':>20}")
    for name, values in timings.items():
        print(f"{name:<18}{len(values):>6}{statistics.median(values):>10.1f}{pct(values, 95):>10.1f}"
              f"{max(values):>10.1f}{cpu[name]:>20.1f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.1,1", help="comma-separated data sizes (1 = full)")
    parser.add_argument("--rounds", type=int, default=10, help="requests per page per client")
    parser.add_argument("--processes", type=int, help="web processes (default: keepwarm serve's own default)")
    parser.add_argument("--threads", type=int, help="threads per web process (default: keepwarm serve's)")
    parser.add_argument("--data-dir", help="keep the seeded data in DATA_DIR-<scale> and reuse it next time")
    args = parser.parse_args(argv)
    for scale in (float(s) for s in args.scales.split(",")):
        run(scale, args.rounds, args.processes, args.data_dir, args.threads)


if __name__ == "__main__":
    main()
