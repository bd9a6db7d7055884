"""The iCalendar writer: interviews as timed events, open follow-ups as all-day events (icalendar serialises).

Follow-ups are all-day VEVENTs, not VTODOs, because Google Calendar and Outlook ignore VTODO in imported or
subscribed calendars and Apple Calendar leaves them to Reminders; an all-day, transparent (not busy) event shows
in every one of them and in Thunderbird, and never blocks the user's free/busy time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import icalendar

PRODID = "-//keepwarm//keepwarm//EN"
ALARM_MINUTES = 60


@dataclasses.dataclass
class CalItem:
    """One calendar object as plain data (see events.gather_items)."""

    key: str  # "interview-12", "followup-7": identity in the sync state
    uid: str
    summary: str
    description: str
    stamp: dt.datetime  # last change of the source row: DTSTAMP/LAST-MODIFIED, stable so hashes stay stable
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    location: str = ""
    url: str = ""
    alarm_minutes: int | None = None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def build_event(item: CalItem) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.stamp.astimezone(dt.timezone.utc))
    event.add("last-modified", item.stamp.astimezone(dt.timezone.utc))
    event.add("summary", item.summary)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    if item.all_day:
        event.add("transp", "TRANSPARENT")  # a reminder to write to someone does not make the user busy
    else:
        event.add("status", "CONFIRMED")
    event.add("categories", ["keepwarm"])
    if item.alarm_minutes is not None:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", dt.timedelta(minutes=-item.alarm_minutes))
        event.add_component(alarm)
    return event


def build_calendar(items, *, name: str = "") -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        # Apple and Google read X-WR-CALNAME; REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL ask subscribers to
        # poll hourly instead of daily.
        cal.add("x-wr-calname", name)
        cal.add("name", name)
        cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT1H")
    for item in items:
        cal.add_component(build_event(item))
    # A VTIMEZONE for every TZID used: Outlook rejects a TZID it cannot resolve.
    cal.add_missing_timezones()
    return cal


def to_ics(items, *, name: str = "") -> str:
    return build_calendar(items, name=name).to_ical().decode()


def item_hash(item: CalItem) -> str:
    return hashlib.sha256(to_ics([item]).encode()).hexdigest()
