"""CalDAV push against a real Radicale: interviews appear, move, and vanish when cancelled; others stay."""

import datetime as dt
import uuid

import caldav
import pytest
from django.utils import timezone

from keepwarm.dav.calsync import plan_events
from keepwarm.dav.models import DavAccount, EventState
from keepwarm.dav.services import add_account, push_account
from keepwarm.followups.services import add_reminder, mark_done
from keepwarm.jobs.services import add_interview


@pytest.fixture
def calendar_name():
    return f"Job search {uuid.uuid4().hex[:6]}"


@pytest.fixture
def account(owner, radicale, calendar_name):
    return add_account(owner, "calendar", radicale + "/", username="alice", password="secret",
                       calendar_name=calendar_name)


def remote_calendar(radicale, name):
    principal = caldav.DAVClient(url=radicale + "/", username="alice", password="secret").principal()
    return next(c for c in principal.calendars() if c.get_display_name() == name)


def remote_events(radicale, name) -> dict:
    """{UID: VEVENT} as the server has them, read back with the caldav library's icalendar objects."""
    found = {}
    for obj in remote_calendar(radicale, name).events():
        for event in obj.icalendar_instance.walk("VEVENT"):
            found[str(event["UID"])] = event
    return found


def push(account):
    report, error = push_account(DavAccount.objects.get(id=account.id))
    assert not error, error
    return report


@pytest.fixture
def upcoming(story):
    starts = (timezone.now() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    return add_interview(story["opp"], starts, minutes=60, format="video", where="https://meet.example.com/x",
                         interviewers=["Jane Doe"], prep_notes="Questions about joeys")


def test_plan_events_is_pure():
    assert sorted(plan_events({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "old", "d": "4"})) == [
        ("create", "c"), ("delete", "d"), ("update", "b")]


def test_push_move_cancel(owner, account, upcoming, radicale, calendar_name):
    reminder = add_reminder(owner, timezone.localdate() + dt.timedelta(days=2), "Send the thank-you",
                            contact=upcoming.interviewers.first())
    report = push(account)
    assert report.created >= 2 and not report.errors
    events = remote_events(radicale, calendar_name)
    event = events[str(upcoming.uid)]
    assert event.decoded("DTSTART") == upcoming.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=60)
    assert "Questions about joeys" in str(event["DESCRIPTION"])
    assert f"followup-{reminder.id}@keepwarm" in events
    assert len(event.walk("VALARM")) == 1

    assert push(account).changed == 0  # nothing changed: nothing sent

    upcoming.starts_at += dt.timedelta(days=1, hours=2)
    upcoming.save()
    assert push(account).updated == 1
    events = remote_events(radicale, calendar_name)
    assert events[str(upcoming.uid)].decoded("DTSTART") == upcoming.starts_at
    assert sum(1 for uid in events if uid == str(upcoming.uid)) == 1

    upcoming.cancelled = True
    upcoming.save()
    mark_done(owner, reminder.id)
    report = push(account)
    assert report.deleted == 2
    events = remote_events(radicale, calendar_name)
    assert str(upcoming.uid) not in events and f"followup-{reminder.id}@keepwarm" not in events
    assert not EventState.objects.filter(key__in=[f"interview-{upcoming.id}", f"followup-{reminder.id}"]).exists()


def test_deleted_interview_is_removed_and_foreign_events_stay(owner, account, upcoming, radicale, calendar_name):
    push(account)
    calendar = remote_calendar(radicale, calendar_name)
    calendar.add_event(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART:20270105T150000Z\r\nDTEND:20270105T160000Z\r\nSUMMARY:Dentist\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n")
    upcoming.delete()
    assert push(account).deleted == 1
    events = remote_events(radicale, calendar_name)
    assert "dentist-1" in events and str(events["dentist-1"]["SUMMARY"]) == "Dentist"
    assert str(upcoming.uid) not in events


def test_event_removed_in_the_calendar_app_does_not_break_the_push(owner, account, upcoming, radicale,
                                                                     calendar_name):
    push(account)
    remote_calendar(radicale, calendar_name).event_by_uid(str(upcoming.uid)).delete()
    upcoming.cancelled = True
    upcoming.save()
    report = push(account)
    assert report.deleted == 1 and not report.errors


def test_the_calendar_is_made_when_missing_and_found_again(owner, radicale, calendar_name, upcoming):
    first = add_account(owner, "calendar", radicale + "/", username="alice", password="secret",
                        calendar_name=calendar_name)
    push(first)
    names = [c.get_display_name() for c in caldav.DAVClient(url=radicale + "/", username="alice",
                                                            password="secret").principal().calendars()]
    assert names.count(calendar_name) == 1


def test_wrong_password(owner, radicale, calendar_name):
    account = add_account(owner, "calendar", radicale + "/", username="alice", password="nope",
                          calendar_name=calendar_name)
    report, error = push_account(account)
    assert report is None and error


def test_calendar_needs_a_name(owner, radicale):
    from keepwarm.lib.errors import InputError

    with pytest.raises(InputError, match="calendar"):
        add_account(owner, "calendar", radicale, calendar_name=" ")
