import pytest
from django.urls import reverse

from keepwarm.scams.models import ScamCheck, ScamFeedback
from keepwarm.scams.services import check_and_record_opportunity

from .test_checks import SCAM_POSTING


@pytest.fixture
def amy(client, owner):
    client.force_login(owner)
    return client


@pytest.mark.django_db
def test_check_page_needs_login(client):
    res = client.get(reverse("scams:check"))
    assert res.status_code == 302


@pytest.mark.django_db
def test_check_page_shows_verdict_and_reasons(amy):
    assert amy.get(reverse("scams:check")).status_code == 200
    res = amy.post(reverse("scams:check"), {"text": SCAM_POSTING, "kind": "auto"})
    body = res.content.decode()
    assert res.status_code == 200
    assert "Likely scam" in body and "consumer.ftc.gov" in body and "Telegram" in body


@pytest.mark.django_db
def test_mark_not_a_scam_on_own_opportunity(amy, owner, make_opportunity):
    opp = make_opportunity(owner)
    check_and_record_opportunity(opp)
    res = amy.post(reverse("scams:mark-opportunity", args=[opp.pk, "not_scam"]), {"next": "/"})
    assert res.status_code == 302 and res.url == "/"
    assert ScamCheck.objects.get(opportunity=opp).verdict == "no red flags found"


@pytest.mark.django_db
def test_outsider_gets_404_on_someone_elses_rows(client, owner, outsider, make_opportunity, make_message):
    opp, inter = make_opportunity(owner), make_message(owner)
    client.force_login(outsider)
    assert client.post(reverse("scams:mark-opportunity", args=[opp.pk, "scam"])).status_code == 404
    assert client.post(reverse("scams:mark-interaction", args=[inter.pk, "not_scam"])).status_code == 404
    assert not ScamFeedback.objects.exists()


@pytest.mark.django_db
def test_marking_needs_post_and_a_known_label(amy, owner, make_opportunity):
    opp = make_opportunity(owner)
    assert amy.get(reverse("scams:mark-opportunity", args=[opp.pk, "scam"])).status_code == 405
    assert amy.post(f"/scams/jobs/{opp.pk}/mark/maybe/").status_code == 404


@pytest.mark.django_db
def test_badge_renders_verdict_and_not_a_scam_button(rf, owner, make_opportunity):
    from django.template.loader import render_to_string

    opp = make_opportunity(owner)
    check = check_and_record_opportunity(opp)
    request = rf.get("/jobs/1/")
    request.user = owner
    html = render_to_string("scams/badge.html", {"check": check, "opportunity": opp}, request=request)
    assert "Likely scam" in html and reverse("scams:mark-opportunity", args=[opp.pk, "not_scam"]) in html
