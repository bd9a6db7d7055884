"""Reading one record of an archive: every value checked, every error naming the record and the field.

Pure helpers over plain JSON data; nothing here touches the database.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from keepwarm.lib.errors import InputError

_url = URLValidator(schemes=["http", "https"])
_choice_values: dict = {}


def _values(choices) -> frozenset:
    """TextChoices.values builds a new list on every call; an archive checks hundreds of thousands of values."""
    if choices not in _choice_values:
        _choice_values[choices] = frozenset(choices.values)
    return _choice_values[choices]


def iso(moment: dt.datetime | None) -> str | None:
    """Datetimes are written in UTC with microseconds, so a round trip gives back the same text."""
    return moment.astimezone(dt.timezone.utc).isoformat() if moment else None


def iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class Record:
    """One JSON object from the file, read field by field."""

    def __init__(self, data, label: str):
        self.label = label
        if not isinstance(data, dict):
            raise InputError("record", type(data).__name__, "expected an object", label)
        self.data = data

    def _get(self, name, required):
        if name not in self.data:
            if required:
                raise InputError(name, None, "missing", self.label)
            return None
        return self.data[name]

    def fail(self, name, value, message):
        raise InputError(name, value, message, self.label)

    def str(self, name, *, max_len=None, required=False, blank=True) -> str:
        value = self._get(name, required)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(name, value, "expected text")
        if not blank and not value.strip():
            self.fail(name, value, "must not be empty")
        if max_len and len(value) > max_len:
            self.fail(name, value[:40] + "…", f"longer than {max_len} characters")
        return value

    def url(self, name, *, max_len=500) -> str:
        value = self.str(name, max_len=max_len)
        if value:
            try:
                _url(value)
            except ValidationError:
                self.fail(name, value, "not a web address")
        return value

    def int(self, name, *, null=True, minimum=None, maximum=None):
        value = self._get(name, not null)
        if value is None:
            return None
        if (not isinstance(value, int) or isinstance(value, bool) or (minimum is not None and value < minimum)
                or (maximum is not None and value > maximum)):
            bounds = (f" from {minimum} to {maximum}" if minimum is not None and maximum is not None
                      else f", {minimum} or more" if minimum is not None else "")
            self.fail(name, value, "expected a whole number" + bounds)
        return value

    def bool(self, name) -> bool:
        value = self._get(name, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(name, value, "expected true or false")
        return value

    def choice(self, name, choices, *, blank=False, default=None) -> str:
        value = self._get(name, default is None)
        if value is None:
            value = default
        if value == "" and blank:
            return value
        if value not in _values(choices):
            self.fail(name, value, f"expected one of {', '.join(choices.values)}")
        return value

    def datetime(self, name, *, null=False):
        value = self._get(name, not null)
        if value is None:
            return None
        try:
            moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.fail(name, value, "expected an ISO date-time with a time zone offset")
        return moment

    def date(self, name, *, null=True):
        value = self._get(name, not null)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else self.fail(name, value, "expected text")
        except ValueError:
            self.fail(name, value, "expected YYYY-MM-DD")

    def strings(self, name) -> list[str]:
        value = self._get(name, False) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, value, "expected a list of text")
        return value

    def objects(self, name) -> list:
        value = self._get(name, False) or []
        if not isinstance(value, list):
            self.fail(name, value, "expected a list")
        return value

    def mapping(self, name) -> dict:
        value = self._get(name, False) or {}
        if not isinstance(value, dict):
            self.fail(name, value, "expected an object")
        return value


def records(data, section: str, name_field: str | None = None):
    """Yield (index, Record) for a section's list, labelled like `contacts[3] 'Dana Whitfield'`."""
    if not isinstance(data, list):
        raise InputError(section, type(data).__name__, "expected a list", "archive")
    for i, item in enumerate(data):
        label = f"{section}[{i}]"
        if name_field and isinstance(item, dict) and isinstance(item.get(name_field), str):
            label += f" {item[name_field]!r}"
        yield i, Record(item, label)


def unique_in_file(seen: set, key: str, rec: Record, name="key"):
    if key in seen:
        rec.fail(name, key, "appears twice in the file")
    seen.add(key)
