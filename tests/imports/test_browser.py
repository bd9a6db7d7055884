"""The spreadsheet import in Chromium: upload → map columns → preview → import."""

import pytest
from django.conf import settings
from django.test import Client

from keepwarm.jobs.models import Opportunity
from tests.capture.a11y import assert_accessible


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
def test_csv_upload_map_preview_import(page, live_server, owner, tmp_path, screenshot_dir):
    page.set_default_timeout(10000)
    path = tmp_path / "my jobs.csv"
    # "Job" and "Where" are not headers keepwarm knows: the user maps them on the page.
    path.write_text("Job;Employer;Applied;Where;Status\nBreeder assistant;Sugar Glider Co.;12/02/2011;Naperville;"
                    "on hold\nKennel technician;Happy Paws;2026-11-02;Chicago;no response\n", encoding="utf-8-sig")
    sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("Spreadsheet of applications").check()
    page.get_by_label("File").set_input_files(str(path))
    assert_accessible(page, "import upload")
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url("**/map/")
    page.screenshot(path=str(screenshot_dir / "import-map.png"), full_page=True)
    assert_accessible(page, "import column map")
    page.get_by_label("Job").select_option("title")
    page.get_by_label("Where").select_option("location")
    page.get_by_role("button", name="Preview").click()
    page.wait_for_url("**/preview/")
    assert page.locator('[data-count="created"]').inner_text() == "2"
    assert page.locator("#import-summary").inner_text() == "dry run — nothing written; created: 2 jobs"
    assert not Opportunity.objects.exists()
    page.screenshot(path=str(screenshot_dir / "import-preview.png"), full_page=True)
    assert_accessible(page, "import preview")
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("text=Imported my jobs.csv")
    jobs = {o.title: o for o in Opportunity.objects.filter(owner=owner)}
    assert (jobs["Breeder assistant"].stage, jobs["Breeder assistant"].location) == ("on_hold", "Naperville")
    assert jobs["Kennel technician"].stage == "applied"
