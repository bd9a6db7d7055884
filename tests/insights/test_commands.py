"""`keepwarm stats`, `keepwarm export worklog`, `keepwarm backup` as typed."""

import csv
import io
import json

import pytest
import time_machine

from .sample import NOW, build


@pytest.fixture
def amy(owner):
    with time_machine.travel(NOW, tick=False):
        build(owner)
    return owner


def test_stats_json_has_every_figure(cli, amy):
    with time_machine.travel(NOW, tick=False):
        result = cli("stats", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["applications"]["total"] == 5 and data["response"]["rate"] == 40.0
    assert set(data) >= {"applications", "by_stage", "funnel", "sources", "response", "touches", "cold_contacts",
                         "interviews", "streak", "scam_checks"}


def test_stats_text_summary(cli, amy):
    with time_machine.travel(NOW, tick=False):
        out = cli("stats", "--since", "2026-11-11").output
    assert out.splitlines()[0] == "Since 2026-11-11"
    assert "Applications: 3" in out and "Craigslist: 0 of 1 answered (0%)" in out
    assert "Streak: 3 day(s)" in out and "Interviews held: 1; coming up: 1" in out


def test_stats_bad_date_exits_2(cli, amy):
    result = cli("stats", "--since", "last week")
    assert result.exit_code == 2 and "since: expected YYYY-MM-DD" in result.output


def test_export_worklog_csv_and_pdf(cli, amy, tmp_path):
    with time_machine.travel(NOW, tick=False):
        out = cli("export", "worklog", "--from", "2026-11-02", "--to", "2026-11-15").output
        pdf = tmp_path / "log.pdf"
        result = cli("export", "worklog", "--from", "2026-11-02", "--to", "2026-11-15", "--format", "pdf",
                     "--paper", "letter", "-o", str(pdf))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["Position applied for"] for r in rows] == ["Breeder assistant", "Breeder assistant",
                                                        "Help desk analyst", "Breeder assistant"]
    assert result.exit_code == 0 and pdf.read_bytes().startswith(b"%PDF-")
    assert b"/MediaBox [0 0 792.00 612.00]" in pdf.read_bytes()


@pytest.mark.parametrize("args, field", [
    (["--from", "2026-11-15", "--to", "2026-11-01"], "to"),
    (["--from", "yesterday", "--to", "2026-11-01"], "from"),
    (["--from", "2026-11-01", "--to", "2026-11-15", "--paper", "legal"], "paper"),
])
def test_export_worklog_bad_input(cli, amy, args, field):
    result = cli("export", "worklog", *args)
    assert result.exit_code == 2 and f"{field}:" in result.output


def test_backup_to_a_folder_is_refused(cli, amy, tmp_path):
    result = cli("backup", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output
