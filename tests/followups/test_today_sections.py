"""The database-limited Today sections (followups.today) agree with followups.services.today_list, row for row."""

import datetime as dt

import pytest
import time_machine

from keepwarm.followups import services as followups
from keepwarm.followups.models import FollowUp
from keepwarm.followups import today
from tests.conftest import aware

NOW = aware(2026, 12, 1, 10)


@pytest.fixture
def backlog(owner):
    with time_machine.travel(NOW, tick=False):
        day = NOW.date()
        for offset in (-9, -3, -3, 0, 0, 2, 6, 7, 8, 30):
            followups.add_reminder(owner, day + dt.timedelta(days=offset), f"reminder {offset}")
        snoozed = followups.add_reminder(owner, day - dt.timedelta(days=5), "snoozed one")
        followups.snooze(owner, snoozed.id, day + dt.timedelta(days=1))
        late = followups.add_reminder(owner, day + dt.timedelta(days=3), "snoozed past the horizon")
        followups.snooze(owner, late.id, day + dt.timedelta(days=20))
        done = followups.add_reminder(owner, day, "done already")
        followups.mark_done(owner, done.id)
    return owner


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [None, 2])
def test_sections_match_today_list(backlog, limit):
    expected = followups.today_list(backlog, NOW, refresh_first=False)
    day, parts = today.sections(backlog, NOW, limit)
    assert day == expected.today
    by_key = {p.key: p for p in parts}
    for key, rows in (("overdue", expected.overdue), ("due", expected.due), ("upcoming", expected.upcoming)):
        assert by_key[key].total == len(rows)
        assert [r.id for r in by_key[key].items] == [r.id for r in rows][:limit]
    assert by_key["upcoming"].total == 4  # the snoozed one (+1), +2, +6, +7; +8 and +30 lie past the horizon
    assert FollowUp.objects.filter(owner=backlog).count() == 13
