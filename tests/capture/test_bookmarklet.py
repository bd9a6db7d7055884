"""The bookmarklet's endpoint: a per-user revocable token, cross-origin for this one endpoint only."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from keepwarm.capture.bookmarklet import bookmarklet_js
from keepwarm.capture.models import CaptureToken
from keepwarm.capture.services import issue_token, revoke_token
from keepwarm.jobs.models import Opportunity

FIXTURES = Path(__file__).parent / "fixtures"
ENDPOINT = "/capture/bookmarklet/"


def send(client, token, html=None, **extra):
    data = {"token": token, "url": "https://chicago.craigslist.org/nwc/lab/d/x/7712345678.html",
            "html": html if html is not None else (FIXTURES / "craigslist.html").read_text(), **extra}
    return client.post(ENDPOINT, data, HTTP_ORIGIN="https://chicago.craigslist.org")


def test_endpoint_url_is_stable():
    assert reverse("capture:bookmarklet") == ENDPOINT


def test_valid_token_captures_and_answers_with_cors(client, owner, fake_scam_check):
    token = issue_token(owner)
    response = send(client, token)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    opp = Opportunity.objects.get(owner=owner)
    body = response.json()
    assert body["action"] == "created" and body["opportunity_id"] == opp.id
    assert body["review_url"] == f"http://testserver/capture/review/{opp.id}/"
    assert (opp.stage, opp.source) == ("saved", "craigslist")
    assert send(client, token).json()["action"] == "updated"
    assert Opportunity.objects.filter(owner=owner).count() == 1
    assert CaptureToken.objects.get(owner=owner).last_used_at is not None


def test_preflight_is_allowed(client):
    response = client.options(ENDPOINT, HTTP_ORIGIN="https://www.linkedin.com",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_other_pages_are_not_cross_origin(client, owner):
    client.force_login(owner)
    for url in (reverse("capture:new"), reverse("imports:upload")):
        assert "Access-Control-Allow-Origin" not in client.get(url, HTTP_ORIGIN="https://evil.example")


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 300])
def test_unknown_token_is_refused(client, owner, token):
    response = send(client, token)
    assert response.status_code == 403 and "capture token" in response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"  # so the bookmarklet can show the message
    assert not Opportunity.objects.exists()


def test_revoked_and_replaced_tokens_stop_working(client, owner, fake_scam_check):
    old = issue_token(owner)
    new = issue_token(owner)
    assert send(client, old).status_code == 403
    assert send(client, new).status_code == 200
    revoke_token(owner)
    assert send(client, new).status_code == 403


def test_token_is_stored_as_a_digest(owner):
    token = issue_token(owner)
    row = CaptureToken.objects.get(owner=owner)
    assert row.token_digest != token and len(row.token_digest) == 64
    raw = CaptureToken.objects.filter(owner=owner).values_list("token", flat=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM capture_capturetoken WHERE owner_id = %s", [owner.id])
        assert cursor.fetchone()[0] != token  # encrypted at rest
    assert list(raw) == [token]


def test_bad_page_is_a_json_error(client, owner):
    response = send(client, issue_token(owner), html="<html><body></body></html>")
    assert response.status_code == 400 and "title" in response.json()["error"]
    assert not Opportunity.objects.exists()


def test_form_fallback_redirects_to_review(client, owner, fake_scam_check):
    response = send(client, issue_token(owner), via="form")
    opp = Opportunity.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == f"/capture/review/{opp.id}/"


def test_endpoint_is_post_only(client):
    assert client.get(ENDPOINT).status_code == 405


def test_token_views_issue_and_revoke(client, owner):
    client.force_login(owner)
    client.post(reverse("capture:token"), {"action": "replace"})
    first = CaptureToken.objects.get(owner=owner).token_digest
    client.post(reverse("capture:token"), {"action": "replace"})
    assert CaptureToken.objects.get(owner=owner).token_digest != first
    client.post(reverse("capture:token"), {"action": "revoke"})
    assert not CaptureToken.objects.filter(owner=owner).exists()
    client.logout()
    assert client.post(reverse("capture:token"), {"action": "replace"}).status_code == 302  # to the login page
    assert not CaptureToken.objects.exists()


def test_settings_section_shows_the_bookmarklet(owner):
    from django.apps import apps

    template_name = apps.get_app_config("capture").settings_template
    request = RequestFactory().get("/settings/")
    request.user = owner
    html = Template("{% include name %}").render(Context({"name": template_name, "request": request}))
    assert "Create my bookmarklet" in html
    token = issue_token(owner)
    html = Template("{% include name %}").render(Context({"name": template_name, "request": request}))
    assert 'id="capture-bookmarklet"' in html and "href=\"javascript:" in html
    assert token in html and "http://testserver/capture/bookmarklet/" in html.replace("%3A", ":")


def test_bookmarklet_js_embeds_endpoint_and_token_safely():
    js = bookmarklet_js("https://kw.example/capture/bookmarklet/", 'to"ken')
    assert '"https://kw.example/capture/bookmarklet/"' in js and '"to\\"ken"' in js
    assert "credentials:'omit'" in js and "application/ld+json" in js


def test_review_page_edits_and_outsider_gets_404(client, owner, outsider, fake_scam_check):
    send(client, issue_token(owner))
    opp = Opportunity.objects.get(owner=owner)
    url = reverse("capture:review", args=[opp.id])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Hijacked"}).status_code == 404
    client.force_login(owner)
    page = client.get(url)
    assert page.status_code == 200 and "Sugar Glider Breeder Assistant" in page.content.decode()
    response = client.post(url, {"title": "Breeder assistant", "company": "Sugar Glider Co.", "location": "Naperville",
                                 "salary": "$16/hr", "notes": "Call Jane"})
    assert response.status_code == 302
    opp.refresh_from_db()
    assert (opp.title, opp.company.name, opp.notes) == ("Breeder assistant", "Sugar Glider Co.", "Call Jane")
    assert client.post(url, {"title": ""}).status_code == 400


def test_paste_page_captures_text(client, owner, fake_scam_check):
    client.force_login(owner)
    response = client.post(reverse("capture:new"), {"text": (FIXTURES / "posting.txt").read_text()})
    opp = Opportunity.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == reverse("capture:review", args=[opp.id])
    assert client.post(reverse("capture:new"), {"text": "", "url": ""}).status_code == 400


def test_review_page_shows_the_scam_verdict(client, owner):
    from keepwarm.capture.parse import parse_posting
    from keepwarm.capture.services import save_posting

    scammy = ("<html><head><title>Work from home</title></head><body><h1>Easy money</h1><p>Earn $5000 a week from "
              "home! No experience. Send your bank account details and pay a $50 training fee via Western Union "
              "to start today. Wire transfer, gift cards accepted.</p></body></html>")
    opp = save_posting(owner, parse_posting(scammy, "https://example.org/job/1")).opportunity
    client.force_login(owner)
    page = client.get(reverse("capture:review", args=[opp.id])).content.decode()
    assert "scam-badge" in page
    verdict = opp.scam_check.verdict
    assert verdict != "no red flags found", verdict
    assert "Likely scam" in page or "Suspicious" in page


def test_too_large_page_is_a_json_error(client, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5000
    response = send(client, issue_token(owner), html="<p>" + "x" * 10000 + "</p>")
    assert response.status_code == 413 and "too large" in response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not Opportunity.objects.exists()
