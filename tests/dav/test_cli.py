"""The dav commands end to end: `keepwarm sync` pushes to Radicale; feed, list, remove; every help has an Example."""

import datetime as dt

import caldav
import icalendar
import pytest
import vobject
from django.utils import timezone

from keepwarm.dav.carddav import CardDavClient
from keepwarm.dav.models import DavAccount, DavProfile
from keepwarm.jobs.services import add_interview

COMMANDS = [("export", "vcard"), ("export", "ics"), ("who",), ("dav",), ("dav", "add-addressbook"),
            ("dav", "add-calendar"), ("dav", "list"), ("dav", "remove"), ("dav", "push"), ("dav", "feed")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_help_ends_with_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    doc = result.output.split("Options:")[0].strip()
    assert doc.split("\n\n")[-1].strip().startswith("Example: keepwarm ")  # click may wrap a long example


# transaction=True: the worker's run_once calls close_old_connections(), which on PostgreSQL closes a connection
# held inside pytest-django's per-test transaction (SQLite's in-memory test database ignores the close).
@pytest.mark.django_db(transaction=True)
def test_keepwarm_sync_puts_the_contact_in_the_address_book_and_the_interview_in_the_calendar(
        story, cli, addressbook, radicale, monkeypatch):
    """The issue's 'done when': a contact added in keepwarm appears in a Radicale address book with its job
    context, an interview appears in a Radicale calendar, and both stay in step through edits."""
    monkeypatch.setenv("PW", "secret")
    assert cli("dav", "add-addressbook", addressbook, "--username", "alice", "--password-env", "PW").exit_code == 0
    assert cli("dav", "add-calendar", radicale + "/", "--calendar", "Job search sync", "--username", "alice",
               "--password-env", "PW").exit_code == 0
    starts = (timezone.now() + dt.timedelta(days=5)).replace(second=0, microsecond=0)
    interview = add_interview(story["opp"], starts, format="phone",
                              interviewers=["Jane Doe"])
    assert cli("sync").exit_code == 0

    with CardDavClient(addressbook, "alice", "secret") as book:
        (href,) = book.etags()
        assert "on hold since 2011-12-10" in vobject.readOne(book.get(href)[0]).note.value
    principal = caldav.DAVClient(url=radicale + "/", username="alice", password="secret").principal()
    calendar = next(c for c in principal.calendars() if c.get_display_name() == "Job search sync")
    event = calendar.event_by_uid(str(interview.uid)).icalendar_component
    assert event.decoded("DTSTART") == interview.starts_at

    # Edits reach both on the next sync (the edit itself makes the accounts due).
    story["jane"].role = "Owner"
    story["jane"].save()
    interview.starts_at += dt.timedelta(hours=3)
    interview.save()
    assert cli("sync").exit_code == 0
    with CardDavClient(addressbook, "alice", "secret") as book:
        assert vobject.readOne(book.get(href)[0]).title.value == "Owner"
    event = calendar.event_by_uid(str(interview.uid)).icalendar_component
    assert event.decoded("DTSTART") == interview.starts_at
    listing = cli("dav", "list").output
    assert listing.count("last push: 20") == 2 and "error" not in listing


def test_export_ics_to_a_file(story, cli, tmp_path):
    path = tmp_path / "k.ics"
    assert cli("export", "ics", "-o", str(path)).exit_code == 0
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "keepwarm"


def test_feed_commands(owner, cli):
    assert "no feed yet" in cli("dav", "feed").output
    url = cli("dav", "feed", "--new", "--base-url", "https://kw.example.com/").output.strip()
    assert url.startswith("https://kw.example.com/dav/feed/") and url.endswith(".ics")
    assert cli("dav", "feed", "--base-url", "https://kw.example.com").output.strip() == url
    assert cli("dav", "feed", "--revoke").exit_code == 0
    assert DavProfile.objects.get(owner=owner).feed_token_hash == ""


def test_remove_and_unknown_account(owner, cli, outsider):
    mine = DavAccount.objects.create(owner=owner, kind="addressbook", url="http://127.0.0.1:9/b/")
    theirs = DavAccount.objects.create(owner=outsider, kind="addressbook", url="http://127.0.0.1:9/c/")
    result = cli("--user", "amy", "dav", "remove", str(theirs.id))
    assert result.exit_code == 2 and "no such DAV account" in result.output
    assert cli("--user", "amy", "dav", "remove", str(mine.id)).exit_code == 0
    assert list(DavAccount.objects.values_list("id", flat=True)) == [theirs.id]


def test_push_reports_failure_with_status_1(owner, cli):
    DavAccount.objects.create(owner=owner, kind="addressbook", url="http://127.0.0.1:9/b/")
    result = cli("dav", "push")
    assert result.exit_code == 1 and "ConnectError" in result.output


def test_duplicate_account_is_refused(owner, cli, monkeypatch):
    monkeypatch.setenv("PW", "x")
    args = ("dav", "add-addressbook", "https://dav.example.com/book/", "--password-env", "PW")
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 2 and "already set up" in again.output
    missing = cli("dav", "add-addressbook", "https://dav.example.com/other/", "--password-env", "NOPE_NOT_SET")
    assert missing.exit_code == 2 and "password-env" in missing.output
