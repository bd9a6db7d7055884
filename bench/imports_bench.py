"""Benchmark the importers on a big account, each beside a baseline from the same run.

    python bench/imports_bench.py                # full size (20k contacts seeded) in a temporary SQLite data dir
    python bench/imports_bench.py --scale 0.1    # quicker
    DATABASE_URL=postgres://… python bench/imports_bench.py

Measures (wall time):
  - LinkedIn Connections.csv with --rows connections, half of them already contacts (same email): the dry run,
    the import, and the re-import (a no-op), against the baseline of creating the same number of new contacts
    straight through people.services.create_contact (no matching, no report);
  - an application spreadsheet of --rows jobs: import and re-import, against the baseline of
    jobs.services.create_opportunity for the same rows;
  - parsing alone (no database) for both files, to show where the time goes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def line(name, seconds, rows, base=None):
    ratio = f"  ({seconds / base:5.2f}× baseline)" if base else ""
    print(f"  {name:<44} {seconds:8.2f} s  {rows / seconds:9.0f} rows/s{ratio}")


def connections_csv(existing_emails: list[str], rows: int) -> bytes:
    lines = ["Notes:", '"When exporting your connection data, you may notice that some of the email addresses are '
             'missing."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(rows):
        email = existing_emails[i // 2] if i % 2 == 0 and i // 2 < len(existing_emails) else f"new{i}@example.org"
        lines.append(f"First{i},Last{i},https://www.linkedin.com/in/person-{i},{email},Company {i % 300},Manager,"
                     f"0{1 + i % 9} Nov 2025")
    return ("\r\n".join(lines) + "\r\n").encode()


def applications_csv(rows: int) -> bytes:
    statuses = ["waiting", "no response", "on hold", "rejected", "interview", "offer", "applied"]
    body = [f"Bench Co {i % 400},Bench role {i},11/{1 + i % 28:02d}/2026,{statuses[i % len(statuses)]},"
            f"https://jobs.lever.co/bench{i % 400}/{i}" for i in range(rows)]
    return ("\ufeffCompany,Position,Date Applied,Status,Link\n" + "\n".join(body) + "\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20k contacts, 5k jobs, 200k touches seeded")
    parser.add_argument("--rows", type=int, default=2000, help="rows in each imported file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kw-imports-bench-") as tmp:
        os.environ.setdefault("KEEPWARM_DATA_DIR", tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction

        from bench.seed import seed
        from keepwarm.accounts.services import create_user
        from keepwarm.imports import linkedin, services, spreadsheet
        from keepwarm.imports.bundle import Bundle
        from keepwarm.jobs.services import create_opportunity
        from keepwarm.people.models import ContactEmail
        from keepwarm.people.services import create_contact

        call_command("migrate", verbosity=0)
        user = create_user(f"importbench{os.getpid()}", time_zone="America/Chicago")
        t0 = time.perf_counter()
        counts = seed(user, contacts=int(20000 * args.scale), opportunities=int(5000 * args.scale),
                      interactions=int(200000 * args.scale))
        print(f"seeded {counts['contacts']:,} contacts, {counts.get('opportunities', 0):,} jobs in "
              f"{time.perf_counter() - t0:.0f} s ({os.environ.get('DATABASE_URL') and 'PostgreSQL' or 'SQLite'})")
        rows = args.rows
        emails = list(ContactEmail.objects.filter(owner=user).values_list("address", flat=True)[: rows // 2])
        folder = Path(tmp) / "linkedin"
        folder.mkdir()
        (folder / "Connections.csv").write_bytes(connections_csv(emails, rows))
        jobs = applications_csv(rows)

        print(f"LinkedIn Connections.csv, {rows:,} rows ({len(emails):,} already contacts by email):")
        baseline_user = create_user(f"baseline{os.getpid()}", time_zone="America/Chicago")

        def baseline_contacts():
            with transaction.atomic():
                for i in range(rows):
                    create_contact(baseline_user, f"First{i} Last{i}", company=f"Company {i % 300}", role="Manager",
                                   emails=[f"base{i}@example.org"], socials=[f"linkedin:https://www.linkedin.com/in/p-{i}"])

        base, _ = timed(baseline_contacts)
        line("baseline: create_contact × rows", base, rows)
        line("parse only", timed(lambda: linkedin.parse(Bundle(folder)))[0], rows, base)
        line("dry run", timed(lambda: services.import_linkedin(user, Bundle(folder), dry_run=True))[0], rows, base)
        seconds, report = timed(lambda: services.import_linkedin(user, Bundle(folder)))
        line(f"import ({report.summary()})", seconds, rows, base)
        seconds, report = timed(lambda: services.import_linkedin(user, Bundle(folder)))
        line(f"re-import ({report.summary()})", seconds, rows, base)

        print(f"Applications spreadsheet, {rows:,} rows:")

        def baseline_jobs():
            with transaction.atomic():
                for i in range(rows):
                    create_opportunity(baseline_user, f"Bench role {i}", company=f"Bench Co {i % 400}",
                                       stage="applied", url=f"https://jobs.lever.co/bench{i % 400}/{i}")

        base, _ = timed(baseline_jobs)
        line("baseline: create_opportunity × rows", base, rows)
        line("parse only", timed(lambda: list(spreadsheet.parse_file(jobs, "a.csv")[2]))[0], rows, base)
        seconds, report = timed(lambda: services.import_csv(user, jobs, "a.csv"))
        line(f"import ({report.summary()})", seconds, rows, base)
        seconds, report = timed(lambda: services.import_csv(user, jobs, "a.csv"))
        line(f"re-import ({report.summary()})", seconds, rows, base)


if __name__ == "__main__":
    main()
