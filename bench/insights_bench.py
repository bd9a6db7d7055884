"""How fast the insights dashboard answers on the large data set (5,000 jobs, 20,000 contacts, 200,000 touches).

Prints, each as the median of several runs, against baselines measured in the same run:
  - a trivial query (one indexed row) and a trivial page (the export page: login + template, no figures);
  - stats.compute() — every figure of the dashboard — for the default 12 weeks and for all time;
  - the full dashboard page through Django's test Client (login, figures, SVG charts, tables);
  - the first view after logging, editing or deleting a touch (what the caches have to redo).
Target: the dashboard page under 300 ms.

    python bench/insights_bench.py                 # seeds a fresh temporary data dir (about a minute)
    KEEPWARM_DATA_DIR=/tmp/kw-bench python bench/insights_bench.py   # reuses a data dir seeded before
    DATABASE_URL=postgres://… python bench/insights_bench.py         # on PostgreSQL
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300
RUNS = 7


def timed(fn, runs=RUNS) -> tuple[float, float]:
    """Median wall time and median CPU time of this process, in milliseconds (after one warm-up run).

    SQLite runs inside this process, so the CPU time is the work itself; on a busy machine the wall time also
    holds the time spent waiting for a core (the load average is printed with the figures)."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("KEEPWARM_DATA_DIR", tempfile.mkdtemp(prefix="kw-insights-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from bench.seed import seed
    from keepwarm.accounts.services import create_user
    from keepwarm.insights import stats
    from keepwarm.insights.models import Snapshot, TouchWeeks
    from keepwarm.jobs.models import Opportunity
    from keepwarm.timeline.models import Interaction

    setup_test_environment()
    call_command("migrate", verbosity=0)
    User = get_user_model()
    user = User.objects.filter(username="bench").first()
    if user is None or not Interaction.objects.filter(owner=user).exists():
        user = user or create_user("bench", time_zone="America/Chicago")
        started = time.perf_counter()
        counts = seed(user, contacts=20000, opportunities=5000, interactions=200000)
        print(f"seeded in {time.perf_counter() - started:.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"database: {connection.vendor}; data dir {os.environ['KEEPWARM_DATA_DIR']}")
    print(f"jobs {Opportunity.objects.filter(owner=user).count():,}, "
          f"touches {Interaction.objects.filter(owner=user).count():,}")

    client = Client()
    client.force_login(user)

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return get

    now = timezone.now
    TouchWeeks.objects.filter(owner=user).delete()
    Snapshot.objects.filter(owner=user).delete()
    started = time.perf_counter()
    stats.compute(user, now())  # the very first visit counts the past weeks and stores the caches
    first_visit = (time.perf_counter() - started) * 1000
    rows = [
        ("baseline: trivial query", timed(lambda: User.objects.filter(pk=user.pk).exists())),
        ("baseline: trivial page (export)", timed(page("/insights/export/"))),
        ("stats.compute, last 12 weeks", timed(lambda: stats.compute(
            user, now(), (now() - __import__("datetime").timedelta(weeks=11)).date()))),
        ("stats.compute, all time", timed(lambda: stats.compute(user, now()))),
        ("dashboard page (default: 12 weeks)", timed(page("/insights/"))),
        ("dashboard page, all time", timed(page("/insights/?weeks=all"))),
        ("work-search log page, 4 weeks", timed(page("/insights/worklog/"), runs=3)),
    ]

    def after_an_edit():
        touch = Interaction.objects.filter(owner=user, happened_at__lt=now() - __import__("datetime").timedelta(
            days=30)).order_by("id").first()
        touch.direction = "in" if touch.direction == "out" else "out"
        touch.save()  # moved between the stored weekly counts (signals.py); the applications' facts recomputed
        page("/insights/")()

    def after_a_deletion():
        Interaction.objects.filter(owner=user, summary="bench touch").order_by("id").first().delete()
        page("/insights/")()  # a deletion means counting the past weeks again, once

    def after_a_new_touch():
        from keepwarm.timeline.services import log_interaction

        contact = user_contact
        log_interaction(user, [contact], channel="email", direction="out", summary="bench touch")
        page("/insights/")()

    from keepwarm.people.models import Contact

    user_contact = Contact.objects.filter(owner=user).first()
    rows.append(("dashboard page right after logging a touch", timed(after_a_new_touch, runs=3)))
    rows.append(("dashboard page right after editing a touch", timed(after_an_edit, runs=3)))
    rows.append(("dashboard page right after deleting a touch", timed(after_a_deletion, runs=2)))
    print(f"first visit ever (counts 200,000 touches once): {first_visit:.0f} ms")
    width = max(len(name) for name, _ in rows)
    print(f"{'':<{width}}  {'wall':>8}     {'CPU':>8}      (load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores)")
    for name, (wall, cpu) in rows:
        print(f"{name:<{width}}  {wall:8.1f} ms  {cpu:8.1f} ms")
    wall, cpu = rows[4][1]
    verdict = "meets" if wall < TARGET_MS else "MISSES"
    print(f"dashboard page: {wall:.0f} ms wall ({cpu:.0f} ms CPU) {verdict} the {TARGET_MS} ms target; "
          f"{wall / rows[1][1][0]:.1f}× the trivial page")


if __name__ == "__main__":
    main()
