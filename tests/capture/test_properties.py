"""Property-based: truncated, mis-encoded and random postings give a posting or a clear InputError —
never a crash, and never a half-saved opportunity."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepwarm.capture.parse import parse_posting
from keepwarm.capture.services import save_posting
from keepwarm.jobs.models import Opportunity
from keepwarm.lib.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = [(FIXTURES / name).read_text() for name in
         ("greenhouse.html", "microdata.html", "craigslist.html", "craigslist_2011.html", "linkedin.html", "posting.txt")]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

truncated = st.tuples(st.sampled_from(PAGES), st.floats(0, 1)).map(lambda p: p[0][: int(len(p[0]) * p[1])])
mis_encoded = st.tuples(st.sampled_from(PAGES), st.sampled_from(["utf-16", "utf-32", "cp1252", "latin-1"])).map(
    lambda p: p[0].encode(p[1], errors="replace").decode("latin-1"))
tag_soup = st.lists(st.sampled_from(["<html>", "<head>", "<title>", "</title>", "<body>", "<div id=\"postingbody\">",
                                     "<script type=\"application/ld+json\">", "</script>", "{\"@type\":\"JobPosting\"",
                                     ",\"title\":", "\"x\"", "}", "<h1 class=\"postingtitle\">", "</h1>", "<p>",
                                     "post id: 12345678", "Job at Acme", "&lt;b&gt;", "\x0c", "\ud7ff", "<meta "]),
                    max_size=30).map("".join)
anything = st.one_of(truncated, mis_encoded, tag_soup, st.text(max_size=400))
urls = st.sampled_from(["", "https://chicago.craigslist.org/a/1234567890.html", "https://www.linkedin.com/jobs/view/12",
                        "not a url", "https://boards.greenhouse.io/x/jobs/1?utm_source=y", "javascript:alert(1)"])


@SETTINGS
@given(content=anything, url=urls)
def test_parse_gives_a_posting_or_a_clear_error(content, url):
    try:
        posting = parse_posting(content, url, record="page")
    except InputError as exc:
        assert str(exc).startswith("page: ")
        return
    assert posting.title and len(posting.title) <= 300 and len(posting.company) <= 200
    assert posting.posting_key and len(posting.posting_key) <= 500
    assert posting.source in ("craigslist", "job_board", "company_site", "other", "referral", "recruiter")


@pytest.mark.django_db
@SETTINGS
@given(content=anything, url=urls)
def test_capture_writes_a_whole_opportunity_or_nothing(owner, fake_scam_check, content, url):
    before = Opportunity.objects.filter(owner=owner).count()
    try:
        result = save_posting(owner, parse_posting(content, url))
    except InputError:
        assert Opportunity.objects.filter(owner=owner).count() == before
        return
    opp = Opportunity.objects.get(id=result.opportunity.id)
    assert opp.stage == "saved" and opp.posting_key == result.posting.posting_key
    assert Opportunity.objects.filter(owner=owner, posting_key=opp.posting_key).count() == 1
