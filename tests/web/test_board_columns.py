"""Capped columns: each shows its most recently active cards, its total and a "show all" link to the whole
column, page by page; filters narrow both and still find jobs beyond the first cards."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from keepwarm.jobs.models import Opportunity
from keepwarm.jobs.services import create_opportunity
from keepwarm.web import board_columns


@pytest.fixture
def small_pages(monkeypatch):
    """Three cards a column and four a page: the paths past the cap need only a handful of jobs."""
    monkeypatch.setattr(board_columns, "PER_COLUMN", 3)
    monkeypatch.setattr(board_columns, "PAGE_SIZE", 4)


def _jobs(owner, n, stage="applied", title="Job", **kwargs):
    """n jobs at `stage`; job i was last active i hours ago (so the list is newest first: 0, 1, 2, ...)."""
    now = timezone.now()
    jobs = [create_opportunity(owner, f"{title} {i}", stage=stage, **kwargs) for i in range(n)]
    for i, job in enumerate(jobs):
        Opportunity.objects.filter(pk=job.pk).update(updated_at=now - dt.timedelta(hours=i))
    return [job.id for job in jobs]


def _column(response, stage):
    return next(c for c in response.context["columns"] if c["stage"] == stage)


def _ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<li class="card" data-id="(\d+)"', html)]


@pytest.mark.django_db
def test_a_column_shows_its_newest_cards_its_total_and_a_show_all_link(amy, owner, small_pages):
    ids = _jobs(owner, 5)
    r = amy.get(reverse("web:board"))
    col = _column(r, "applied")
    assert [c.id for c in col["cards"]] == ids[:3] and col["total"] == 5 and col["hidden"] == 2
    html = r.content.decode()
    assert 'aria-labelledby="col-applied">(5)' not in html  # the total sits in the heading, not the list
    assert re.search(r'id="col-applied">Applied <small class="muted"[^>]*>\(5\)</small>', html)
    assert '<a href="?stage=applied" class="show-all">Show all 5</a>' in html
    assert _ids(html) == ids[:3]
    assert "show-all" not in html.split('id="col-screening"')[1]  # no link where nothing is hidden


@pytest.mark.django_db
def test_show_all_reaches_every_card_page_by_page(amy, owner, small_pages):
    ids = _jobs(owner, 10)
    _jobs(owner, 2, stage="screening", title="Other")
    seen = []
    for page in (1, 2, 3):
        r = amy.get(reverse("web:board"), {"stage": "applied", "page": page})
        assert r.status_code == 200 and r.templates[0].name == "web/board_stage.html"
        seen += _ids(r.content.decode())
        assert f"Page {page} of 3" in r.content.decode()
    assert seen == ids  # all ten, newest first, none twice, no other stage's
    first = amy.get(reverse("web:board"), {"stage": "applied"}).content.decode()
    assert 'href="?stage=applied&amp;page=2" rel="next"' in first and 'rel="prev"' not in first
    assert "Showing 1–4 of 10" in first


@pytest.mark.django_db
def test_page_numbers_out_of_range_or_bad_are_clamped(amy, owner, small_pages):
    ids = _jobs(owner, 5)
    assert _ids(amy.get(reverse("web:board"), {"stage": "applied", "page": "99"}).content.decode()) == ids[4:]
    assert _ids(amy.get(reverse("web:board"), {"stage": "applied", "page": "x"}).content.decode()) == ids[:4]
    assert _ids(amy.get(reverse("web:board"), {"stage": "applied", "page": "-3"}).content.decode()) == ids[:4]


@pytest.mark.django_db
def test_an_unknown_stage_shows_the_whole_board(amy, owner):
    r = amy.get(reverse("web:board"), {"stage": "nonsense"})
    assert r.status_code == 200 and r.templates[0].name == "web/board.html"


@pytest.mark.django_db
def test_the_filter_finds_a_job_beyond_the_first_cards(amy, owner, small_pages):
    ids = _jobs(owner, 6)
    Opportunity.objects.filter(pk=ids[-1]).update(title="Zebra keeper")  # the column's oldest: not shown
    assert ids[-1] not in [c.id for c in _column(amy.get(reverse("web:board")), "applied")["cards"]]
    col = _column(amy.get(reverse("web:board"), {"q": "ZEBRA"}), "applied")
    assert [c.id for c in col["cards"]] == [ids[-1]] and col["total"] == 1 and col["hidden"] == 0


@pytest.mark.django_db
def test_filtered_columns_are_capped_and_counted_too(amy, owner, small_pages):
    ids = _jobs(owner, 5, source="referral")
    _jobs(owner, 4, source="job_board", title="Board")
    r = amy.get(reverse("web:board"), {"source": "referral"})
    col = _column(r, "applied")
    assert [c.id for c in col["cards"]] == ids[:3] and col["total"] == 5
    assert '<a href="?stage=applied&amp;source=referral" class="show-all">Show all 5</a>' in r.content.decode()
    page = amy.get(reverse("web:board"), {"stage": "applied", "source": "referral", "q": "job"})
    assert _ids(page.content.decode()) == ids[:4]
    assert 'href="?stage=applied&amp;q=job&amp;source=referral&amp;page=2"' in page.content.decode()
    assert 'name="stage" value="applied"' in page.content.decode()  # filtering again stays in the column


@pytest.mark.django_db
def test_another_users_jobs_are_neither_shown_nor_counted(amy, owner, outsider):
    _jobs(outsider, 3)
    mine = _jobs(owner, 1)
    col = _column(amy.get(reverse("web:board")), "applied")
    assert [c.id for c in col["cards"]] == mine and col["total"] == 1
    assert _ids(amy.get(reverse("web:board"), {"stage": "applied"}).content.decode()) == mine


@pytest.mark.django_db
def test_cards_escape_their_text_and_keep_their_move_form(amy, owner):
    job = create_opportunity(owner, 'Dev <script>"x"</script>', company="A & B", stage="on_hold")
    Opportunity.objects.filter(pk=job.pk).update(revisit_on=dt.date(2027, 3, 1))
    html = amy.get(reverse("web:board")).content.decode()
    card = html.split(f'data-id="{job.id}"')[1].split("</li>")[0]
    assert "<script>" not in card and "Dev &lt;script&gt;&quot;x&quot;&lt;/script&gt;" in card
    assert "A &amp; B" in card and "Revisit 1 Mar 2027" in card
    assert f'action="{reverse("web:job-move", args=[job.id])}"' in card
    assert 'name="csrfmiddlewaretoken" value="' in card
    assert '<option value="on_hold" selected>Move to…</option>' in card and card.count("<option") == 13


def _count(client, url, **params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_jobs(amy, owner, small_pages):
    url = reverse("web:board")
    views = [{}, {"q": "job"}, {"source": "other"}, {"stage": "applied", "page": "2"}]
    _jobs(owner, 2)
    few = [_count(amy, url, **v) for v in views]
    _jobs(owner, 12, title="More")
    _jobs(owner, 12, stage="saved", title="Saved")
    assert [_count(amy, url, **v) for v in views] == few


@pytest.mark.django_db
def test_a_move_from_a_column_page_returns_to_that_page(amy, owner, small_pages):
    ids = _jobs(owner, 6)
    page = amy.get(reverse("web:board"), {"stage": "applied", "q": "job", "page": "2"}).content.decode()
    assert 'name="next" value="?stage=applied&amp;q=job&amp;page=2"' in page
    r = amy.post(reverse("web:job-move", args=[ids[5]]), {"stage": "screening", "next": "?stage=applied&q=job&page=2"})
    assert r.status_code == 302 and r.url == reverse("web:board") + "?stage=applied&q=job&page=2"
    assert Opportunity.objects.get(pk=ids[5]).stage == "screening"
    r = amy.post(reverse("web:job-move", args=[ids[4]]), {"stage": "saved", "next": "https://evil.example/?stage=x"})
    assert r.url == reverse("web:board")  # only the board's own parameters are kept
