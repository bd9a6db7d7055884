"""The capped board in Chromium: a drag updates both columns' totals; "show all" opens the whole column, where the
keyboard move works and returns to the same column page."""

import pytest
from playwright.sync_api import expect

from keepwarm.accounts.services import create_user
from keepwarm.jobs.models import Opportunity
from keepwarm.jobs.services import create_opportunity
from keepwarm.web import board_columns

from .conftest import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amy(db, monkeypatch):
    monkeypatch.setattr(board_columns, "PER_COLUMN", 3)  # the live server runs in this process
    user = create_user("amy", password="a-long-test-password", time_zone="America/Chicago")
    for i in range(5):
        create_opportunity(user, f"Applied job {i}", company=f"Company {i}", stage="applied")
    return user


def _wait_for_stage(job_id, stage, page):
    for _ in range(50):
        if Opportunity.objects.get(pk=job_id).stage == stage:
            return True
        page.wait_for_timeout(100)
    return False


def test_a_drag_updates_both_totals(page, live_server, signed_in, amy):
    signed_in(amy)
    page.goto(live_server.url + "/board/")
    applied = page.locator("#col-applied small")
    expect(applied).to_have_text("(5)")
    expect(page.locator('ul.cards[data-stage="applied"] li.card')).to_have_count(3)
    newest = Opportunity.objects.filter(owner=amy, stage="applied").order_by("-updated_at", "-id").first()
    card = page.locator(f'li.card[data-id="{newest.id}"]')
    card.drag_to(page.locator('ul.cards[data-stage="screening"]'), source_position={"x": 4, "y": 4})
    assert _wait_for_stage(newest.id, "screening", page)
    expect(applied).to_have_text("(4)")
    expect(page.locator("#col-screening small")).to_have_text("(1)")


def test_show_all_then_move_by_keyboard(page, live_server, signed_in, amy, screenshot_dir):
    signed_in(amy)
    page.goto(live_server.url + "/board/")
    page.get_by_role("link", name="Show all 5").click()
    expect(page.get_by_role("heading", name="Applied (5)")).to_be_visible()
    expect(page.locator("li.card")).to_have_count(5)
    check_page(page, "board-stage", screenshot_dir)
    oldest = Opportunity.objects.get(owner=amy, title="Applied job 0")
    select = page.get_by_label("Move Applied job 0 to")
    select.focus()
    select.select_option("interviewing")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Moved “Applied job 0” to Interviewing.")).to_be_visible()
    assert Opportunity.objects.get(pk=oldest.id).stage == "interviewing"
    expect(page.get_by_role("heading", name="Applied (4)")).to_be_visible()  # back on the column's page
