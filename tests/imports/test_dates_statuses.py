"""Spreadsheet dates and status words: pure functions."""

import datetime as dt

import pytest

from keepwarm.imports.dates import parse_any_date
from keepwarm.imports.statuses import stage_for
from keepwarm.lib.errors import InputError

NOV2 = dt.date(2026, 11, 2)


@pytest.mark.parametrize("raw", ["2026-11-02", "11/02/2026", "11/2/26", "2 Nov 2026", "Nov 2, 2026", "November 2, 2026",
                                 "02-Nov-2026", "2026/11/02", "2.11.2026", "Monday, November 2, 2026", "Nov 2nd, 2026",
                                 "2026-11-02T10:00:00", dt.datetime(2026, 11, 2, 8), NOV2, 46328, "46328"])
def test_usual_formats(raw):
    assert parse_any_date(raw) == NOV2


def test_day_first_outside_the_us_and_when_unambiguous():
    assert parse_any_date("02/11/2026", month_first=False) == NOV2
    assert parse_any_date("25/11/2026") == dt.date(2026, 11, 25)  # 25 cannot be a month
    assert parse_any_date("11/25/2026", month_first=False) == dt.date(2026, 11, 25)


def test_empty_is_none():
    assert parse_any_date("") is None and parse_any_date(None) is None and parse_any_date("  ") is None


@pytest.mark.parametrize("raw", ["soon", "13/13/2026", "2026-02-30", "31.02.2026", 12, "yesterday-ish"])
def test_bad_dates_name_record_and_field(raw):
    with pytest.raises(InputError) as err:
        parse_any_date(raw, field="date applied", record="row 7")
    assert str(err.value).startswith("row 7: date applied: ")


@pytest.mark.parametrize("raw, stage", [
    ("waiting", "applied"), ("No response", "applied"), ("no reply", "applied"), ("Applied", "applied"),
    ("On hold", "on_hold"), ("on-hold", "on_hold"), ("Hiring freeze", "on_hold"), ("put off", "on_hold"),
    ("Rejected", "rejected"), ("rejected after 2nd interview", "rejected"), ("not selected", "rejected"),
    ("Interview", "interviewing"), ("2nd interview scheduled", "interviewing"), ("phone screen", "screening"),
    ("Final round", "final_interview"), ("Offer!", "offer"), ("offer accepted", "hired"), ("Withdrew", "withdrawn"),
    ("ghosted", "ghosted"), ("wishlist", "saved"), ("Top three", "shortlisted"), ("final_interview", "final_interview"),
])
def test_status_words(raw, stage):
    assert stage_for(raw, has_date=True) == stage


def test_empty_status_depends_on_the_date():
    assert stage_for("", has_date=True) == "applied"
    assert stage_for("", has_date=False) == "saved"


def test_unknown_status_is_an_error():
    with pytest.raises(InputError) as err:
        stage_for("purple", has_date=True, record="row 3")
    assert str(err.value).startswith("row 3: status: unknown status")
