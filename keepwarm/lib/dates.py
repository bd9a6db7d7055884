"""Dates, user time zones and business days: the small pieces the engine and the CLI share."""

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InputError


def add_business_days(day: dt.date, n: int) -> dt.date:
    """Add n working days (Monday to Friday) to day."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError("time_zone", name, "unknown time zone") from None


def local_date(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    return moment.astimezone(tz).date()


# Dates a user may give: anything past this would overflow the engine's date arithmetic (year 9999 is the end).
YEARS = (1900, 2999)


def check_year(value, field: str, raw, record: str = ""):
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise InputError(field, raw, f"expected a year from {YEARS[0]} to {YEARS[1]}", record)
    return value


def parse_date(raw: str, field: str = "date", *, record: str = "") -> dt.date:
    try:
        value = dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        raise InputError(field, raw, "expected YYYY-MM-DD", record) from None
    return check_year(value, field, raw, record)


def parse_datetime(raw: str, tz: dt.tzinfo, field: str = "when", *, record: str = "") -> dt.datetime:
    """Parse an ISO date-time; a naive value is read in the user's zone."""
    text = (raw or "").strip()
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            value = dt.datetime.combine(dt.date.fromisoformat(text), dt.time(9, 0))
        except ValueError:
            raise InputError(field, raw, "expected an ISO date-time like 2026-12-01T14:30", record) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return check_year(value, field, raw, record)
