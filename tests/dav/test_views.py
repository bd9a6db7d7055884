"""Downloads, QR codes, the token feed and the DAV settings: login-required, owner-only; the feed by token."""

import xml.etree.ElementTree as ET

import icalendar
import pytest
import vobject
from django.urls import reverse

from keepwarm.dav.models import DavAccount
from keepwarm.dav.services import add_account, new_feed_token


@pytest.fixture
def amy(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def otto(client, outsider):
    client.force_login(outsider)
    return client


def test_one_card_download(story, amy):
    resp = amy.get(reverse("dav:vcard", kwargs={"contact_id": story["jane"].id}) + "?context=1")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/vcard")
    assert 'filename="jane-doe.vcf"' in resp["Content-Disposition"]
    assert vobject.readOne(resp.content.decode()).fn.value == "Jane Doe (Sugar Glider Co.)"


def test_all_cards_download(story, amy, owner):
    from keepwarm.people.services import create_contact

    create_contact(owner, "John Roe")
    resp = amy.get(reverse("dav:vcards"))
    assert sorted(c.fn.value for c in vobject.readComponents(resp.content.decode())) == ["Jane Doe", "John Roe"]


def test_qr_and_phone_page(story, amy):
    resp = amy.get(reverse("dav:qr", kwargs={"contact_id": story["jane"].id}))
    assert resp["Content-Type"] == "image/svg+xml" and ET.fromstring(resp.content).tag.endswith("svg")
    page = amy.get(reverse("dav:contact-phone", kwargs={"contact_id": story["jane"].id}))
    assert page.status_code == 200 and b"qr.svg" in page.content


def test_calendar_download(story, amy):
    resp = amy.get(reverse("dav:calendar"))
    assert resp["Content-Type"].startswith("text/calendar")
    icalendar.Calendar.from_ical(resp.content)


@pytest.mark.parametrize("name", ["dav:vcard", "dav:qr", "dav:contact-phone"])
def test_outsider_gets_404_for_a_contact(story, otto, name):
    assert otto.get(reverse(name, kwargs={"contact_id": story["jane"].id})).status_code == 404


def test_outsider_cannot_push_or_remove_an_account(owner, otto):
    account = add_account(owner, "addressbook", "http://127.0.0.1:9/book/")
    for name in ("dav:account-push", "dav:account-remove"):
        assert otto.post(reverse(name, kwargs={"davaccount_id": account.id})).status_code == 404
    assert DavAccount.objects.filter(id=account.id).exists()


def test_anonymous_is_sent_to_login(client):
    resp = client.get(reverse("dav:vcards"))
    assert resp.status_code == 302 and "login" in resp["Location"]


def test_feed_by_token_then_new_token_then_revoked(story, owner, client, amy):
    import datetime as dt

    from django.utils import timezone

    from keepwarm.jobs.services import add_interview

    upcoming = add_interview(story["opp"], timezone.now() + dt.timedelta(days=2))
    token = new_feed_token(owner)
    client.logout()
    url = reverse("dav:feed", kwargs={"token": token})
    resp = client.get(url)  # no login: calendar apps cannot log in
    assert resp.status_code == 200
    uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(resp.content).walk("VEVENT")}
    assert str(upcoming.uid) in uids
    assert client.get(reverse("dav:feed", kwargs={"token": token[:-1] + "x"})).status_code == 404
    assert client.get(reverse("dav:feed", kwargs={"token": "x" * 200})).status_code == 404
    new = new_feed_token(owner)
    assert client.get(url).status_code == 404 and client.get(reverse("dav:feed", kwargs={"token": new})).status_code == 200
    client.force_login(owner)
    client.post(reverse("dav:feed-revoke"))
    client.logout()
    assert client.get(reverse("dav:feed", kwargs={"token": new})).status_code == 404


def test_feed_token_is_not_stored_in_clear(owner):
    from django.db import connection

    token = new_feed_token(owner)
    with connection.cursor() as cursor:
        cursor.execute("SELECT feed_token, feed_token_hash FROM dav_davprofile")
        stored, hashed = cursor.fetchone()
    assert token not in stored and token not in hashed


def test_settings_panel_and_adding_an_account(amy, owner):
    page = amy.get(reverse("dav:panel"))
    assert page.status_code == 200 and b"No address book or calendar yet" in page.content
    resp = amy.post(reverse("dav:account-add"), {"kind": "addressbook", "url": "https://dav.example.com/amy/book",
                                                 "username": "amy", "password": "s3cr3t-Pw-xyz"})
    assert resp.status_code == 302
    account = DavAccount.objects.get(owner=owner)
    assert account.url == "https://dav.example.com/amy/book/" and account.password == "s3cr3t-Pw-xyz"
    page = amy.get(reverse("dav:home"))
    assert b"dav.example.com" in page.content and b"s3cr3t-Pw-xyz" not in page.content
    bad = amy.post(reverse("dav:account-add"), {"kind": "calendar", "url": "https://dav.example.com/"})
    assert bad.status_code == 400 and b"name the calendar" in bad.content


def test_feed_buttons(amy, owner):
    amy.post(reverse("dav:feed-new"))
    page = amy.get(reverse("dav:panel"))
    assert b"/dav/feed/" in page.content


def test_settings_page_includes_the_section(amy):
    resp = amy.get(reverse("web:settings"))
    assert resp.status_code == 200 and b"Phone and calendar" in resp.content
    assert reverse("dav:panel").encode() in resp.content
