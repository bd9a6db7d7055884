"""The board: columns by stage, moves kept in history, on hold asks for a revisit date, filters."""

import datetime as dt

import pytest
from django.urls import reverse

from keepwarm.jobs.models import Opportunity, StageChange
from keepwarm.jobs.services import create_opportunity


@pytest.fixture
def job(owner):
    return create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", source="craigslist",
                              stage="applied")


def _column(response, stage):
    return next(c for c in response.context["columns"] if c["stage"] == stage)


@pytest.mark.django_db
def test_cards_sit_in_their_stage(amy, job):
    r = amy.get(reverse("web:board"))
    assert [o.id for o in _column(r, "applied")["cards"]] == [job.id]
    assert _column(r, "interviewing")["cards"] == []
    assert len(r.context["columns"]) == 12


@pytest.mark.django_db
def test_move_without_js_keeps_history(amy, job):
    r = amy.post(reverse("web:job-move", args=[job.id]), {"stage": "interviewing"})
    assert r.status_code == 302 and r.url == reverse("web:board")
    job.refresh_from_db()
    assert job.stage == "interviewing"
    assert [(c.from_stage, c.to_stage) for c in StageChange.objects.filter(opportunity=job)] == [
        ("", "applied"), ("applied", "interviewing")]


@pytest.mark.django_db
def test_drag_move_by_htmx_answers_204(amy, job):
    r = amy.post(reverse("web:job-move", args=[job.id]), {"stage": "screening"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 204
    job.refresh_from_db()
    assert job.stage == "screening"


@pytest.mark.django_db
def test_on_hold_asks_for_revisit_date_then_saves_it(amy, job):
    r = amy.post(reverse("web:job-move", args=[job.id]), {"stage": "on_hold"})
    assert r.status_code == 200 and "Revisit on" in r.content.decode()
    job.refresh_from_db()
    assert job.stage == "applied"  # nothing moved yet
    r = amy.post(reverse("web:job-move", args=[job.id]), {"stage": "on_hold", "revisit_on": "2027-03-01"})
    job.refresh_from_db()
    assert job.stage == "on_hold" and job.revisit_on == dt.date(2027, 3, 1)
    assert StageChange.objects.filter(opportunity=job).last().revisit_on == dt.date(2027, 3, 1)


@pytest.mark.django_db
def test_on_hold_without_a_date_is_fine(amy, job):
    amy.post(reverse("web:job-move", args=[job.id]), {"stage": "on_hold", "revisit_on": ""})
    job.refresh_from_db()
    assert job.stage == "on_hold" and job.revisit_on is None


@pytest.mark.django_db
def test_bad_stage_changes_nothing(amy, job):
    r = amy.post(reverse("web:job-move", args=[job.id]), {"stage": "nonsense"})
    assert r.status_code == 302
    job.refresh_from_db()
    assert job.stage == "applied" and StageChange.objects.filter(opportunity=job).count() == 1


@pytest.mark.django_db
def test_filter_by_source_and_text(amy, owner, job):
    other = create_opportunity(owner, "Help desk analyst", company="Acme", source="job_board", stage="applied")
    r = amy.get(reverse("web:board") + "?source=job_board")
    assert [o.id for o in _column(r, "applied")["cards"]] == [other.id]
    r = amy.get(reverse("web:board") + "?q=glider")
    assert [o.id for o in _column(r, "applied")["cards"]] == [job.id]


@pytest.mark.django_db
def test_columns_are_capped_but_counted(amy, owner):
    from keepwarm.web.board_columns import PER_COLUMN

    for i in range(PER_COLUMN + 3):
        create_opportunity(owner, f"Job {i}", stage="saved")
    col = _column(amy.get(reverse("web:board")), "saved")
    assert len(col["cards"]) == PER_COLUMN and col["total"] == PER_COLUMN + 3 and col["hidden"] == 3
    assert Opportunity.objects.filter(owner=owner).count() == PER_COLUMN + 3
