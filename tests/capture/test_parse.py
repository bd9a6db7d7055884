"""Posting parsers: each fixture is shaped like the real site's markup."""

from pathlib import Path

import pytest

from keepwarm.capture.parse import parse_posting
from keepwarm.capture.sources import board_posting_id, canonical_url, infer_source, posting_key
from keepwarm.lib.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def read(name):
    return (FIXTURES / name).read_text()


def test_schema_org_json_ld_on_greenhouse():
    p = parse_posting(read("greenhouse.html"))
    assert (p.title, p.company, p.location) == ("Animal Care Associate", "Sugar Glider Co.", "Naperville, IL, US")
    assert p.salary == "USD 18–22 per hour"
    assert (p.employment_type, p.date_posted, p.valid_through) == ("full time", "2026-11-02", "2026-12-31")
    assert p.identifier == "4012345006" and p.company_website == "https://www.sugargliderco.com"
    # The description was HTML escaped inside JSON: it comes out as clean text.
    assert p.description == "Help us care for our sugar gliders.\n\nFeeding\nCleaning"
    assert (p.source, p.source_name) == ("company_site", "Greenhouse")
    assert p.posting_key == "greenhouse:sugargliderco:4012345006"
    assert p.parsed_from == "schema.org"


def test_schema_org_microdata_on_a_job_board():
    p = parse_posting(read("microdata.html"), "https://www.indeed.com/viewjob?jk=ab12cd34ef56ab78&from=serp&vjs=3")
    assert (p.title, p.company, p.location) == ("Kennel Technician", "Happy Paws Kennels", "Chicago, IL")
    assert p.description == "Walk dogs.\n\nClean kennels."
    assert (p.source, p.source_name, p.posting_key) == ("job_board", "Indeed", "indeed:ab12cd34ef56ab78")
    assert p.url == "https://www.indeed.com/viewjob?jk=ab12cd34ef56ab78"  # tracking parameters dropped
    assert p.company != "Indeed"  # og:site_name of a board is not the employer


def test_craigslist_current_markup():
    p = parse_posting(read("craigslist.html"))
    assert (p.title, p.location) == ("Sugar Glider Breeder Assistant", "Naperville")
    assert (p.salary, p.employment_type) == ("$16 per hour", "part-time")
    assert (p.identifier, p.date_posted) == ("7712345678", "2026-11-20")
    assert p.description.startswith("Exotic sugar glider breeder looking for an assistant.")
    assert "QR Code" not in p.description
    assert (p.source, p.posting_key) == ("craigslist", "craigslist:7712345678")
    assert p.company == ""  # "craigslist" is the site, not the employer


def test_craigslist_2011_markup_without_structured_data():
    p = parse_posting(read("craigslist_2011.html"))
    assert (p.title, p.location, p.salary) == ("Assistant for exotic pet breeder", "Aurora", "$12/hr")
    assert (p.identifier, p.date_posted, p.source) == ("2745512345", "2011-12-02", "craigslist")
    assert p.posting_key == "craigslist:2745512345"


def test_opengraph_fallback_reads_linkedin_titles():
    p = parse_posting(read("linkedin.html"), "https://www.linkedin.com/jobs/view/3912345678/?trk=public_jobs")
    assert (p.title, p.company, p.location) == ("Veterinary Technician", "Sugar Glider Co.", "Naperville, IL")
    assert (p.source, p.source_name, p.posting_key) == ("job_board", "LinkedIn", "linkedin:3912345678")
    assert p.parsed_from == "opengraph"


def test_plain_text_heuristics():
    p = parse_posting(read("posting.txt"))
    assert (p.title, p.company, p.location) == ("Breeder Assistant", "Sugar Glider Co.", "Naperville, IL")
    assert (p.salary, p.employment_type) == ("$16/hour", "part-time")
    assert p.url == "https://sugargliderco.com/jobs/breeder-assistant"
    assert p.posting_key == p.url


def test_text_without_a_link_gets_a_stable_key():
    one = parse_posting("Dog walker at Happy Paws\nWalk dogs daily.")
    two = parse_posting("Dog walker at Happy Paws\nWalk dogs twice a day.")
    assert one.posting_key == two.posting_key and one.posting_key.startswith("text:")
    assert parse_posting("Cat sitter at Happy Paws").posting_key != one.posting_key


@pytest.mark.parametrize("url, expected", [
    ("https://chicago.craigslist.org/nwc/lab/d/x/7712345678.html", ("craigslist", "Craigslist")),
    ("https://www.linkedin.com/jobs/view/123456789", ("job_board", "LinkedIn")),
    ("https://uk.indeed.com/viewjob?jk=abcdef0123", ("job_board", "Indeed")),
    ("https://www.glassdoor.com/job-listing/x", ("job_board", "Glassdoor")),
    ("https://boards.greenhouse.io/acme/jobs/123", ("company_site", "Greenhouse")),
    ("https://jobs.lever.co/acme/0b1c-uuid", ("company_site", "Lever")),
    ("https://acme.wd5.myworkdayjobs.com/en-US/Careers/job/X_R123", ("company_site", "Workday")),
    ("https://jobs.ashbyhq.com/acme/uuid", ("company_site", "Ashby")),
    ("https://jobs.smartrecruiters.com/Acme/123", ("company_site", "SmartRecruiters")),
    ("https://acme.bamboohr.com/careers/12", ("company_site", "BambooHR")),
    ("https://apply.workable.com/acme/j/ABC/", ("company_site", "Workable")),
    ("https://careers-acme.icims.com/jobs/1/job", ("company_site", "iCIMS")),
    ("https://example.org/jobs/1", ("other", "example.org")),
    ("", ("other", "")),
])
def test_source_from_domain(url, expected):
    assert infer_source(url) == expected


def test_company_own_site_is_company_site():
    assert infer_source("https://careers.sugargliderco.com/jobs/1", "https://www.sugargliderco.com") == \
        ("company_site", "")


def test_canonical_url_drops_tracking_and_fragments():
    assert canonical_url("HTTPS://WWW.Example.COM/jobs/1/?utm_source=x&b=2&a=1&gclid=z#apply") == \
        "https://www.example.com/jobs/1?a=1&b=2"
    assert canonical_url("ftp://example.com/x") == "" and canonical_url("not a url") == ""


def test_board_posting_ids_make_different_urls_one_posting():
    assert board_posting_id("https://www.linkedin.com/jobs/view/senior-dev-at-acme-3912345678?trk=x") == \
        board_posting_id("https://www.linkedin.com/jobs/search/?currentJobId=3912345678") == "linkedin:3912345678"
    assert board_posting_id("https://www.indeed.com/viewjob?jk=AB12CD34EF56AB78") == "indeed:ab12cd34ef56ab78"
    assert board_posting_id("https://acme.com/careers?gh_jid=4012345") == "greenhouse:4012345"
    assert board_posting_id("https://example.org/jobs/1") == ""
    assert posting_key("", title="", company="") == ""


@pytest.mark.parametrize("content, field", [("", "content"), ("   \n", "content"), ("\x00\x01binary", "content"),
                                            ("<html><body><p></p></body></html>", "title")])
def test_unusable_input_is_a_clear_error(content, field):
    with pytest.raises(InputError) as err:
        parse_posting(content, record="page.html")
    assert err.value.field == field and str(err.value).startswith("page.html: ")


@pytest.mark.parametrize("pasted, title", [
    ("We are hiring a friendly barista for our cafe in Logan Square. Morning shifts, latte art a plus, "
     "weekends required, $17/hr plus tips, apply in person or by email to the manager on duty.",
     "We are hiring a friendly barista for our cafe in Logan Square"),
    ("Warehouse associate needed for our busy fulfilment centre near the airport with forklift experience "
     "preferred and overtime available most weeks through the holiday season and beyond",
     "Warehouse associate needed for our busy fulfilment centre near the airport with forklift experience…"),
    ("Barista\nWe are hiring.", "Barista"),
])
def test_a_paragraph_pasted_on_one_line_gives_a_short_title(pasted, title):
    posting = parse_posting(pasted)
    assert posting.title == title and len(posting.title) <= 101
