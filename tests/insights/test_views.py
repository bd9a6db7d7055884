"""Insights pages: login required, each user sees only their own figures, downloads are real files."""

import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse

from .sample import NOW, build

PAGES = ["insights:dashboard", "insights:worklog", "insights:worklog-download", "insights:export",
         "insights:export-zip", "insights:delete-account"]


@pytest.fixture
def amy(client, owner):
    with time_machine.travel(NOW, tick=False):
        build(owner)
    client.force_login(owner)
    return owner


@pytest.mark.parametrize("name", PAGES)
def test_every_page_needs_a_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_shows_the_figures_charts_and_tables(client, amy):
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("insights:dashboard"), {"weeks": "all"}).content.decode()
    assert page.count('<svg class="kw-chart"') == 4 and 'role="img"' in page
    assert "<title" in page and "<desc" in page  # each chart is named and described
    assert "<td>2026-W48</td><td>2026-11-23</td><td>2</td>" in page  # the applications table
    assert "Response rate by source" in page and "<td>Craigslist</td><td>2</td><td>1</td>" in page
    assert "Dana Quiet" in page  # going cold
    assert "Screening / interviewing" in page


def test_dashboard_period_defaults_to_twelve_weeks_and_ignores_bad_input(client, amy):
    with time_machine.travel(NOW, tick=False):
        default = client.get(reverse("insights:dashboard"))
        bad = client.get(reverse("insights:dashboard"), {"weeks": "999"})
    assert default.context["data"]["since"] == "2026-09-07"  # Monday of the 12th week back
    assert bad.status_code == 200 and bad.context["data"]["since"] == "2026-09-07"


def test_an_outsider_sees_none_of_amys_figures(client, amy, outsider):
    client.force_login(outsider)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("insights:dashboard"), {"weeks": "all"})
    assert page.context["data"]["applications"]["total"] == 0 and b"Dana Quiet" not in page.content


def test_worklog_page_and_downloads(client, amy):
    params = {"start": "2026-11-02", "end": "2026-11-15", "paper": "letter"}
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("insights:worklog"), params)
        csv_file = client.get(reverse("insights:worklog-download"), {**params, "format": "csv"})
        pdf_file = client.get(reverse("insights:worklog-download"), {**params, "format": "pdf"})
        backwards = client.get(reverse("insights:worklog"), {"start": "2026-11-15", "end": "2026-11-02"})
    assert b"Week 2026-11-02 to 2026-11-08: 2 contacts" in page.content
    assert csv_file["Content-Type"].startswith("text/csv") and csv_file.content.count(b"\n") == 5
    assert pdf_file["Content-Type"] == "application/pdf" and b"/MediaBox [0 0 792.00 612.00]" in pdf_file.content
    assert b"The end date is before the start date." in backwards.content


def test_delete_account_needs_the_name_and_password(client, amy):
    url = reverse("insights:delete-account")
    wrong = client.post(url, {"username": "amy", "password": "nope"})
    assert wrong.status_code == 200 and b"The password is not right." in wrong.content
    assert type(amy).objects.filter(pk=amy.pk).exists()
    done = client.post(url, {"username": "amy", "password": "a-long-test-password"})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    assert not type(amy).objects.filter(pk=amy.pk).exists()
    assert client.get(reverse("insights:dashboard")).status_code == 302  # signed out


def test_export_zip_holds_the_json_and_a_csv_per_kind(client, amy):
    pytest.importorskip("keepwarm.archive.services")
    response = client.get(reverse("insights:export-zip"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    data = json.loads(archive.read("keepwarm-export.json"))
    assert any(n.startswith("csv/") and n.endswith(".csv") for n in names)
    text = "".join(archive.read(n).decode() for n in names if n.endswith(".csv"))
    assert "Jane Doe" in text and "Breeder assistant" in text
    assert isinstance(data, dict)
