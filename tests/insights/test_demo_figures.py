"""The dashboard's figures on the demo data, checked against a second, deliberately naive computation:
plain Python over every object (what stats.py must never do), following the definitions word by word."""

import datetime as dt
from collections import Counter
from statistics import median
from zoneinfo import ZoneInfo

import pytest
import time_machine

from keepwarm.demo.services import load_demo
from keepwarm.insights import stats
from keepwarm.jobs.models import ACTIVE_STAGES, Interview, Opportunity
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Interaction

NOW = dt.datetime(2026, 11, 26, 18, 0, tzinfo=dt.timezone.utc)
NOT_APPLIED = {"saved", "withdrawn"}
STEPS = [("applied", None), ("interviewing", {"screening", "interviewing", "shortlisted", "final_interview",
                                              "offer", "hired"}),
         ("final_interview", {"final_interview", "offer", "hired"}), ("offer", {"offer", "hired"}),
         ("hired", {"hired"})]


def monday(moment, tz):
    day = moment.astimezone(tz).date()
    return day - dt.timedelta(days=day.weekday())


def naive_figures(user, tz, since=None):
    since_at = dt.datetime.combine(since, dt.time.min, tzinfo=tz) if since else None
    touches = list(Interaction.objects.filter(owner=user).prefetch_related("contacts"))
    apps = []
    for job in Opportunity.objects.filter(owner=user).prefetch_related("stage_changes", "people"):
        history = list(job.stage_changes.all())
        times = [c.at for c in history if c.to_stage not in NOT_APPLIED]
        applied = min(times) if times else (job.created_at if job.stage not in NOT_APPLIED else None)
        if applied is None or (since_at and applied < since_at):
            continue
        seen = {c.to_stage for c in history} | {job.stage}
        people = {p.contact_id for p in job.people.all()}
        answers = [t.happened_at for t in touches if t.direction == "in" and t.happened_at >= applied and (
            t.opportunity_id == job.id or people & {c.id for c in t.contacts.all()})]
        apps.append({"source": job.source, "week": monday(applied, tz), "seen": seen,
                     "wait": (min(answers) - applied).total_seconds() / 86400 if answers else None})
    funnel = [sum(1 for a in apps if stages is None or a["seen"] & stages) for _, stages in STEPS]
    waits = [a["wait"] for a in apps if a["wait"] is not None]
    by_source = {}
    for a in apps:
        n, r = by_source.get(a["source"], (0, 0))
        by_source[a["source"]] = (n + 1, r + (a["wait"] is not None))
    counted = [t for t in touches if (not since_at or t.happened_at >= since_at) and t.happened_at <= NOW]
    weekly = Counter((monday(t.happened_at, tz), t.direction) for t in counted)
    out_days = {t.happened_at.astimezone(tz).date() for t in touches if t.direction == "out" and t.happened_at <= NOW}
    today = NOW.astimezone(tz).date()
    day, streak = (today if today in out_days else today - dt.timedelta(days=1)), 0
    while day in out_days:
        streak, day = streak + 1, day - dt.timedelta(days=1)
    return {"total": len(apps), "weeks": Counter(a["week"] for a in apps), "funnel": funnel,
            "by_source": by_source, "median": round(median(waits), 1) if waits else None,
            "weekly": weekly, "streak": streak, "cold": naive_cold(user)}


def naive_cold(user):
    cold = set()
    for contact in Contact.objects.filter(owner=user).prefetch_related("participations", "interviews", "roles__opportunity"):
        active = any(r.opportunity.stage in ACTIVE_STAGES for r in contact.roles.all())
        if contact.cadence_days is None and not active:
            continue
        moments = [p.happened_at for p in contact.participations.all()]
        moments += [i.starts_at for i in contact.interviews.all() if not i.cancelled and i.starts_at <= NOW]
        last = max(moments, default=contact.created_at)
        if NOW - last > dt.timedelta(days=contact.cadence_days or 30):
            cold.add(contact.name)
    return cold


@pytest.fixture
def demo(owner):
    with time_machine.travel(NOW, tick=False):
        load_demo(owner, now=NOW)
    assert Opportunity.objects.filter(owner=owner).count() >= 5, "the demo should hold several jobs"
    return owner


@pytest.mark.parametrize("since", [None, dt.date(2026, 11, 4)])
def test_stats_match_a_naive_count_on_the_demo_data(demo, since):
    tz = ZoneInfo("America/Chicago")
    expected = naive_figures(demo, tz, since)
    data = stats.compute(demo, NOW, since)

    assert data["applications"]["total"] == expected["total"] > 0
    got_weeks = {dt.date.fromisoformat(w["week"]): w["count"] for w in data["applications"]["per_week"] if w["count"]}
    assert got_weeks == dict(expected["weeks"])
    assert [s["count"] for s in data["funnel"]] == expected["funnel"]
    assert {s["source"]: (s["applications"], s["responded"]) for s in data["sources"] if s["applications"]} == \
        expected["by_source"]
    assert data["response"]["median_days"] == expected["median"]
    got_touches = {}
    for w in data["touches"]["per_week"]:
        for direction in ("out", "in"):
            if w[direction]:
                got_touches[(dt.date.fromisoformat(w["week"]), direction)] = w[direction]
    assert got_touches == dict(expected["weekly"])
    assert data["streak"]["days"] == expected["streak"]
    assert {c["name"] for c in data["cold_contacts"]["coldest"]} <= expected["cold"]
    assert data["cold_contacts"]["count"] == len(expected["cold"])
    held = Interview.objects.filter(owner=demo, cancelled=False, starts_at__lte=NOW)
    if since:
        held = held.filter(starts_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    assert data["interviews"]["held"] == held.count()
