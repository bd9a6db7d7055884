"""Today: follow-ups with reasons and topics; done, snooze, dismiss; log it; interviews; going cold."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from keepwarm.followups.models import FollowUp, State
from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction
from keepwarm.timeline.services import log_interaction
from tests.conftest import aware

NOW = aware(2026, 12, 1, 10)


def _rows(response, key):
    return next(part for part in response.context["sections"] if part.key == key).items


@pytest.fixture
def on_hold_job(owner):
    with time_machine.travel(aware(2026, 11, 1, 10), tick=False):
        jane = create_contact(owner, "Jane Doe", company="Sugar Glider Co.", topics=["breeds sugar gliders"])
        opp = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", stage="final_interview",
                                 contacts=[f"{jane.id}:hiring_manager"])
        change_stage(opp, "on_hold", revisit_on=dt.date(2027, 1, 15))
    return opp, jane


@pytest.mark.django_db
def test_empty_today_teaches_what_to_do(amy):
    r = amy.get(reverse("web:today"))
    html = r.content.decode()
    assert "Start here" in html and reverse("web:job-new") in html and reverse("web:demo") in html


@pytest.mark.django_db
def test_keep_warm_touch_shows_reason_and_topics(amy, on_hold_job):
    with time_machine.travel(aware(2026, 11, 22, 10), tick=False):  # 21 days after going on hold
        r = amy.get(reverse("web:today"))
    html = r.content.decode()
    assert "Keep-warm touch" in html and "Jane Doe" in html
    assert "breeds sugar gliders" in html
    assert "Start here" not in html
    assert [f.kind for f in _rows(r, "due")] == ["keep_warm"]


@pytest.mark.django_db
def test_done_closes_and_htmx_swaps(amy, owner, on_hold_job):
    with time_machine.travel(aware(2026, 11, 22, 10), tick=False):
        amy.get(reverse("web:today"))
        row = FollowUp.objects.get(owner=owner, kind="keep_warm")
        r = amy.post(reverse("web:followup-done", args=[row.id]), HTTP_HX_REQUEST="true")
        assert r.status_code == 200 and f'id="followup-{row.id}"' in r.content.decode()
        row.refresh_from_db()
        assert row.state == State.DONE
        assert "Keep-warm touch" not in amy.get(reverse("web:today")).content.decode()
        closed_at = row.closed_at
        # A second click (or another tab) finds it closed: the item still goes, nothing changes, no error.
        again = amy.post(reverse("web:followup-dismiss", args=[row.id]), HTTP_HX_REQUEST="true")
        assert again.status_code == 200 and "already done" in again.content.decode()
        row.refresh_from_db()
        assert row.state == State.DONE and row.closed_at == closed_at


@pytest.mark.django_db
def test_snooze_presets_and_dismiss_without_js(amy, owner, on_hold_job):
    with time_machine.travel(aware(2026, 11, 22, 10), tick=False):
        amy.get(reverse("web:today"))
        row = FollowUp.objects.get(owner=owner, kind="keep_warm")
        r = amy.post(reverse("web:followup-snooze", args=[row.id]), {"days": "3"})
        assert r.status_code == 302
        row.refresh_from_db()
        assert row.state == State.SNOOZED and row.snoozed_until == dt.date(2026, 11, 25)
        r = amy.post(reverse("web:followup-dismiss", args=[row.id]))
        row.refresh_from_db()
        assert row.state == State.DISMISSED


@pytest.mark.django_db
def test_snooze_into_the_past_is_refused(amy, owner, on_hold_job):
    with time_machine.travel(aware(2026, 11, 22, 10), tick=False):
        amy.get(reverse("web:today"))
        row = FollowUp.objects.get(owner=owner, kind="keep_warm")
        r = amy.post(reverse("web:followup-snooze", args=[row.id]), {"until": "2026-11-01"}, follow=True)
        assert "future" in r.content.decode()
        row.refresh_from_db()
        assert row.state == State.OPEN


@pytest.mark.django_db
def test_log_it_logs_the_touch_and_marks_done(amy, owner, on_hold_job):
    opp, jane = on_hold_job
    with time_machine.travel(aware(2026, 11, 22, 10), tick=False):
        amy.get(reverse("web:today"))
        row = FollowUp.objects.get(owner=owner, kind="keep_warm")
        form = amy.get(reverse("web:quick-log") + f"?followup={row.id}")
        assert form.context["form"].initial["who"] == "Jane Doe"
        r = amy.post(reverse("web:quick-log") + f"?followup={row.id}", {
            "channel": "social", "network": "facebook", "who": "Jane Doe", "summary": "Asked about the joeys",
            "followup": row.id, "opportunity": opp.id})
        assert r.status_code == 302
        touch = Interaction.objects.get(owner=owner)
        assert touch.network == "facebook" and list(touch.contacts.all()) == [jane] and touch.opportunity == opp
        row.refresh_from_db()
        assert row.state == State.DONE
        r = amy.get(reverse("web:today"))
        assert not [f for key in ("overdue", "due", "upcoming") for f in _rows(r, key) if f.kind == "keep_warm"]


@pytest.mark.django_db
def test_upcoming_interviews_and_going_cold(amy, owner):
    with time_machine.travel(aware(2026, 10, 1, 10), tick=False):
        cold = create_contact(owner, "Cold Carl", cadence_days=30)
        warm = create_contact(owner, "Warm Wendy", cadence_days=30)
        opp = create_opportunity(owner, "Help desk analyst", stage="interviewing")
    with time_machine.travel(NOW, tick=False):
        log_interaction(owner, [warm], channel="email", summary="hi")
        add_interview(opp, NOW + dt.timedelta(days=3), format="video", interviewers=[str(warm.id)])
        r = amy.get(reverse("web:today"))
    assert [c["name"] for c in r.context["cold"]] == ["Cold Carl"]
    assert [iv["opportunity_id"] for iv in r.context["interviews"]] == [opp.id]
    html = r.content.decode()
    assert "Help desk analyst" in html and "Cold Carl" in html
    assert "Video interview for" in html and "with Warm Wendy" in html


@pytest.mark.django_db
def test_actions_need_post(amy, owner, on_hold_job):
    with time_machine.travel(aware(2026, 11, 22, 10), tick=False):
        amy.get(reverse("web:today"))
    row = FollowUp.objects.get(owner=owner, kind="keep_warm")
    assert amy.get(reverse("web:followup-done", args=[row.id])).status_code == 405


@pytest.mark.django_db
def test_going_cold_orders_by_how_overdue_and_counts_all(owner):
    from keepwarm.web.views.today import going_cold

    start = aware(2026, 6, 1, 10)
    with time_machine.travel(start, tick=False):
        people = [create_contact(owner, f"Person {n:02}", cadence_days=10 + n) for n in range(12)]
        create_contact(owner, "No cadence")  # never "going cold": nobody asked keepwarm to watch them
    with time_machine.travel(start + dt.timedelta(days=5), tick=False):
        log_interaction(owner, [people[0]], channel="phone", summary="caught up")
    now = start + dt.timedelta(days=20, hours=1)
    rows, total = going_cold(owner, now, limit=5)
    # Person 00: last touch 15 days ago, cadence 10 -> 5 over; Person n (n >= 1): 20 days since added, 10 + n.
    expected = sorted([(15 - 10, 0)] + [(20 - (10 + n), n) for n in range(1, 10)], key=lambda x: (-x[0], x[1]))
    assert total == 10  # Persons 10 and 11 (cadence 20, 21) are not cold yet
    assert [(r["name"], r["days_since"], r["overdue"]) for r in rows] == [
        (f"Person {n:02}", 15 if n == 0 else 20, over) for over, n in expected[:5]]


@pytest.mark.django_db
def test_upcoming_interviews_are_the_next_two_weeks_in_order_in_the_users_zone(owner, outsider):
    from keepwarm.jobs.models import Interview
    from keepwarm.web.views.today import upcoming_interviews

    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        jane, bob = create_contact(owner, "Jane Doe"), create_contact(owner, "Bob Able")
        opp = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", stage="interviewing")
        bare = create_opportunity(owner, "Help desk analyst", stage="interviewing")
        theirs = create_opportunity(outsider, "Not amy's", stage="interviewing")
        hours = {"just began": -0.5, "too long ago": -2, "in two days": 48, "at the horizon": 14 * 24,
                 "too far": 14 * 24 + 1, "cancelled": 5}
        made = {name: add_interview(opp if name != "in two days" else bare, NOW + dt.timedelta(hours=h),
                                    format="on-site", where=name, interviewers=[str(jane.id), str(bob.id)])
                for name, h in hours.items()}
        Interview.objects.filter(pk=made["cancelled"].pk).update(cancelled=True)
        add_interview(theirs, NOW + dt.timedelta(hours=3))
    with timezone.override(ZoneInfo("America/Chicago")):  # as the middleware sets it from her profile
        rows = upcoming_interviews(owner, NOW)
    assert [r["where"] for r in rows] == ["just began", "in two days", "at the horizon"]
    first = rows[0]
    assert first["people"] == "Bob Able, Jane Doe" and first["format_label"] == "On site"
    assert first["job"] == "Breeder assistant at Sugar Glider Co." and rows[1]["job"] == "Help desk analyst"
    assert first["at_label"] == "Tue 1 Dec, 09:30"  # 10:00 Chicago less half an hour, in her zone
    assert first["at_iso"] == "2026-12-01T09:30:00-06:00"
    assert [r["id"] for r in upcoming_interviews(owner, NOW, limit=1)] == [rows[0]["id"]]
