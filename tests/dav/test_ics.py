"""iCalendar export: every file written is parsed back by icalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import time_machine

from keepwarm.dav.ics import CalItem, to_ics
from keepwarm.followups.models import FollowUp, State
from keepwarm.followups.services import add_reminder, mark_done
from keepwarm.jobs.services import add_interview

CHICAGO = ZoneInfo("America/Chicago")
NOW = dt.datetime(2011, 12, 4, 9, tzinfo=CHICAGO)


def events(text):
    cal = icalendar.Calendar.from_ical(text)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


@time_machine.travel(NOW, tick=False)
def test_interview_event(story, cli):
    result = cli("export", "ics")
    assert result.exit_code == 0, result.output
    cal, by_uid = events(result.stdout_bytes.decode())
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    event = by_uid[str(story["interview"].uid)]
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2011, 12, 5, 14, tzinfo=CHICAGO)
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Interview: Breeder assistant at Sugar Glider Co. (on site)"
    assert str(event["LOCATION"]) == "12 Glider Lane, Springfield"
    description = str(event["DESCRIPTION"])
    assert "With: Jane Doe, Hiring manager, +1 312-555-0142, jane@sugargliderco.com" in description
    assert "Read up on sugar gliders" in description and "Job: Breeder assistant at Sugar Glider Co." in description
    alarm = event.walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-60) and str(alarm["ACTION"]) == "DISPLAY"
    assert "ATTENDEE" not in event  # see events.py: no implicit scheduling in the user's name


@time_machine.travel(NOW, tick=False)
def test_video_link_goes_in_url_and_location(story, cli):
    iv = add_interview(story["opp"], NOW + dt.timedelta(days=2), format="video", where="https://meet.example.com/abc")
    _, by_uid = events(cli("export", "ics").stdout_bytes.decode())
    event = by_uid[str(iv.uid)]
    assert str(event["URL"]) == "https://meet.example.com/abc" == str(event["LOCATION"])


@time_machine.travel(NOW, tick=False)
def test_followups_are_all_day_and_closed_ones_leave(story, cli, owner):
    keep = add_reminder(owner, dt.date(2011, 12, 8), "Ask how the joeys are", contact=story["jane"], now=NOW)
    gone = add_reminder(owner, dt.date(2011, 12, 9), "Already done", now=NOW)
    mark_done(owner, gone.id, now=NOW)
    _, by_uid = events(cli("export", "ics").stdout_bytes.decode())
    event = by_uid[f"followup-{keep.id}@keepwarm"]
    assert event.decoded("DTSTART") == dt.date(2011, 12, 8)
    assert event.decoded("DTEND") == dt.date(2011, 12, 9)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["SUMMARY"]) == "Reminder: Jane Doe"
    assert "Ask how the joeys are" in str(event["DESCRIPTION"])
    assert f"followup-{gone.id}@keepwarm" not in by_uid
    open_rows = FollowUp.objects.filter(owner=owner, state__in=[State.OPEN, State.SNOOZED]).count()
    assert sum(1 for uid in by_uid if uid.startswith("followup-")) == open_rows


@time_machine.travel(NOW, tick=False)
def test_snoozed_followup_shows_on_its_new_day(story, cli, owner):
    from keepwarm.followups.services import snooze

    row = add_reminder(owner, dt.date(2011, 12, 4), "Call back", contact=story["jane"], now=NOW)
    snooze(owner, row.id, dt.date(2011, 12, 12), now=NOW)
    _, by_uid = events(cli("export", "ics").stdout_bytes.decode())
    assert by_uid[f"followup-{row.id}@keepwarm"].decoded("DTSTART") == dt.date(2011, 12, 12)


@time_machine.travel(NOW, tick=False)
def test_cancelled_interview_is_left_out_and_uids_are_stable(story, cli):
    first = cli("export", "ics").stdout_bytes.decode()
    assert events(first)[1].keys() == events(cli("export", "ics").stdout_bytes.decode())[1].keys()
    story["interview"].cancelled = True
    story["interview"].save()
    assert str(story["interview"].uid) not in events(cli("export", "ics").stdout_bytes.decode())[1]


def test_escaping_and_folding():
    item = CalItem(key="k", uid="u@keepwarm", summary="Interview, with; semicolons", description="line\n" + "é" * 80,
                   stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                   start=dt.datetime(2026, 12, 1, 14, tzinfo=CHICAGO), end=dt.datetime(2026, 12, 1, 15, tzinfo=CHICAGO))
    text = to_ics([item], name="keepwarm")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal, by_uid = events(text)
    assert str(cal["X-WR-CALNAME"]) == "keepwarm"
    assert str(by_uid["u@keepwarm"]["SUMMARY"]) == "Interview, with; semicolons"
    assert str(by_uid["u@keepwarm"]["DESCRIPTION"]) == "line\n" + "é" * 80


def test_vobject_reads_it_too(story, cli):
    """A second, independent parser: vobject must read the same file."""
    import vobject

    with time_machine.travel(NOW, tick=False):
        text = cli("export", "ics").stdout_bytes.decode()
    cal = vobject.readOne(text)
    assert any(e.summary.value.startswith("Interview:") for e in cal.vevent_list)


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n"), min_size=1,
               max_size=150).filter(lambda s: s.strip() and s == s.strip())


@hsettings(max_examples=150, deadline=None)
@given(summary=TEXT, description=TEXT, location=TEXT)
def test_any_text_survives_the_writer_and_icalendar(summary, description, location):
    summary = " ".join(summary.split())
    item = CalItem(key="k", uid="u-1", summary=summary or "x", description=description, location=location,
                   stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                   start=dt.datetime(2026, 12, 1, 14, tzinfo=CHICAGO), end=dt.datetime(2026, 12, 1, 15, tzinfo=CHICAGO))
    text = to_ics([item])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == item.summary
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == location
    assert event.decoded("DTSTART") == item.start
