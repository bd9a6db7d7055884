"""Benchmark the phone and calendar exports, `who`, and a CardDAV push, each beside a baseline from the same run.

    python bench/dav_bench.py                 # full size (20k contacts) in a temporary SQLite data dir
    python bench/dav_bench.py --scale 0.1     # quicker
    DATABASE_URL=postgres://… python bench/dav_bench.py

Measures (wall time, and query counts where the database is involved):
  - vCard export of every contact: gathering (queries) + vobject serialising, against the baseline of reading
    the same rows with values_list and writing the cards with plain string formatting (no folding/escaping);
  - iCalendar export of interviews + open follow-ups, against the baseline of a COUNT of the same rows;
  - `who` for a number written nationally, against the baseline of the exact indexed ContactPhone lookup;
  - a CardDAV push to a real Radicale on loopback (a sample of --push contacts): the first push (one PUT per
    card) and the steady state (nothing changed: one PROPFIND), against the baseline of that PROPFIND alone.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat=1):
    """(median seconds, result of the last run)."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def line(name, seconds, base=None, extra=""):
    ratio = f"  ({seconds / base:5.1f}× baseline)" if base else ""
    print(f"  {name:<46} {seconds * 1000:10.1f} ms{ratio}{extra}")


def start_radicale(tmp: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp / "users").write_text("bench:bench\n")
    (tmp / "config").write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = {tmp}/users\n"
        f"htpasswd_encryption = plain\ndelay = 0\n[rights]\ntype = owner_only\n"
        f"[storage]\nfilesystem_folder = {tmp}/collections\n[logging]\nlevel = warning\n")
    proc = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(tmp / "config")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import httpx

    for _ in range(150):
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc, f"http://127.0.0.1:{port}"
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("Radicale did not start")


def bench_exports(user):
    from django.utils import timezone

    from keepwarm.dav.cards import gather_cards
    from keepwarm.dav.context import display_name
    from keepwarm.dav.events import gather_items
    from keepwarm.dav.ics import to_ics
    from keepwarm.dav.vcard import many_to_vcard
    from keepwarm.followups.models import FollowUp
    from keepwarm.jobs.models import Interview
    from keepwarm.people.models import Contact, ContactEmail, ContactPhone

    def baseline_cards():
        phones, emails = {}, {}
        for cid, e164 in ContactPhone.objects.filter(owner=user).values_list("contact_id", "e164"):
            phones.setdefault(cid, []).append(e164)
        for cid, address in ContactEmail.objects.filter(owner=user).values_list("contact_id", "address"):
            emails.setdefault(cid, []).append(address)
        out = []
        for cid, name in Contact.objects.filter(owner=user).values_list("id", "name"):
            out.append("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name + "\r\n"
                       + "".join(f"TEL:{p}\r\n" for p in phones.get(cid, []))
                       + "".join(f"EMAIL:{e}\r\n" for e in emails.get(cid, [])) + "END:VCARD\r\n")
        return "".join(out)

    print("vCard export of every contact")
    base, _ = timed(baseline_cards, 3)
    line("baseline: values_list + string formatting", base)
    gather_t, cards = timed(lambda: gather_cards(user), 3)
    line(f"gather_cards ({len(cards):,} cards)", gather_t, base, f", {queries(lambda: gather_cards(user))} queries")
    write_t, text = timed(lambda: many_to_vcard(cards, name_context=True), 1)
    line("vCard writing (every card, CRLF, folded)", write_t, base, f", {len(text) / 1e6:.1f} MB")
    assert all(display_name(c, True) for c in cards[:10])

    print("iCalendar export (interviews in the last 180 days and ahead, open follow-ups)")
    now = timezone.now()
    base, _ = timed(lambda: (Interview.objects.filter(owner=user).count(),
                             FollowUp.objects.filter(owner=user, state__in=["open", "snoozed"]).count()), 5)
    line("baseline: COUNT of interviews and follow-ups", base)
    gather_t, items = timed(lambda: gather_items(user, now), 3)
    line(f"gather_items ({len(items):,} events)", gather_t, base,
         f", {queries(lambda: gather_items(user, now))} queries")
    write_t, text = timed(lambda: to_ics(items, name="keepwarm"), 1)
    line("iCalendar writing (every event, folded)", write_t, base, f", {len(text) / 1e6:.1f} MB")


def bench_who(user):
    from keepwarm.dav.lookup import who
    from keepwarm.lib.phones import pretty
    from keepwarm.people.models import ContactPhone

    numbers = list(ContactPhone.objects.filter(owner=user, e164__startswith="+1").values_list("e164", flat=True)[:200])
    if not numbers:
        print("who: no +1 numbers in the data set, skipped")
        return
    national = [pretty(n).replace("+1 ", "(").replace("-", ") ", 1) for n in numbers]
    print(f"who NUMBER ({len(numbers)} different numbers, written like '{national[0]}')")
    base, _ = timed(lambda: [list(ContactPhone.objects.filter(owner=user, e164=n)) for n in numbers], 3)
    line("baseline: exact indexed e164 lookup, per number", base / len(numbers))
    t, found = timed(lambda: [who(user, n) for n in national], 3)
    line("who(): parse + match + jobs + last touch, per number", t / len(numbers), base / len(numbers),
         f", {queries(lambda: who(user, national[0]))} queries each")
    assert all(found), "every number must be found"


def bench_push(user, sample: int, tmp: Path):
    from keepwarm.dav import cards as cards_module
    from keepwarm.dav.carddav import CardDavClient
    from keepwarm.dav.cardsync import push_addressbook
    from keepwarm.dav.services import add_account
    from keepwarm.people.models import Contact

    proc, base_url = start_radicale(tmp)
    try:
        book = f"{base_url}/bench/contacts/"
        with CardDavClient(book, "bench", "bench") as client:
            client.make_addressbook("bench")
        account = add_account(user, "addressbook", book, username="bench", password="bench")
        keep = set(Contact.objects.filter(owner=user).order_by("id").values_list("id", flat=True)[:sample])
        original = cards_module.selected_contacts

        def sampled(owner, **kw):  # push a sample: Radicale's one-file-per-card storage is the slow part
            return original(owner, **kw).filter(id__in=keep)

        cards_module.selected_contacts = sampled
        print(f"CardDAV push to Radicale on loopback ({len(keep):,} contacts)")
        with CardDavClient(book, "bench", "bench") as client:
            base, _ = timed(client.etags, 3)
        first, report = timed(lambda: push_addressbook(account), 1)
        assert report.created == len(keep), report
        with CardDavClient(book, "bench", "bench") as client:
            base, etags = timed(client.etags, 3)
        line("baseline: PROPFIND of the full address book", base)
        line(f"first push ({report.created:,} PUTs)", first, base, f", {first / report.created * 1000:.1f} ms/card")
        steady, report = timed(lambda: push_addressbook(account), 3)
        assert report.changed == 0, report
        line("steady push (nothing changed)", steady, base)
        cards_module.selected_contacts = original
    finally:
        proc.terminate()
        proc.wait(10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 20k contacts, 5k jobs, 200k touches")
    parser.add_argument("--push", type=int, default=2000, help="contacts in the CardDAV push sample")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kw-dav-bench-") as tmp:
        os.environ.setdefault("KEEPWARM_DATA_DIR", tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from bench.seed import seed
        from keepwarm.accounts.services import create_user

        call_command("migrate", verbosity=0)
        user = create_user(f"davbench{os.getpid()}", time_zone="America/Chicago")
        t0 = time.perf_counter()
        counts = seed(user, contacts=int(20000 * args.scale), opportunities=int(5000 * args.scale),
                      interactions=int(200000 * args.scale))
        print(f"seeded {counts['contacts']:,} contacts, {counts['interviews']:,} interviews in "
              f"{time.perf_counter() - t0:.0f} s ({os.environ.get('DATABASE_URL') and 'PostgreSQL' or 'SQLite'})")
        from keepwarm.followups.services import refresh
        from django.utils import timezone

        refresh(user, timezone.now())
        bench_exports(user)
        bench_who(user)
        radicale_dir = Path(tmp) / "radicale"
        radicale_dir.mkdir()
        bench_push(user, args.push, radicale_dir)


if __name__ == "__main__":
    main()
