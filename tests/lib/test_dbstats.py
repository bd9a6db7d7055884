"""SQLite gets planner statistics (ANALYZE) at serve start and once a day from the worker."""

import datetime as dt

import pytest
from django.db import connection

from keepwarm.lib import dbstats
from keepwarm.people.services import create_contact
from tests.conftest import aware


def _stat_tables():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_statistics_once_a_day(owner, monkeypatch):
    if connection.vendor != "sqlite":
        assert dbstats.refresh_statistics() is False  # PostgreSQL keeps its own
        return
    create_contact(owner, "Dana Whitfield", cadence_days=21)
    calls = []
    real = dbstats.refresh_statistics
    monkeypatch.setattr(dbstats, "refresh_statistics", lambda: calls.append(1) or real())
    monkeypatch.setattr(dbstats, "_last_run", {})
    now = aware(2026, 11, 26, 9)
    assert dbstats.daily_step(now) is False  # never "did work", so the loop does not spin
    assert "people_contact" in _stat_tables()
    dbstats.daily_step(now + dt.timedelta(hours=23))
    assert len(calls) == 1
    dbstats.daily_step(now + dt.timedelta(hours=25))
    assert len(calls) == 2
