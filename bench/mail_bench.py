"""Benchmark `keepwarm import mbox` against the standard library reading the same file, in the same run.

    python bench/mail_bench.py [--messages 20000] [--small 5000]

1. Generates a realistic mbox (varied sizes, multipart, HTML newsletters, attachments, 200 known contacts at
   40 companies: ~6% of the mail is with them, ~1% from strangers at their domains) in a temp dir, twice:
   --small and --messages messages, so memory can be compared across file sizes.
2. Baselines, measured here: (a) the stdlib's mailbox.mbox iterating the file with BytesHeaderParser on each
   message; (b) keepwarm's own streaming splitter + BytesHeaderParser (headers only, nothing written).
3. Runs `keepwarm import mbox` as a child process on a fresh SQLite data dir (or the DATABASE_URL database),
   twice (the second run must skip everything: it resumes at the end of the unchanged file), then once more
   after touching the file (read again, every message skipped by its Message-ID), and reports messages/s,
   CPU time and the child's peak RSS;
   then once more on a fresh database with the scams app's per-message check switched off, to show which
   part of the time is mail's own.
"""

from __future__ import annotations

import argparse
import base64
import mailbox
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from email.parser import BytesHeaderParser
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("job interview follow up thanks schedule team role offer weekend glider project update meeting lunch "
         "question resume portfolio coffee availability Friday Monday budget report invoice").split()


def companies(n=40):
    return [(f"Company {i}", f"company{i}.example") for i in range(n)]


def contacts(n=200):
    comps = companies()
    return [(f"Person {i}", f"person{i}@{comps[i % len(comps)][1]}", comps[i % len(comps)][0]) for i in range(n)]


def _text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def message(rng: random.Random, i: int, people, me="amy@mail.example") -> bytes:
    """One message; the mix is what a job seeker's Google Takeout looks like."""
    import datetime as dt

    date = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=37 * i)
    roll = rng.random()
    labels = "Inbox"
    if roll < 0.03:
        name, addr, _ = rng.choice(people)
        frm, to = f"{name} <{addr}>", me
    elif roll < 0.06:
        name, addr, _ = rng.choice(people)
        frm, to, labels = me, f"{name} <{addr}>", "Sent"
    elif roll < 0.07:
        frm, to = f"Stranger {i} <stranger{i}@{rng.choice(companies())[1]}>", me
    else:
        frm, to = f"Shop {i % 300} <news{i % 300}@shop{i % 97}.example>", me
    head = (f"From: {frm}\nTo: {to}\nSubject: {_text(rng, 6)}\nDate: {format_datetime(date)}\n"
            f"Message-ID: <m{i}.{rng.getrandbits(32)}@bench.example>\nX-Gmail-Labels: {labels}\n"
            f"X-GM-THRID: {1600000000000000000 + i // 3}\nMIME-Version: 1.0\n"
            + "".join(f"Received: from relay{k}.example by mx.example; {format_datetime(date)}\n" for k in range(4)))
    kind = rng.random()
    if kind < 0.55:  # plain text, 1–6 KB
        return (head + "Content-Type: text/plain; charset=utf-8\n\n" + _text(rng, rng.randint(150, 900)) + "\n").encode()
    if kind < 0.85:  # HTML newsletter with remote images, 8–40 KB
        body = "".join(f"<p>{_text(rng, 40)}</p><img src='https://track.example/{i}/{k}.gif'>"
                       for k in range(rng.randint(25, 120)))
        return (head + "Content-Type: text/html; charset=utf-8\n\n<html><body>" + body + "</body></html>\n").encode()
    boundary = f"b{i}"
    size = rng.choice([2000, 20000, 60000, 150000])  # attachments, up to ~200 KB once encoded
    attachment = base64.encodebytes(rng.randbytes(size)).decode()
    return (head + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
            f"--{boundary}\nContent-Type: multipart/alternative; boundary=\"a{boundary}\"\n\n"
            f"--a{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{_text(rng, 200)}\n"
            f"--a{boundary}\nContent-Type: text/html; charset=utf-8\n\n<p>{_text(rng, 200)}</p>\n--a{boundary}--\n"
            f"--{boundary}\nContent-Type: application/pdf; name=\"resume.pdf\"\n"
            f"Content-Disposition: attachment; filename=\"resume.pdf\"\nContent-Transfer-Encoding: base64\n\n"
            f"{attachment}--{boundary}--\n").encode()


def write_mbox(path: Path, n: int, seed=7) -> int:
    rng, people = random.Random(seed), contacts()
    with open(path, "wb") as fh:
        for i in range(n):
            raw = message(rng, i, people).replace(b"\nFrom ", b"\n>From ")
            fh.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2025\n" + raw + b"\n")
    return path.stat().st_size


def baseline_stdlib(path: Path) -> tuple[int, float]:
    """Messages and CPU seconds."""
    parser, count, started = BytesHeaderParser(), 0, time.process_time()
    box = mailbox.mbox(str(path), factory=None, create=False)
    for key in box.iterkeys():
        parser.parsebytes(box.get_bytes(key))
        count += 1
    return count, time.process_time() - started


def baseline_split(path: Path) -> tuple[int, float]:
    from keepwarm.mail.mbox import split_mbox

    parser, count, started = BytesHeaderParser(), 0, time.process_time()
    with open(path, "rb") as fh:
        for raw in split_mbox(fh):
            parser.parsebytes(raw)
            count += 1
    return count, time.process_time() - started


def child_env(data_dir: Path) -> dict:
    env = {**os.environ, "KEEPWARM_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "keepwarm.settings"}
    env.setdefault("LOG_LEVEL", "ERROR")
    return env


SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from keepwarm.accounts.services import create_user
from keepwarm.people.services import create_contact
from keepwarm.jobs.services import create_opportunity
get_user_model().objects.filter(username="mailbench").delete()
user = create_user("mailbench")
from bench.mail_bench import contacts
for name, address, company in contacts():
    create_contact(user, name, company=company, emails=[address])
for i in range(0, 40, 4):
    create_opportunity(user, f"Role {i}", company=f"Company {i}", stage="applied", contacts=[f"Person {i}:hiring_manager"])
"""


# `keepwarm import mbox` with the scams app's hook switched off, to tell mail's own cost from the scam check's.
NO_SCAM = """
import sys
import keepwarm.mail.hooks as hooks
hooks.check_scam = lambda interaction, raw: None
hooks.check_scams = lambda owner, items: None
from keepwarm.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_import(path: Path, data_dir: Path, *, scam_check=True) -> tuple[float, int, str]:
    """CPU seconds (user + system, start-up included), peak RSS (MB) and the summary line of one
    `keepwarm import mbox` child process. CPU time, not wall time: this machine is shared and its load
    swings, which moved wall-clock rates by 2x between runs; CPU time is what the import itself costs."""
    started = time.perf_counter()
    command = ["-m", "keepwarm.cli"] if scam_check else ["-c", NO_SCAM]
    proc = subprocess.Popen([sys.executable, *command, "--user", "mailbench", "import", "mbox",
                             str(path)], cwd=ROOT, env=child_env(data_dir), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = usage.ru_utime + usage.ru_stime
    wall = time.perf_counter() - started
    print(f"    (child wall time {wall:.1f} s, CPU {elapsed:.1f} s)", file=sys.stderr)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"import failed ({proc.returncode}): {out}")
    return elapsed, usage.ru_maxrss // 1024, out.strip().splitlines()[-1]


def bench_size(n: int, tmp: Path) -> dict:
    path = tmp / f"bench-{n}.mbox"
    size = write_mbox(path, n)
    dirs = [tmp / f"data-{n}-{k}" for k in (1, 2)]

    def fresh(data_dir):  # with DATABASE_URL both data dirs share one database: set the user up again
        data_dir.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=child_env(data_dir), check=True)

    fresh(dirs[0])
    # This machine is shared and its load moves: each import is measured right after a baseline run.
    count_a, secs_a = baseline_stdlib(path)
    count_b, secs_b = baseline_split(path)
    assert count_a == count_b == n, (count_a, count_b, n)
    first, rss1, summary1 = run_import(path, dirs[0])
    second, rss2, summary2 = run_import(path, dirs[0])
    # The same file touched: its recorded progress no longer applies, so the re-run reads it all again and
    # skips each message by its Message-ID (what a re-run cost before imports recorded their progress).
    os.utime(path)
    touched, _, summary_t = run_import(path, dirs[0])
    _, secs_b2 = baseline_split(path)
    fresh(dirs[1])
    bare, rss3, _ = run_import(path, dirs[1], scam_check=False)
    return dict(n=n, mb=size / 1e6, stdlib=n / secs_a, split=n / secs_b, first=n / first, first_s=first,
                second=n / second, second_s=second, touched=n / touched, touched_s=touched,
                summary_t=summary_t, rss1=rss1, rss2=rss2, summary1=summary1, summary2=summary2,
                split2=n / secs_b2, bare=n / bare, bare_s=bare, rss3=rss3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--small", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
    tmp = Path(tempfile.mkdtemp(prefix="kw-mailbench-"))
    os.environ.setdefault("KEEPWARM_DATA_DIR", str(tmp / "parent"))
    import django

    django.setup()
    db = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    try:
        results = [bench_size(n, tmp) for n in (args.small, args.messages)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"keepwarm import mbox vs the standard library, same files, same run ({db}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}); rates are messages per CPU second")
    for r in results:
        print(f"\n{r['n']} messages, {r['mb']:.0f} MB")
        print(f"  baseline A: mailbox.mbox + BytesHeaderParser       {r['stdlib']:8.0f} msg/s")
        print(f"  baseline B: streaming split + BytesHeaderParser    {r['split']:8.0f} msg/s")
        print(f"  keepwarm import mbox (first run, whole command)    {r['first']:8.0f} msg/s  {r['first_s']:.1f} s"
              f"  = {r['first'] / r['stdlib']:.0%} of A, {r['first'] / r['split']:.0%} of B   peak RSS {r['rss1']} MB")
        print(f"    {r['summary1']}")
        print(f"  second run (everything skipped)                    {r['second']:8.0f} msg/s  {r['second_s']:.1f} s"
              f"  = {r['first_s'] / r['second_s']:.1f}x faster than the first   peak RSS {r['rss2']} MB")
        print(f"    {r['summary2']}")
        print(f"  re-run of the touched file (read again)            {r['touched']:8.0f} msg/s  {r['touched_s']:.1f} s"
              f"  = {r['first_s'] / r['touched_s']:.1f}x faster than the first")
        print(f"    {r['summary_t']}")
        print(f"  baseline B again                                   {r['split2']:8.0f} msg/s")
        print(f"  import without the scams app's check (mail alone)  {r['bare']:8.0f} msg/s  {r['bare_s']:.1f} s"
              f"  = {r['bare'] / r['split2']:.0%} of B   peak RSS {r['rss3']} MB")
    small, big = results
    print(f"\npeak RSS {small['rss1']} MB at {small['n']} messages vs {big['rss1']} MB at {big['n']} "
          f"(target: < 300 MB and flat)")


if __name__ == "__main__":
    main()
