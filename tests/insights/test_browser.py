"""The dashboard and the work-search log in Chromium: screenshots for people to look at, and axe-core finding
nothing serious on the server-drawn charts and their tables."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from bench.seed import seed
from keepwarm.demo.services import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parent.parent / "browser" / "vendor" / "axe-core" / "axe.min.js"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def serious_axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"] if v.get("impact") in ("serious", "critical")]


def test_dashboard_in_chromium(page, live_server, owner, screenshot_dir):
    load_demo(owner)
    seed(owner, contacts=300, opportunities=80, interactions=2500, seed=7)
    sign_in(page, live_server, owner)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/insights/?weeks=26")
    expect(page.get_by_role("heading", name="Your search in numbers")).to_be_visible()
    charts = page.locator("svg.kw-chart[role=img]")
    expect(charts).to_have_count(4)
    expect(page.get_by_role("img", name="Response rate by source")).to_be_visible()
    page.get_by_text("The numbers").first.click()  # the chart's figures, as a table
    expect(page.get_by_role("cell", name="2026-W", exact=False).first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "insights-dashboard.png"), full_page=True)
    assert not serious_axe_violations(page), json.dumps(serious_axe_violations(page), indent=1)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: charts scale, nothing overflows the page
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the dashboard scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(screenshot_dir / "insights-dashboard-phone.png"), full_page=True)


def test_worklog_page_in_chromium(page, live_server, owner, screenshot_dir):
    load_demo(owner)
    sign_in(page, live_server, owner)
    page.goto(live_server.url + "/insights/worklog/")
    expect(page.get_by_role("heading", name="Work-search log")).to_be_visible()
    expect(page.get_by_role("heading", name="Week ", exact=False).first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "insights-worklog.png"), full_page=True)
    assert not serious_axe_violations(page), json.dumps(serious_axe_violations(page), indent=1)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
