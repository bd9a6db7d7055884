"""`keepwarm capture` from files, standard input and URLs; capturing twice updates the same opportunity."""

import json
from pathlib import Path

from keepwarm.jobs.models import Opportunity, StageChange

FIXTURES = Path(__file__).parent / "fixtures"


def test_capture_saved_page_creates_a_saved_opportunity(owner, cli, fake_scam_check):
    result = cli("capture", str(FIXTURES / "greenhouse.html"))
    assert result.exit_code == 0, result.output
    opp = Opportunity.objects.get(owner=owner)
    assert result.output.startswith(f"created opportunity {opp.id}: Animal Care Associate at Sugar Glider Co.")
    assert (opp.stage, opp.source, opp.source_name) == ("saved", "company_site", "Greenhouse")
    assert (opp.location, opp.salary_text) == ("Naperville, IL, US", "USD 18–22 per hour")
    assert opp.posting_key == "greenhouse:sugargliderco:4012345006"
    assert "employment type: full time" in opp.notes and "apply by 2026-12-31" in opp.notes
    assert opp.company.website == "https://www.sugargliderco.com"
    assert "sugargliderco.com" in opp.company.email_domains
    assert fake_scam_check == [opp.id]
    assert "scam check: looks fine" in result.output


def test_capturing_twice_updates_the_same_row(owner, cli, fake_scam_check):
    cli("capture", str(FIXTURES / "craigslist.html"))
    opp = Opportunity.objects.get(owner=owner)
    opp.stage = "applied"  # the user moved on meanwhile: a re-capture must not undo it
    opp.save()
    result = cli("capture", str(FIXTURES / "craigslist.html"))
    assert result.output.startswith(f"updated opportunity {opp.id}:")
    assert Opportunity.objects.filter(owner=owner).count() == 1
    opp.refresh_from_db()
    assert (opp.stage, opp.source, opp.salary_text) == ("applied", "craigslist", "$16 per hour")
    assert StageChange.objects.filter(opportunity=opp).count() == 1


def test_dry_run_writes_nothing(owner, cli, fake_scam_check):
    result = cli("capture", str(FIXTURES / "craigslist.html"), "--dry-run", "--json")
    data = json.loads(result.output)
    assert data["action"] == "would create" and data["opportunity_id"] is None
    assert data["posting"]["posting_key"] == "craigslist:7712345678"
    assert not Opportunity.objects.exists() and fake_scam_check == []


def test_json_output(owner, cli, fake_scam_check):
    data = json.loads(cli("capture", str(FIXTURES / "linkedin.html"), "--json").output)
    opp = Opportunity.objects.get(owner=owner)
    assert data["action"] == "created" and data["opportunity_id"] == opp.id
    assert data["posting"]["source_name"] == "LinkedIn" and data["scam_check"] == "looks fine"


def test_pasted_text_from_standard_input(owner, cli, fake_scam_check):
    result = cli("capture", "-", input=(FIXTURES / "posting.txt").read_text())
    assert result.exit_code == 0, result.output
    opp = Opportunity.objects.get(owner=owner)
    assert (opp.title, opp.company.name, opp.salary_text) == ("Breeder Assistant", "Sugar Glider Co.", "$16/hour")


def test_url_is_fetched(owner, cli, posting_server, fake_scam_check):
    result = cli("capture", f"{posting_server}/microdata.html")
    assert result.exit_code == 0, result.output
    opp = Opportunity.objects.get(owner=owner)
    assert (opp.title, opp.company.name) == ("Kennel Technician", "Happy Paws Kennels")
    assert opp.posting_url == f"{posting_server}/microdata.html"
    cli("capture", f"{posting_server}/microdata.html?utm_source=newsletter")
    assert Opportunity.objects.filter(owner=owner).count() == 1  # same canonical URL


def test_offline_url_is_one_clear_line(owner, cli, closed_port_url):
    result = cli("capture", closed_port_url)
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "url" in result.output and "could not fetch the page (offline?)" in result.output
    assert not Opportunity.objects.exists()


def test_missing_page_and_missing_file(owner, cli, posting_server):
    result = cli("capture", f"{posting_server}/nope.html")
    assert result.exit_code == 2 and "HTTP 404" in result.output
    result = cli("capture", "/no/such/file.html")
    assert result.exit_code == 2 and "no such file" in result.output


def test_scam_check_missing_does_not_block_capture(owner, cli, monkeypatch):
    from keepwarm.scams import services

    monkeypatch.delattr(services, "check_and_record_opportunity")  # the import fails, as before the app existed
    result = cli("capture", str(FIXTURES / "craigslist.html"))
    assert result.exit_code == 0 and "scam check: not available" in result.output
    assert Opportunity.objects.filter(owner=owner).count() == 1


def test_scam_check_failure_keeps_the_posting(owner, cli, fake_scam_check, monkeypatch):
    from keepwarm.scams import services

    def broken(opp):
        raise RuntimeError("model file missing")

    monkeypatch.setattr(services, "check_and_record_opportunity", broken)
    result = cli("capture", str(FIXTURES / "craigslist.html"))
    assert result.exit_code == 0 and "scam check: failed: RuntimeError" in result.output
    assert Opportunity.objects.filter(owner=owner).count() == 1


def test_captures_are_per_user(owner, outsider, cli, fake_scam_check):
    cli("--user", "amy", "capture", str(FIXTURES / "craigslist.html"))
    cli("--user", "otto", "capture", str(FIXTURES / "craigslist.html"))
    assert Opportunity.objects.filter(owner=owner).count() == 1
    assert Opportunity.objects.filter(owner=outsider).count() == 1


def test_the_real_scam_check_records_its_verdict(owner, cli):
    from keepwarm.scams.models import ScamCheck

    result = cli("capture", str(FIXTURES / "craigslist.html"))
    assert result.exit_code == 0, result.output
    check = ScamCheck.objects.get(opportunity__owner=owner)
    assert f"scam check: {check.get_verdict_display()}" in result.output
