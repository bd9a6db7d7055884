"""`keepwarm import csv`: application spreadsheets as people keep them."""

import codecs
import json
from pathlib import Path

import openpyxl

from keepwarm.jobs.models import Opportunity, OpportunityContact, StageChange
from keepwarm.people.models import Company, Contact

FIXTURES = Path(__file__).parent / "fixtures"


def snapshot(owner):
    return (Opportunity.objects.filter(owner=owner).count(), Contact.objects.filter(owner=owner).count(),
            StageChange.objects.filter(owner=owner).count(), Company.objects.filter(owner=owner).count())


def test_bom_csv_with_common_headers(owner, cli):
    result = cli("import", "csv", str(FIXTURES / "applications.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("created: 5 jobs")
    jobs = {o.title: o for o in Opportunity.objects.filter(owner=owner).select_related("company")}
    glider = jobs["Breeder assistant"]
    assert (glider.company.name, glider.stage, glider.location, glider.salary_text) == \
        ("Sugar Glider Co.", "on_hold", "Naperville", "$12/hr")
    assert glider.source == "craigslist" and glider.posting_key == "craigslist:2745512345"
    assert glider.notes == "Top three; final interview put off"
    assert glider.created_at.date().isoformat() == "2011-12-02"  # 12/02/2011 read month first (US user)
    history = list(glider.stage_changes.values_list("to_stage", flat=True))
    assert history == ["applied", "on_hold"]
    assert jobs["Kennel technician"].stage == "applied"  # "waiting"
    assert jobs["Barista"].stage == "applied" and jobs["Barista"].company.name == "Café Olé"  # "no response"
    assert jobs["Store associate"].stage == "rejected" and jobs["Store associate"].source == "job_board"
    assert jobs["Zookeeper"].stage == "interviewing"
    jane = Contact.objects.get(owner=owner, name="Jane Doe")
    assert jane.primary_email == "jane@sugargliderco.com"
    assert OpportunityContact.objects.filter(opportunity=glider, contact=jane).exists()


def test_importing_twice_changes_nothing(owner, cli):
    cli("import", "csv", str(FIXTURES / "applications.csv"))
    before = snapshot(owner)
    result = cli("import", "csv", str(FIXTURES / "applications.csv"))
    assert result.output.strip() == "unchanged: 5 jobs"
    assert snapshot(owner) == before


def test_dry_run_previews_and_writes_nothing(owner, cli):
    result = cli("import", "csv", str(FIXTURES / "applications.csv"), "--dry-run")
    assert "row 2: would create job Breeder assistant at Sugar Glider Co." in result.output
    assert result.output.strip().endswith("dry run — nothing written; created: 5 jobs")
    assert snapshot(owner) == (0, 0, 0, 0)


def test_existing_contact_is_merged_not_duplicated(owner, cli):
    from keepwarm.people.services import create_contact

    create_contact(owner, "Jane D.", emails=["JANE@sugargliderco.com"])
    result = cli("import", "csv", str(FIXTURES / "applications.csv"))
    assert result.exit_code == 0
    assert Contact.objects.filter(owner=owner, emails__address="jane@sugargliderco.com").count() == 1
    assert not Contact.objects.filter(owner=owner, name="Jane Doe").exists()


def test_semicolons_cp1252_and_map(owner, cli, tmp_path):
    path = FIXTURES / "applications_semicolon.csv"
    result = cli("import", "csv", str(path))
    assert result.exit_code == 2 and "no job title column found" in result.output and "--map" in result.output
    result = cli("import", "csv", str(path), "--map", "Poste=title", "--map", "entreprise=company",
                 "--map", "Statut=status", "--map", "Remarques=notes")
    assert result.exit_code == 0, result.output
    glider = Opportunity.objects.get(owner=owner, title="Breeder assistant")
    assert glider.stage == "on_hold" and glider.notes == "Café meeting"  # Windows-1252 "é"
    assert glider.created_at.date().isoformat() == "2011-12-02"  # 02.12.2011: dots mean day first
    assert Opportunity.objects.get(owner=owner, title="Tierpfleger").stage == "offer"


def test_bad_map_options(owner, cli):
    path = str(FIXTURES / "applications.csv")
    assert "expected COLUMN=FIELD" in cli("import", "csv", path, "--map", "Position").output
    assert "unknown field" in cli("import", "csv", path, "--map", "Position=wage").output
    assert "no such column" in cli("import", "csv", path, "--map", "Nope=title").output


def test_xlsx(owner, cli, tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["My job search 2026"])  # a title line above the header
    sheet.append(["Company", "Role", "Applied", "Stage", "Link"])
    sheet.append(["Sugar Glider Co.", "Breeder assistant", dt.datetime(2026, 11, 2), "Interview",
                  "https://boards.greenhouse.io/sugargliderco/jobs/123"])
    sheet.append([None, None, None, None, None])
    sheet.append(["Zoo Corp", "Keeper", "11/03/2026", "offer", None])
    path = tmp_path / "jobs.xlsx"
    book.save(path)
    result = cli("import", "csv", str(path))
    assert result.exit_code == 0, result.output
    glider = Opportunity.objects.get(owner=owner, title="Breeder assistant")
    assert (glider.stage, glider.source, glider.source_name) == ("interviewing", "company_site", "Greenhouse")
    assert glider.created_at.date() == dt.date(2026, 11, 2)
    assert Opportunity.objects.get(owner=owner, title="Keeper").created_at.date() == dt.date(2026, 11, 3)


def test_bad_row_fails_everything_and_names_row_and_field(owner, cli, tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("Company,Title,Date applied,Status\nA,One,2026-11-02,applied\nB,Two,sometime,applied\n"
                    "C,Three,2026-11-03,purple\n")
    result = cli("import", "csv", str(path))
    assert result.exit_code == 2
    assert result.output.strip() == "Error: row 3: date applied: not a date (try 2026-11-02, 11/02/2026 or " \
                                    "2 Nov 2026): 'sometime'"
    assert snapshot(owner) == (0, 0, 0, 0)
    result = cli("import", "csv", str(path), "--skip-bad")
    assert result.exit_code == 0
    assert "row 3: skipped — date applied: not a date" in result.output
    assert "row 4: skipped — status: unknown status" in result.output
    assert result.output.strip().endswith("created: 1 job; skipped: 2 bad record(s)")
    assert list(Opportunity.objects.filter(owner=owner).values_list("title", flat=True)) == ["One"]


def test_newer_spreadsheet_moves_a_job_on_but_never_undoes_the_users_stage(owner, cli, tmp_path):
    from keepwarm.jobs.services import change_stage

    path = tmp_path / "jobs.csv"
    path.write_text("Company,Title,Date applied,Status\nA,One,2026-11-02,waiting\nB,Two,2026-11-02,waiting\n")
    cli("import", "csv", str(path))
    change_stage(Opportunity.objects.get(title="Two"), "offer")  # the user moved it in keepwarm
    path.write_text("Company,Title,Date applied,Status\nA,One,2026-11-02,interview\nB,Two,2026-11-02,rejected\n")
    result = cli("import", "csv", str(path))
    assert "merged job One at A — stage interviewing" in result.output
    assert Opportunity.objects.get(title="One").stage == "interviewing"
    assert Opportunity.objects.get(title="Two").stage == "offer"


def test_json_report(owner, cli):
    data = json.loads(cli("import", "csv", str(FIXTURES / "applications.csv"), "--json", "--dry-run").output)
    assert data["dry_run"] is True and data["counts"]["created"] == 5
    assert data["outcomes"][0]["ref"] == "row 2" and data["outcomes"][0]["kind"] == "job"


def test_progress_bar_for_big_files(owner, cli, tmp_path):
    rows = "".join(f"Company {i},Job {i},2026-11-02,applied\n" for i in range(250))
    path = tmp_path / "big.csv"
    path.write_bytes(codecs.BOM_UTF8 + ("Company,Position,Date applied,Status\n" + rows).encode())
    result = cli("import", "csv", str(path))
    assert result.exit_code == 0
    assert "Importing rows" in result.stderr  # click.progressbar writes to standard error
    assert "… and 230 more created" in result.output
    assert Opportunity.objects.filter(owner=owner).count() == 250


def test_not_a_spreadsheet(owner, cli, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary data" in cli("import", "csv", str(path)).output
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    result = cli("import", "csv", str(path))
    assert result.exit_code == 2 and "not a readable .xlsx workbook" in result.output
    assert "no such file" in cli("import", "csv", str(tmp_path / "none.csv")).output

