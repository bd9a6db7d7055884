"""Stored follow-ups: refresh is idempotent, touches fulfil, owners never see each other's, queries stay flat."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keepwarm.followups import services
from keepwarm.followups.models import FollowUp, State
from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
from keepwarm.people.services import create_contact
from keepwarm.timeline.services import log_interaction
from tests.conftest import aware


def on_hold_story(user, when=aware(2026, 3, 1)):
    dana = create_contact(user, "Dana", topics=["breeds sugar gliders"])
    opp = create_opportunity(user, "Assistant", company="Sugar Glider Co.", stage="applied",
                             contacts=["Dana:hiring_manager"], at=when - dt.timedelta(days=30))
    change_stage(opp, "on_hold", at=when)
    return dana, opp


def test_refresh_twice_creates_each_follow_up_once(owner):
    on_hold_story(owner)
    now = aware(2026, 3, 22)
    services.refresh(owner, now)
    services.refresh(owner, now)
    rows = list(FollowUp.objects.filter(owner=owner))
    assert [(r.kind, r.due_on.isoformat(), r.state) for r in rows] == [("keep_warm", "2026-03-22", "open")]


def test_a_touch_in_any_channel_fulfils_the_reminder_and_restarts_the_clock(owner):
    dana, _ = on_hold_story(owner)
    first = services.today_list(owner, aware(2026, 3, 22)).all()
    assert [r.kind for r in first] == ["keep_warm"]
    log_interaction(owner, [dana], channel="social", network="facebook", direction="in",
                    summary="Photos of the new joeys", happened_at=aware(2026, 3, 23))
    assert services.today_list(owner, aware(2026, 3, 24)).all() == []
    closed = FollowUp.objects.get(id=first[0].id)
    assert closed.state == State.DONE and closed.closed_note == "fulfilled"
    again = services.today_list(owner, aware(2026, 4, 13)).all()
    assert [(r.kind, r.due_on.isoformat()) for r in again] == [("keep_warm", "2026-04-13")]


def test_user_reminder_fulfilled_by_a_later_touch_only(owner):
    dana, _ = on_hold_story(owner)
    reminder = services.add_reminder(owner, dt.date(2026, 3, 5), "Ask Dana about the expo", contact=dana,
                                     now=aware(2026, 3, 2))
    log_interaction(owner, [dana], channel="phone", summary="old call", happened_at=aware(2026, 3, 1, 9))
    reminder.refresh_from_db()
    assert reminder.state == State.OPEN  # a touch from before the reminder was made does not fulfil it
    log_interaction(owner, [dana], channel="phone", summary="called", happened_at=aware(2026, 3, 4))
    reminder.refresh_from_db()
    assert reminder.state == State.DONE


def test_an_interview_held_counts_as_a_touch_with_each_interviewer(owner):
    dana, opp = on_hold_story(owner)
    change_stage(opp, "interviewing", at=aware(2026, 3, 2))
    change_stage(opp, "on_hold", at=aware(2026, 3, 3))
    add_interview(opp, aware(2026, 3, 10, 10), interviewers=["Dana"])
    due = services.today_list(owner, aware(2026, 3, 31)).all()
    warm = [r for r in due if r.kind == "keep_warm"]
    assert [r.due_on.isoformat() for r in warm] == ["2026-03-31"]  # 21 days after the interview


def test_owners_never_see_each_others_follow_ups(owner, outsider):
    on_hold_story(owner)
    assert services.today_list(outsider, aware(2026, 3, 22)).all() == []
    row = services.today_list(owner, aware(2026, 3, 22)).all()[0]
    from keepwarm.lib.errors import InputError

    with pytest.raises(InputError):
        services.mark_done(outsider, row.id)
    with pytest.raises(InputError):
        services.snooze(outsider, row.id, dt.date(2030, 1, 1))


def test_engine_query_count_does_not_grow_with_the_data(owner):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            services.today_list(owner, aware(2026, 6, 1))
        return len(ctx.captured_queries)

    on_hold_story(owner)
    services.today_list(owner, aware(2026, 6, 1))  # first run creates rows; compare steady states
    small = count_queries()
    for i in range(30):
        c = create_contact(owner, f"Person {i}", cadence_days=10 + i)
        o = create_opportunity(owner, f"Job {i}", company=f"Co {i % 5}", stage="applied",
                               contacts=[f"Person {i}:recruiter"], at=aware(2026, 5, 1 + i % 28))
        log_interaction(owner, [c], channel="email", summary="hi", opportunity=o, happened_at=aware(2026, 5, 2))
        if i % 3 == 0:
            change_stage(o, "on_hold", at=aware(2026, 5, 3))
        if i % 4 == 0:
            add_interview(o, aware(2026, 5, 30), interviewers=[f"Person {i}"])
    services.today_list(owner, aware(2026, 6, 1))
    assert count_queries() == small
