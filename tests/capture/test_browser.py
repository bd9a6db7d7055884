"""The bookmarklet in Chromium: a posting served on one local port, keepwarm on another."""

from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client

from keepwarm.jobs.models import Opportunity

from .a11y import assert_accessible


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
def test_bookmarklet_captures_the_page_and_opens_it_for_review(page, live_server, owner, posting_server,
                                                                fake_scam_check, screenshot_dir):
    page.set_default_timeout(10000)
    sign_in(page, live_server, owner)
    # 1. The settings page makes the bookmarklet; take its link as a user dragging it to the bar would.
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("button", name="Create my bookmarklet").click()
    href = page.locator("#capture-bookmarklet").get_attribute("href")
    page.locator("#capture-settings").screenshot(path=str(screenshot_dir / "capture-settings-section.png"))
    assert href.startswith("javascript:")
    # 2. On the posting page (another origin), run it as the browser runs a bookmark's javascript: URL.
    page.goto(f"{posting_server}/craigslist.html")
    with page.context.expect_page() as opened:
        page.evaluate(unquote(href[len("javascript:"):]))
    review = opened.value
    review.wait_for_url("**/capture/review/*/")
    assert "Review: Sugar Glider Breeder Assistant" in review.locator("h1").inner_text()
    opp = Opportunity.objects.get(owner=owner)
    assert (opp.stage, opp.source, opp.posting_key) == ("saved", "craigslist", "craigslist:7712345678")
    assert review.url == f"{live_server.url}/capture/review/{opp.id}/"
    assert fake_scam_check == [opp.id]
    review.screenshot(path=str(screenshot_dir / "capture-review.png"), full_page=True)
    assert_accessible(review, "capture review")
    # 3. Review and keep it; a second click on the same posting updates the same opportunity.
    review.get_by_label("Notes").fill("Email the breeder tonight")
    review.get_by_role("button", name="Keep it").click()
    review.wait_for_load_state()
    opp.refresh_from_db()
    assert opp.notes == "Email the breeder tonight"
    with page.context.expect_page() as again:
        page.evaluate(unquote(href[len("javascript:"):]))
    again.value.wait_for_url(f"**/capture/review/{opp.id}/")
    assert Opportunity.objects.filter(owner=owner).count() == 1


@pytest.mark.browser
def test_revoked_bookmarklet_says_so(page, live_server, owner, posting_server):
    from keepwarm.capture.bookmarklet import bookmarklet_js
    from keepwarm.capture.services import issue_token, revoke_token

    token = issue_token(owner)
    revoke_token(owner)
    page.goto(f"{posting_server}/craigslist.html")
    messages = []
    page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.evaluate(bookmarklet_js(f"{live_server.url}/capture/bookmarklet/", token))
    page.wait_for_timeout(200)
    for _ in range(40):
        if messages:
            break
        page.wait_for_timeout(100)
    assert messages and "revoked capture token" in messages[0]
    assert not Opportunity.objects.exists()
