"""The main flows in Chromium: first run and sign-in; add a job; drag it to interviewing; log a phone call with
its hiring manager; the thank-you on Today, marked done; a job on hold and its keep-warm touch on the right date.
Each main page is screenshotted (test-output/screenshots) and checked with axe-core."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from keepwarm.accounts.services import create_user
from keepwarm.followups.models import FollowUp, State
from keepwarm.jobs.models import Interview, Opportunity, StageChange
from keepwarm.jobs.services import create_opportunity
from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction

from .conftest import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amy(db):
    return create_user("amy", password="a-long-test-password", time_zone="America/Chicago")


@pytest.fixture
def job(amy):
    jane = create_contact(amy, "Jane Doe", company="Sugar Glider Co.", emails=["jane@sugargliderco.com"],
                          phones=["mobile=+13125550142"], socials=["facebook:jane.doe"],
                          topics=["breeds sugar gliders"])
    return create_opportunity(amy, "Breeder assistant", company="Sugar Glider Co.", source="craigslist",
                              stage="applied", contacts=[f"{jane.id}:hiring_manager"])


def test_first_run_and_sign_in(page, live_server, screenshot_dir):
    page.goto(live_server.url)
    expect(page).to_have_url(re.compile(r"/accounts/welcome/$"))
    check_page(page, "first-run", screenshot_dir)
    page.get_by_label("Your name for signing in").fill("amy")
    page.get_by_label("Password", exact=True).fill("a-long-test-password")
    page.get_by_label("Password again").fill("a-long-test-password")
    page.get_by_label("Time zone").select_option("America/Chicago")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("Start here")).to_be_visible()  # the empty state teaches what to do
    check_page(page, "today-empty", screenshot_dir)
    page.locator("summary", has_text="amy").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check_page(page, "sign-in", screenshot_dir)
    page.get_by_label("User name").fill("amy")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("User name")).to_be_visible()
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def test_add_a_job(page, live_server, signed_in, amy, screenshot_dir):
    signed_in(amy)
    page.goto(live_server.url + "/jobs/new/")
    check_page(page, "add-job", screenshot_dir)
    page.get_by_label("Title").fill("Breeder assistant")
    page.get_by_label("Company").fill("Sugar Glider Co.")
    page.get_by_label("Stage").select_option("applied")
    page.get_by_label("Source", exact=True).select_option("craigslist")
    page.get_by_label("Hiring manager").fill("Jane Doe")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Breeder assistant")).to_be_visible()
    opp = Opportunity.objects.get(owner=amy)
    assert opp.stage == "applied" and opp.people.get().contact.name == "Jane Doe"
    check_page(page, "opportunity", screenshot_dir)


def test_drag_a_job_to_interviewing(page, live_server, signed_in, amy, job, screenshot_dir):
    signed_in(amy)
    page.goto(live_server.url + "/board/")
    check_page(page, "board", screenshot_dir)
    card = page.locator(f'li.card[data-id="{job.id}"]')
    target = page.locator('ul.cards[data-stage="interviewing"]')
    card.drag_to(target, source_position={"x": 4, "y": 4})  # grab the card by its edge, not its controls
    expect(target.locator(f'li.card[data-id="{job.id}"]')).to_be_visible()
    # The move is saved (and kept in history), not only drawn: wait for the server to have it.
    page.wait_for_function("() => true")
    for _ in range(50):
        job.refresh_from_db()
        if job.stage == "interviewing":
            break
        page.wait_for_timeout(100)
    assert job.stage == "interviewing"
    assert StageChange.objects.filter(opportunity=job, to_stage="interviewing").exists()
    page.reload()
    expect(page.locator(f'ul.cards[data-stage="interviewing"] li.card[data-id="{job.id}"]')).to_be_visible()


def test_move_by_keyboard_without_dragging(page, live_server, signed_in, amy, job):
    signed_in(amy)
    page.goto(live_server.url + "/board/")
    select = page.get_by_label("Move Breeder assistant to")
    select.focus()
    select.select_option("screening")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Moved “Breeder assistant” to Screening.")).to_be_visible()
    job.refresh_from_db()
    assert job.stage == "screening"


def test_phone_call_then_thank_you_on_today_marked_done(page, live_server, signed_in, amy, job, screenshot_dir):
    signed_in(amy)
    job.stage = "interviewing"
    job.save()
    page.goto(live_server.url + f"/jobs/{job.id}/")
    page.locator("main").get_by_role("button", name="Log a touch").click()
    expect(page.get_by_label("Who")).to_have_value("Jane Doe")  # the hiring manager, pre-filled
    check_page(page, "quick-log", screenshot_dir)
    page.get_by_label("Channel").select_option("phone")
    page.get_by_label("What").fill("Phone interview with Jane")
    page.locator("summary", has_text="More").click()
    page.get_by_label("It was an interview for this job").check()
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Logged: Phone call with Jane Doe.")).to_be_visible()
    touch = Interaction.objects.get(owner=amy)
    assert touch.channel == "phone" and touch.opportunity_id == job.id
    assert Interview.objects.filter(opportunity=job, format="phone").exists()

    page.goto(live_server.url + "/")
    item = page.locator("article.followup", has_text="Thank-you note")
    expect(item).to_contain_text("Jane Doe")
    expect(item).to_contain_text("breeds sugar gliders")
    check_page(page, "today", screenshot_dir)
    item.get_by_role("button", name="Done").click()
    expect(page.get_by_text("Done: Thank-you note.")).to_be_visible()
    assert FollowUp.objects.get(owner=amy, kind="thank_you").state == State.DONE
    page.reload()
    expect(page.locator("article.followup", has_text="Thank-you note")).to_have_count(0)


def test_on_hold_then_keep_warm_touch_on_the_right_date(page, live_server, signed_in, amy, job, screenshot_dir):
    start = timezone.now()
    signed_in(amy)
    page.set_viewport_size({"width": 3000, "height": 900})  # every column on screen: drag in one movement
    page.goto(live_server.url + "/board/")
    card = page.locator(f'li.card[data-id="{job.id}"]')
    card.drag_to(page.locator('ul.cards[data-stage="on_hold"]'), source_position={"x": 4, "y": 4})
    dialog = page.locator("#on-hold-dialog")
    expect(dialog).to_be_visible()
    revisit = (start + dt.timedelta(days=60)).date()
    dialog.get_by_label("Revisit on").fill(revisit.isoformat())
    dialog.get_by_role("button", name="Put on hold").click()
    for _ in range(50):
        job.refresh_from_db()
        if job.stage == "on_hold":
            break
        page.wait_for_timeout(100)
    assert job.stage == "on_hold" and job.revisit_on == revisit
    # The keep-warm touch is due 21 days (rules.on_hold_every) after the day, in amy's zone, the job went on hold.
    tz = ZoneInfo("America/Chicago")
    due_day = job.stage_changed_at.astimezone(tz).date() + dt.timedelta(days=21)

    def noon(day):
        return dt.datetime.combine(day, dt.time(12), tzinfo=tz)

    # (signed in again at each date: a session is good for two weeks, so it would lapse on the way)
    with time_machine.travel(noon(due_day - dt.timedelta(days=8)), tick=True):
        signed_in(amy)
        page.goto(live_server.url + "/")
        expect(page.locator("article.followup", has_text="Keep-warm touch")).to_have_count(0)
    with time_machine.travel(noon(due_day - dt.timedelta(days=1)), tick=True):
        signed_in(amy)
        page.goto(live_server.url + "/")
        expect(page.locator("#upcoming article.followup", has_text="Keep-warm touch")).to_have_count(1)
        expect(page.locator("#due article.followup", has_text="Keep-warm touch")).to_have_count(0)
    with time_machine.travel(noon(due_day), tick=True):
        signed_in(amy)
        page.goto(live_server.url + "/")
        item = page.locator("#due article.followup", has_text="Keep-warm touch")
        expect(item).to_contain_text("Jane Doe")
        expect(item).to_contain_text("breeds sugar gliders")
        check_page(page, "today-keep-warm", screenshot_dir)


def test_main_pages_screenshots_and_accessibility(page, live_server, signed_in, amy, job, screenshot_dir):
    signed_in(amy)
    jane = job.people.get().contact
    for name, path in [("contact", f"/contacts/{jane.id}/"), ("contacts", "/contacts/"),
                       ("company", f"/companies/{job.company_id}/"), ("companies", "/companies/"),
                       ("search", "/search/?q=glider"), ("settings", "/settings/"),
                       ("edit-contact", f"/contacts/{jane.id}/edit/")]:
        page.goto(live_server.url + path)
        check_page(page, name, screenshot_dir)


def test_phone_layout(page, live_server, signed_in, amy, job, screenshot_dir):
    """The seed's user checked messages on the go: Today and the board fit a phone screen."""
    signed_in(amy)
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in [("phone-today", "/"), ("phone-board", "/board/"), ("phone-opportunity", f"/jobs/{job.id}/")]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} scrolls sideways ({width}px)"
        check_page(page, name, screenshot_dir)
