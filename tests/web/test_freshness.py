"""Today re-runs the engine at most once a minute per session, and at once after a change made in the web app."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from keepwarm.followups import services as followups
from keepwarm.people.services import create_contact
from keepwarm.web import freshness
from tests.conftest import aware

NOW = aware(2026, 12, 1, 10)


@pytest.fixture
def calls(monkeypatch):
    seen = []
    real = followups.refresh

    def counting(user, now):
        seen.append(now)
        return real(user, now)

    monkeypatch.setattr(freshness.followups, "refresh", counting)
    return seen


@pytest.mark.django_db
def test_refresh_once_a_minute_and_after_changes(amy, owner, calls):
    create_contact(owner, "Jane Doe")
    with time_machine.travel(NOW, tick=False):
        amy.get(reverse("web:today"))
        amy.get(reverse("web:today"))
        assert len(calls) == 1
        amy.post(reverse("web:quick-log"), {"channel": "email", "who": "Jane Doe", "summary": "hi"})
        amy.get(reverse("web:today"))
        assert len(calls) == 2
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
        amy.get(reverse("web:today"))
        assert len(calls) == 3


@pytest.mark.django_db
def test_todays_own_actions_do_not_force_a_refresh(amy, owner, calls):
    with time_machine.travel(NOW, tick=False):
        reminder = followups.add_reminder(owner, NOW.date(), "Send the portfolio")
        amy.get(reverse("web:today"))
        amy.post(reverse("web:followup-done", args=[reminder.id]))
        amy.get(reverse("web:today"))
    assert len(calls) == 1


def test_fresh_stamps():
    assert freshness.is_fresh(NOW.isoformat(), NOW + dt.timedelta(seconds=30))
    assert not freshness.is_fresh(NOW.isoformat(), NOW + dt.timedelta(seconds=60))
    assert not freshness.is_fresh(NOW.isoformat(), NOW - dt.timedelta(seconds=1))  # the clock went back
    assert not freshness.is_fresh("garbage", NOW) and not freshness.is_fresh(None, NOW)
