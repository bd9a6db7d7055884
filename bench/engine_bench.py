"""Benchmark the keep-in-touch engine and `keepwarm today` at full size and at one tenth.

    python bench/engine_bench.py                # SQLite in temporary data dirs
    DATABASE_URL=postgres://kw:kw@127.0.0.1:55432/kw python bench/engine_bench.py   # PostgreSQL

Each size runs in its own child process with its own fresh database (a temporary KEEPWARM_DATA_DIR; with
DATABASE_URL, a database `<name>_bench_<size>` created next to the named one and dropped afterwards), so the
sizes never share tables or caches. The child seeds one user with bench/seed.py, then measures:
  - in process: the engine (followups.gather.gather + engine.due_items), followups.services.refresh (first run,
    which creates the follow-ups, and steady state), and today_list — wall time and query count
    (CaptureQueriesContext);
  - the real console script: `keepwarm today --json`, several runs, median wall time;
  - baselines measured in the same run: a trivial COUNT query, and `keepwarm --help` / `keepwarm user list`
    process starts (Python + Django start-up, which every command pays).
Targets: `keepwarm today` < 1 s wall at full size; the engine's query count equal at both sizes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
FULL = dict(contacts=20000, opportunities=5000, interactions=200000)
TODAY_TARGET_S = 1.0


# --- child: one size, one database ---------------------------------------------------------------------------
def _timed(fn, *args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        t0, c0 = time.perf_counter(), time.process_time()
        value = fn(*args)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    _CPU[fn] = cpu  # SQLite works in this process, so CPU time is query work too; PostgreSQL's is elsewhere
    return value, elapsed, ctx.captured_queries


_CPU: dict = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_wall(cmd, env, runs):
    """Median wall and CPU seconds of a command over `runs` runs, after one warm-up run (which writes the
    bytecode cache an installed package would have). CPU time is shown too: on a busy machine the wall time
    includes waiting for a core."""
    walls, cpus = [], []
    for n in range(runs + 1):
        t0, c0 = time.perf_counter(), _children_cpu()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if n:
            walls.append(time.perf_counter() - t0)
            cpus.append(_children_cpu() - c0)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
    return statistics.median(walls), statistics.median(cpus), done.stdout


def child(scale: float, runs: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench.seed import seed
    from keepwarm.accounts.services import create_user
    from keepwarm.followups.engine import due_items
    from keepwarm.followups.gather import gather
    from keepwarm.followups.services import refresh, today_list
    from keepwarm.people.models import Contact

    call_command("migrate", verbosity=0)
    user = create_user("bench", time_zone="America/Chicago")
    sizes = {k: int(v * scale) for k, v in FULL.items()}
    t0 = time.perf_counter()
    rows = seed(user, **sizes)
    out = {"scale": scale, "seed_s": time.perf_counter() - t0, "rows": rows}
    now = timezone.now()

    counts = [_timed(lambda: Contact.objects.filter(owner=user).count())[1] for _ in range(5)]
    out["count_query_ms"] = statistics.median(counts) * 1000

    data, t_gather, q_gather = _timed(gather, user, now)
    out.update(gather_ms=t_gather * 1000, gather_cpu_ms=_CPU[gather] * 1000, gather_q=len(q_gather))
    items, t_engine, q_engine = _timed(due_items, data, now)
    out.update(due_ms=t_engine * 1000, due_q=len(q_engine),
               items=len(items), engine_contacts=len(data.contacts), engine_jobs=len(data.opportunities))
    _, t, q = _timed(refresh, user, now)
    out.update(refresh_first_ms=t * 1000, refresh_first_q=len(q))
    _, t, q = _timed(refresh, user, now)
    out.update(refresh_ms=t * 1000, refresh_cpu_ms=_CPU[refresh] * 1000, refresh_q=len(q))
    result, t, q = _timed(today_list, user, now)
    out.update(today_list_ms=t * 1000, today_list_cpu_ms=_CPU[today_list] * 1000, today_list_q=len(q),
               today_rows=len(result.all()))
    out["slowest_queries"] = sorted(((float(x["time"]) * 1000, x["sql"][:160]) for x in q), reverse=True)[:4]

    # The real console script, as a user would run it.
    script = str(Path(sys.executable).parent / "keepwarm")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"KEEPWARM_USER": "bench"}
    out["help_s"], out["help_cpu"], _ = _median_wall([script, "--help"], env, runs)
    out["user_list_s"], out["user_list_cpu"], _ = _median_wall([script, "user", "list"], env, runs)
    out["today_s"], out["today_cpu"], stdout = _median_wall([script, "today", "--json"], env, runs)
    out["today_cli_rows"] = len(json.loads(stdout))

    if scale >= 1 and out["today_s"] >= TODAY_TARGET_S:
        out["profile"] = _profile(lambda: today_list(user, timezone.now()))
    return out


def _profile(fn) -> str:
    prof = cProfile.Profile()
    prof.runcall(fn)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(25)
    return buf.getvalue()


# --- parent: one child per size, then the table -------------------------------------------------------------
def _bench_database(url: str, tag: str, drop: bool = False) -> str:
    """A fresh PostgreSQL database beside the one DATABASE_URL names (or drop it)."""
    import psycopg

    parts = urlparse(url)
    name = f"{parts.path.lstrip('/')}_bench_{tag}"
    # Through the maintenance database: the one DATABASE_URL names need not exist yet.
    with psycopg.connect(urlunparse(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parts._replace(path=f"/{name}"))


def run_size(scale: float, runs: int) -> dict:
    tag = str(scale).replace(".", "_")
    with tempfile.TemporaryDirectory(prefix="kw-bench-") as tmp:
        env = {**os.environ, "KEEPWARM_DATA_DIR": tmp, "PYTHONPATH": str(ROOT)}
        url = os.environ.get("DATABASE_URL")
        if url:
            env["DATABASE_URL"] = _bench_database(url, tag)
        try:
            done = subprocess.run([sys.executable, __file__, "--child", str(scale), "--runs", str(runs)],
                                  env=env, capture_output=True, text=True)
        finally:
            if url:
                _bench_database(url, tag, drop=True)
    if done.returncode != 0:
        raise SystemExit(f"size {scale} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(small: dict, full: dict, runs: int) -> str:
    def row(label, key, fmt="{:.1f}", target=""):
        return f"{label:<44} {fmt.format(small[key]):>12} {fmt.format(full[key]):>12}  {target}"

    lines = [
        f"{'':<44} {'1/10':>12} {'full':>12}  target",
        f"{'contacts / jobs / touches':<44} {'{contacts}/{opportunities}/{interactions}'.format(**small['rows']):>12} "
        f"{'{contacts}/{opportunities}/{interactions}'.format(**full['rows']):>12}",
        row("seed time (s)", "seed_s"),
        row("baseline: COUNT(*) of contacts (ms)", "count_query_ms", "{:.2f}"),
        row("engine: gather, wall (ms)", "gather_ms"),
        row("engine: gather, CPU of this process (ms)", "gather_cpu_ms"),
        row("engine: gather (queries)", "gather_q", "{}", "equal at both sizes"),
        row("engine: due_items, pure (ms)", "due_ms"),
        row("engine: due_items (queries)", "due_q", "{}", "0"),
        row("engine: contacts looked at", "engine_contacts", "{}"),
        row("engine: jobs looked at", "engine_jobs", "{}"),
        row("engine: items due", "items", "{}"),
        row("refresh, first run, creates rows (ms)", "refresh_first_ms"),
        row("refresh, first run (queries)", "refresh_first_q", "{}"),
        row("refresh, steady state, wall (ms)", "refresh_ms"),
        row("refresh, steady state, CPU (ms)", "refresh_cpu_ms"),
        row("refresh, steady state (queries)", "refresh_q", "{}", "equal at both sizes"),
        row("today_list in process, wall (ms)", "today_list_ms"),
        row("today_list in process, CPU (ms)", "today_list_cpu_ms"),
        row("today_list in process (queries)", "today_list_q", "{}"),
        row(f"baseline: `keepwarm --help` wall (s, median of {runs})", "help_s", "{:.3f}"),
        row("baseline: `keepwarm --help` CPU (s)", "help_cpu", "{:.3f}"),
        row(f"baseline: `keepwarm user list` wall (s, median of {runs})", "user_list_s", "{:.3f}"),
        row("baseline: `keepwarm user list` CPU (s)", "user_list_cpu", "{:.3f}"),
        row(f"`keepwarm today --json` wall (s, median of {runs})", "today_s", "{:.3f}",
            f"< {TODAY_TARGET_S:.0f} s at full"),
        row("`keepwarm today --json` CPU (s)", "today_cpu", "{:.3f}"),
        row("`keepwarm today` rows", "today_cli_rows", "{}"),
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of each console command (median)")
    parser.add_argument("--scale", type=float, default=1.0, help="the 'full' size (1 = 20k/5k/200k)")
    parser.add_argument("--child", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.runs), default=str))
        return 0

    backend = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"keepwarm engine bench — {backend}, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f} (a busy machine inflates wall times; CPU times are shown beside them)")
    small = run_size(args.scale / 10, args.runs)
    full = run_size(args.scale, args.runs)
    print(table(small, full, args.runs))
    for label, result in (("1/10", small), ("full", full)):
        print(f"slowest queries of today_list ({label}):")
        for ms, sql in result["slowest_queries"]:
            print(f"  {ms:8.1f} ms  {sql}")

    engine_flat = small["gather_q"] == full["gather_q"] and small["refresh_q"] == full["refresh_q"] \
        and full["due_q"] == 0
    fast = full["today_s"] < TODAY_TARGET_S
    print(f"target `keepwarm today` < {TODAY_TARGET_S:.0f} s at full size: "
          f"{'PASS' if fast else 'FAIL'} ({full['today_s']:.3f} s; process start alone "
          f"{full['user_list_s']:.3f} s, so the work itself is {full['today_s'] - full['user_list_s']:.3f} s; "
          f"CPU {full['today_cpu']:.3f} s)")
    print(f"target engine query count equal at both sizes: {'PASS' if engine_flat else 'FAIL'} "
          f"(gather {small['gather_q']} vs {full['gather_q']}, refresh {small['refresh_q']} vs {full['refresh_q']})")
    if full.get("profile"):
        print("profile of today_list at full size:\n" + full["profile"])
    return 0 if fast and engine_flat else 1


if __name__ == "__main__":
    sys.exit(main())
