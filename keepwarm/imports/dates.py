"""Dates the way people type them in spreadsheets and exporters write them."""

import datetime as dt
import re

from keepwarm.lib.errors import InputError

MONTH_FIRST_REGIONS = {"US", "CA", "PH", "FM", "MH", "PW"}
TEXT_FORMATS = ["%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y",
                "%a, %d %b %Y", "%A, %B %d, %Y", "%a %b %d %Y", "%d. %B %Y", "%b %Y", "%B %Y"]


def parse_any_date(raw, *, field="date", record="", month_first=True) -> dt.date | None:
    """2026-11-02, 11/02/2026 (month first in the US; day first elsewhere, and whenever the first number is
    over 12), 2.11.2026, 2 Nov 2026, Nov 2, 2026, Excel date cells and serial numbers. Empty → None."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _excel_serial(raw, field, record)
    text = " ".join(str(raw).split()).strip().rstrip(".")
    if not text:
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _excel_serial(float(text), field, record)
    found = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", text)
    if found:
        return _make(int(found.group(1)), int(found.group(2)), int(found.group(3)), raw, field, record)
    found = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?: .*)?", text)
    if found:
        a, sep, b, year = int(found.group(1)), found.group(2), int(found.group(3)), int(found.group(4))
        year += 2000 if year < 100 else 0
        day_first = sep == "." or not month_first or a > 12
        if day_first and b > 12 and a <= 12:
            day_first = False
        month, day = (b, a) if day_first else (a, b)
        return _make(year, month, day, raw, field, record)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.I).replace("Sept ", "Sep ")
    cleaned = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?\s*(am|pm|AM|PM)?(\s*[A-Z]{2,4})?$", "", cleaned)
    for fmt in TEXT_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise InputError(field, raw, "not a date (try 2026-11-02, 11/02/2026 or 2 Nov 2026)", record)


def _make(year, month, day, raw, field, record):
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(field, raw, "not a real date", record) from None


def _excel_serial(value, field, record):
    if not 20000 <= value <= 80000:  # 1954…2119: anything else is not a date a job search has
        raise InputError(field, value, "not a date", record)
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
