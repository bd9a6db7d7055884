"""The work-search log: rows built from what was logged, grouped by local week, as CSV and as PDF (A4/Letter)."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine

from keepwarm.insights import worklog, worklog_files
from keepwarm.lib.errors import InputError

from .sample import NOW, build


@pytest.fixture
def sample(owner):
    with time_machine.travel(NOW, tick=False):
        return build(owner)


def test_rows_grouped_by_week_from_applications_touches_and_interviews(owner, sample):
    weeks = worklog.build(owner, dt.date(2026, 11, 2), dt.date(2026, 11, 15), NOW)
    assert [(w.start, w.end, w.count) for w in weeks] == [
        (dt.date(2026, 11, 2), dt.date(2026, 11, 8), 2), (dt.date(2026, 11, 9), dt.date(2026, 11, 15), 2)]
    first, second = weeks
    assert [r.cells() for r in first.rows] == [
        ["2026-11-03", "Sugar Glider Co.", "", "Jane Doe", "Application (online)", "Breeder assistant",
         "Applied; now on hold"],
        ["2026-11-06", "Sugar Glider Co.", "", "Jane Doe", "Interview (phone)", "Breeder assistant",
         "Interview held"],
    ]
    assert [(r.method, r.person, r.position) for r in second.rows] == [
        ("Application (online)", "Bob Recruiter", "Help desk analyst"),
        ("Interview (on site)", "Gail Panel, Jane Doe", "Breeder assistant"),  # by name
    ]


def test_outbound_touches_with_method_and_where_they_were_sent(owner, sample):
    weeks = worklog.build(owner, dt.date(2026, 11, 23), dt.date(2026, 11, 26), NOW)
    (week,) = weeks
    touches = [r for r in week.rows if not r.method.startswith(("Application", "Interview"))]
    assert [(r.date.isoformat(), r.employer, r.address, r.person, r.method) for r in touches] == [
        ("2026-11-24", "Sugar Glider Co.", "jane@sugargliderco.com", "Jane Doe", "Email"),
        ("2026-11-25", "", "", "Carl Friend", "Phone"),
        ("2026-11-26", "Sugar Glider Co.", "", "Jane Doe", "Online (Facebook)"),
    ]
    # Inbound touches are the employer's, not the claimant's, contacts: they are not in the log.
    assert all("in 11-" not in r.result for r in week.rows)
    # Applications that week: Junior developer (Mon) and Data analyst (Tue); Sunday's IT support is week 47.
    assert sorted(r.position for r in week.rows if r.method.startswith("Application")) == [
        "Data analyst", "Junior developer"]


def test_empty_weeks_are_listed_with_zero(owner, sample):
    weeks = worklog.build(owner, dt.date(2026, 9, 7), dt.date(2026, 9, 20), NOW)
    assert [(w.start.isoformat(), w.count) for w in weeks] == [("2026-09-07", 0), ("2026-09-14", 0)]


def test_bad_ranges_are_refused_with_the_field_named(owner):
    with pytest.raises(InputError, match="to: the end is before the start"):
        worklog.build(owner, dt.date(2026, 11, 10), dt.date(2026, 11, 1), NOW)
    with pytest.raises(InputError, match="to: at most"):
        worklog.build(owner, dt.date(2020, 1, 1), dt.date(2026, 1, 1), NOW)
    with pytest.raises(InputError, match="paper"):
        worklog_files.parse_paper("tabloid")


def test_csv_has_one_row_per_contact_with_the_weeks_count(owner, sample):
    weeks = worklog.build(owner, dt.date(2026, 11, 2), dt.date(2026, 11, 15), NOW)
    rows = list(csv.DictReader(io.StringIO(worklog_files.to_csv(weeks))))
    assert len(rows) == 4
    assert rows[0]["Week starting"] == "2026-11-02" and rows[0]["Contacts that week"] == "2"
    assert rows[2]["Employer"] == "Board Co." and rows[2]["Contact person"] == "Bob Recruiter"


@pytest.mark.parametrize("paper, size", [("A4", (841.89, 595.28)), ("Letter", (792.0, 612.0))])
def test_pdf_prints_on_a4_and_letter_landscape(owner, sample, paper, size):
    weeks = worklog.build(owner, dt.date(2026, 11, 2), dt.date(2026, 11, 29), NOW)
    body = worklog_files.to_pdf(weeks, name="Amy Díaz", start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 29),
                                paper=paper, generated=dt.date(2026, 11, 26))
    assert body.startswith(b"%PDF-")
    boxes = {tuple(round(float(v), 2) for v in m.groups())
             for m in re.finditer(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", body)}
    assert boxes == {size}
    assert b"/Title" in body
