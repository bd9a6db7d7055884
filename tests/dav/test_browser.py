"""In Chromium: the settings page loads the phone-and-calendar panel (htmx), an account can be added there, and
the per-contact phone page shows the QR code. Screenshots and axe-core checks as for the main pages."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from keepwarm.accounts.services import create_user
from keepwarm.dav.models import DavAccount
from keepwarm.people.services import create_contact
from tests.browser.conftest import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amy_page(page, live_server):
    amy = create_user("amy", password="a-long-test-password", time_zone="America/Chicago")
    client = Client()
    client.force_login(amy)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}])
    page.set_default_timeout(8000)
    return amy, page


def test_settings_panel_add_account_and_feed(amy_page, live_server, screenshot_dir):
    amy, page = amy_page
    page.goto(live_server.url + "/settings/")
    expect(page.locator("#dav-panel")).to_be_visible()  # swapped in by htmx from dav:panel
    page.goto(live_server.url + "/dav/")
    page.get_by_role("button", name="Make a feed URL").click()
    expect(page.get_by_label("Calendar feed URL")).to_have_value(re.compile(r"/dav/feed/[\w-]{40,}\.ics$"))
    page.locator("summary", has_text="Add an address book or a calendar").click()
    page.locator("#id_kind").select_option("addressbook")
    page.locator("#id_url").fill("https://dav.example.com/amy/contacts/")
    page.locator("#id_username").fill("amy")
    page.locator("#id_password").fill("app-password")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Account added")).to_be_visible()
    account = DavAccount.objects.get(owner=amy)
    assert (account.password, account.calendar_name) == ("app-password", "")
    check_page(page, "dav-settings", screenshot_dir)


def test_contact_phone_page_shows_the_qr_code(amy_page, live_server, screenshot_dir):
    amy, page = amy_page
    jane = create_contact(amy, "Jane Doe", company="Sugar Glider Co.", phones=["mobile=+1 312 555 0142"])
    page.goto(f"{live_server.url}/dav/contacts/{jane.id}/phone/")
    image = page.get_by_role("img", name="QR code with Jane Doe's contact card")
    expect(image).to_be_visible()
    assert page.evaluate("img => img.naturalWidth > 0", image.element_handle())
    check_page(page, "dav-contact-phone", screenshot_dir)
