"""The job search in numbers, computed with a fixed number of aggregate queries (see definitions.py).

Every figure comes from GROUP BY / COUNT / EXISTS in the database; Python only shapes the grouped
answers (a few dozen weeks, a handful of sources), never loops over touches, jobs or contacts.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, DateTimeField, F, Min, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import Interview, Opportunity, Source, Stage, StageChange
from keepwarm.lib.dates import zone
from keepwarm.timeline.models import Channel, Direction

from . import appfacts, cold, scamshare, touches
from .definitions import APPLIED_STAGES, FUNNEL
from .localtime import utc_periods, week_range


def _first(qs, field="at"):
    return Subquery(qs.order_by(field).values(field)[:1], output_field=DateTimeField())


def applications(user, since: dt.datetime | None = None):
    """The user's applications, each annotated with `applied_at` (see definitions.APPLIED_STAGES)."""
    first = StageChange.objects.filter(opportunity=OuterRef("pk"), to_stage__in=APPLIED_STAGES)
    qs = Opportunity.objects.filter(owner=user).annotate(
        applied_at=Coalesce(_first(first), Case(When(stage__in=APPLIED_STAGES, then=F("created_at")))),
    ).filter(applied_at__isnull=False)
    return qs.filter(applied_at__gte=since) if since else qs


def _periods(tz, start: dt.datetime | None, now: dt.datetime):
    return utc_periods(tz, start or now, now + dt.timedelta(days=1))


def _series(rows, first_day: dt.date | None, today: dt.date, value=lambda r: r["n"]):
    """Zero-filled weekly counts from first_day's week to this week."""
    counts: dict[dt.date, int] = {}
    for r in rows:
        counts[r["week"]] = counts.get(r["week"], 0) + value(r)
    if first_day is None:
        first_day = min(counts, default=today)
    return [{"week": w.isoformat(), "label": f"{w.isocalendar()[0]}-W{w.isocalendar()[1]:02d}",
             "count": counts.get(w, 0)} for w in week_range(min(first_day, today), today)]


def _pct(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def compute(user, now: dt.datetime, since: dt.date | None = None) -> dict:
    """Every figure of the dashboard for `user` at `now`, counting from `since` (a local date) when given."""
    tz = zone(profile_of(user).time_zone)
    today = now.astimezone(tz).date()
    since_at = dt.datetime.combine(since, dt.time.min, tzinfo=tz) if since else None
    out = {"generated_at": now.isoformat(), "since": since.isoformat() if since else None, "time_zone": str(tz.key)}
    out.update(_applications(user, tz, now, today, since_at))
    out["by_stage"] = _by_stage(user, since_at)
    before = touches.past(user, tz, now)
    out["touches"] = _touches(user, tz, now, today, since_at, before)
    out["cold_contacts"] = cold_contacts(user, now)
    out["interviews"] = _interviews(user, now, since_at)
    out["streak"] = streak(user, tz, now, before)
    return out


def _applications(user, tz, now, today, since_at):
    """Applications per week, the funnel, and response rate, scam share and median wait by source."""
    def periods():
        first = since_at or min(filter(None, [
            StageChange.objects.filter(owner=user).aggregate(m=Min("at"))["m"],
            Opportunity.objects.filter(owner=user).aggregate(m=Min("created_at"))["m"]]), default=None)
        return _periods(tz, first, now)

    facts = appfacts.cached_facts(user, since_at, tz, periods, now)
    series = _series([{"week": w, "n": n} for w, n in facts["weeks"].items()],
                     since_at.date() if since_at else None, today)
    total = sum(n for n, _ in facts["sources"].values())
    steps, previous = [], None
    for key, label, _ in FUNNEL:
        n = facts["steps"].get(key, 0) if total else 0
        steps.append({"step": key, "label": label, "count": n,
                      "conversion": _pct(n, previous) if previous is not None else None})
        previous = n
    scams = scamshare.by_source(user, since_at)
    sources = []
    for s in Source:
        applied, responded = facts["sources"].get(s.value, (0, 0))
        checked, flagged = scams["counts"].get(s.value, (0, 0))
        if applied or checked:
            sources.append({"source": s.value, "label": s.label, "applications": applied, "responded": responded,
                            "response_rate": _pct(responded, applied), "checked": checked, "scams": flagged,
                            "scam_share": _pct(flagged, checked)})
    responded = sum(m for _, m in facts["sources"].values())
    return {"applications": {"total": total, "per_week": series}, "funnel": steps, "sources": sources,
            "scam_checks": scams["available"],
            "response": {"applications": total, "responded": responded, "rate": _pct(responded, total),
                         "median_days": facts["median_days"]}}


def _by_stage(user, since_at):
    qs = Opportunity.objects.filter(owner=user)
    if since_at:
        qs = qs.filter(created_at__gte=since_at)
    counts = {r["stage"]: r["n"] for r in qs.values("stage").annotate(n=Count("id")).order_by()}
    return [{"stage": s.value, "label": s.label, "count": counts.get(s.value, 0)} for s in Stage]


def _touches(user, tz, now, today, since_at, before=None):
    rows = touches.weekly(user, tz, now, since_at, before)
    first = since_at.date() if since_at else min((w for w, *_ in rows), default=None)
    weeks = {d: _series([{"week": w, "n": n} for w, direction, _, n in rows if direction == d], first, today)
             for d in Direction.values}
    per_week = [{"week": o["week"], "label": o["label"], "out": o["count"], "in": i["count"]}
                for o, i in zip(weeks[Direction.OUTBOUND], weeks[Direction.INBOUND])]
    totals: dict[tuple[str, str], int] = {}
    for w, d, ch, n in rows:  # grouped rows (weeks × directions × channels), not touches
        if w <= today:
            totals[(ch, d)] = totals.get((ch, d), 0) + n
    by_channel = [{"channel": c.value, "label": c.label, "out": totals.get((c.value, Direction.OUTBOUND), 0),
                   "in": totals.get((c.value, Direction.INBOUND), 0)} for c in Channel]
    return {"out": sum(w["out"] for w in per_week), "in": sum(w["in"] for w in per_week),
            "per_week": per_week, "by_channel": by_channel}


def cold_contacts(user, now: dt.datetime, limit: int = 10) -> dict:
    """Contacts past their cadence (or COLD_DEFAULT_DAYS on an active job): the count and the coldest few."""
    return cold.cold_contacts(user, now, limit)


def _interviews(user, now, since_at):
    qs = Interview.objects.filter(owner=user, cancelled=False)
    held = Q(starts_at__lte=now) & (Q(starts_at__gte=since_at) if since_at else Q())
    return qs.aggregate(held=Count("pk", filter=held), upcoming=Count("pk", filter=Q(starts_at__gt=now)))


def streak(user, tz, now: dt.datetime, before=None) -> dict:
    """Consecutive local days with an outbound touch, ending today (or yesterday, before today's first touch)."""
    days = touches.outbound_days(user, tz, now, before)
    today = now.astimezone(tz).date()
    day = today if today in days else today - dt.timedelta(days=1)
    n = 0
    while day in days:  # walks the streak's days, at most one per day of the search
        n += 1
        day -= dt.timedelta(days=1)
    return {"days": n, "today_counted": today in days}
