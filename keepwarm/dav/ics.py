"""The iCalendar writer: interviews as timed events, open follow-ups as all-day events.

Follow-ups are all-day VEVENTs, not VTODOs, because Google Calendar and Outlook ignore VTODO in imported or
subscribed calendars and Apple Calendar leaves them to Reminders; an all-day, transparent (not busy) event shows
in every one of them and in Thunderbird, and never blocks the user's free/busy time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

from .lines import escape, fold

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


@lru_cache(maxsize=32)
def vtimezone(tzid: str) -> str:
    """The VTIMEZONE for an IANA zone, made once by icalendar (Outlook rejects a TZID it cannot resolve)."""
    cal = icalendar.Calendar()
    event = icalendar.Event()
    event.add("dtstart", dt.datetime(2026, 1, 1, 12, tzinfo=ZoneInfo(tzid)))
    cal.add_component(event)
    cal.add_missing_timezones()
    return "".join(fold(line) for line in cal.walk("VTIMEZONE")[0].to_ical().decode().replace("\r\n ", "").splitlines())


def _tzid(value) -> str:
    """The IANA name of an aware datetime's zone, '' for UTC (written with a Z)."""
    key = getattr(value.tzinfo, "key", "")
    return "" if key in ("", "UTC", "Etc/UTC") else key


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, value) -> str:
    if not isinstance(value, dt.datetime):
        return f"{name};VALUE=DATE:{value:%Y%m%d}\r\n"
    tzid = _tzid(value)
    return f"{name};TZID={tzid}:{value:%Y%m%dT%H%M%S}\r\n" if tzid else f"{name}:{_utc(value)}\r\n"


def event_lines(item: CalItem) -> list[str]:
    """One VEVENT. Written by hand, not through icalendar's object model, which took seconds per thousand events;
    the tests read every file back with icalendar (and vobject)."""
    out = ["BEGIN:VEVENT\r\n", fold(f"UID:{escape(item.uid)}"), f"DTSTAMP:{_utc(item.stamp)}\r\n",
           f"LAST-MODIFIED:{_utc(item.stamp)}\r\n", fold(f"SUMMARY:{escape(item.summary)}"),
           _when("DTSTART", item.start), _when("DTEND", item.end)]
    if item.description:
        out.append(fold(f"DESCRIPTION:{escape(item.description)}"))
    if item.location:
        out.append(fold(f"LOCATION:{escape(item.location)}"))
    if item.url:
        out.append(fold(f"URL:{item.url}"))  # a URI: not TEXT-escaped
    # A reminder to write to someone does not make the user busy; an interview does.
    out.append("TRANSP:TRANSPARENT\r\n" if item.all_day else "STATUS:CONFIRMED\r\n")
    out.append("CATEGORIES:keepwarm\r\n")
    if item.alarm_minutes is not None:
        out += ["BEGIN:VALARM\r\n", "ACTION:DISPLAY\r\n", fold(f"DESCRIPTION:{escape(item.summary)}"),
                f"TRIGGER:-PT{item.alarm_minutes}M\r\n", "END:VALARM\r\n"]
    out.append("END:VEVENT\r\n")
    return out


def to_ics(items, *, name: str = "") -> str:
    items = list(items)
    out = ["BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", fold(f"PRODID:{PRODID}"), "CALSCALE:GREGORIAN\r\n"]
    if name:
        # Apple and Google read X-WR-CALNAME; REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL ask subscribers to
        # poll hourly instead of daily.
        out += [fold(f"X-WR-CALNAME:{escape(name)}"), fold(f"NAME:{escape(name)}"),
                "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", "X-PUBLISHED-TTL:PT1H\r\n"]
    zones = sorted({_tzid(v) for item in items for v in (item.start, item.end) if isinstance(v, dt.datetime)} - {""})
    out += [vtimezone(z) for z in zones]
    for item in items:
        out += event_lines(item)
    out.append("END:VCALENDAR\r\n")
    return "".join(out)


def item_hash(item: CalItem) -> str:
    return hashlib.sha256("".join(event_lines(item)).encode()).hexdigest()
