"""Everything about applications in one SQL statement: per source, per week, the funnel and the median wait.

Why raw SQL: each figure depends on the job's application time and first response, and the ORM would
repeat those correlated subqueries in every place they are used (SQLite does not reuse them), which cost
seconds at 5,000 jobs. Common table expressions compute them once per job — plain SQL that SQLite and
PostgreSQL both run — and one UNION ALL reads every grouped figure out of them.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from .definitions import APPLIED_STAGES, FUNNEL
from .localtime import local_date_sql, report_cursor


def _in(values) -> str:
    return ", ".join(f"'{v}'" for v in values)  # stage names are our own constants, never user input


def _rank(column: str) -> str:
    """The furthest funnel step (1 … len(FUNNEL)) a stage stands for; 0 for saved / withdrawn."""
    whens = " ".join(f"WHEN {column} IN ({_in(stages)}) THEN {n}"
                     for n, (_, _, stages) in reversed(list(enumerate(FUNNEL, 1))))
    return f"(CASE {whens} ELSE 0 END)"


def _days(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"


def sql(user_id: int, since_at: dt.datetime | None, tz, periods) -> tuple[str, list]:
    applied = _in(APPLIED_STAGES)
    since = "AND applied_at >= %s" if since_at else ""
    week_sql, week_params = local_date_sql(connection.vendor, "applied_at", (), tz, periods, week=True)
    steps = " ".join(f"UNION ALL SELECT 'step', '{key}', SUM(CASE WHEN reached >= {n} THEN 1 ELSE 0 END), "
                     "NULL, NULL FROM answered" for n, (key, _, _) in enumerate(FUNNEL, 1))
    text = f"""
WITH history AS (
  SELECT o.id, o.source, o.stage, o.created_at,
         MIN(CASE WHEN sc.to_stage IN ({applied}) THEN sc.at END) AS first_at,
         MAX({_rank('sc.to_stage')}) AS top
  FROM jobs_opportunity o LEFT JOIN jobs_stagechange sc ON sc.opportunity_id = o.id
  WHERE o.owner_id = %s
  GROUP BY o.id, o.source, o.stage, o.created_at
), apps AS (
  SELECT id, source,
         COALESCE(first_at, CASE WHEN stage IN ({applied}) THEN created_at END) AS applied_at,
         CASE WHEN COALESCE(top, 0) > {_rank('stage')} THEN COALESCE(top, 0) ELSE {_rank('stage')} END AS reached
  FROM history
), facts AS (
  SELECT a.id, a.source, a.applied_at, a.reached,
    (SELECT i.happened_at FROM timeline_interaction i
      WHERE i.opportunity_id = a.id AND i.direction = 'in' AND i.happened_at >= a.applied_at
      ORDER BY i.happened_at LIMIT 1) AS r1,
    (SELECT MIN((SELECT p.happened_at FROM timeline_participant p
                  WHERE p.owner_id = %s AND p.contact_id = oc.contact_id AND p.direction = 'in'
                    AND p.happened_at >= a.applied_at ORDER BY p.happened_at LIMIT 1))
      FROM jobs_opportunitycontact oc WHERE oc.opportunity_id = a.id) AS r2
  FROM apps a WHERE applied_at IS NOT NULL {since}
), answered AS (
  SELECT source, applied_at, reached,
         CASE WHEN r1 IS NULL THEN r2 WHEN r2 IS NULL OR r1 <= r2 THEN r1 ELSE r2 END AS first_response
  FROM facts
)
SELECT 'source' AS kind, source AS k, COUNT(*) AS n, COUNT(first_response) AS m, CAST(NULL AS FLOAT) AS x
  FROM answered GROUP BY source
UNION ALL SELECT 'week', CAST({week_sql} AS TEXT), COUNT(*), NULL, NULL FROM answered GROUP BY {week_sql}
{steps}
UNION ALL SELECT 'median', NULL, COUNT(*), NULL, AVG(wait) FROM (
  SELECT wait, ROW_NUMBER() OVER (ORDER BY wait) AS rn, COUNT(*) OVER () AS total
  FROM (SELECT {_days('first_response', 'applied_at')} AS wait FROM answered WHERE first_response IS NOT NULL) w
) ranked WHERE rn IN ((total + 1) / 2, (total + 2) / 2)
"""
    params = [user_id, user_id]
    if since_at:
        params.append(connection.ops.adapt_datetimefield_value(since_at))
    params += [*week_params, *week_params]
    return text, params


def cached_facts(user, since_at: dt.datetime | None, tz, periods_for, now: dt.datetime) -> dict:
    """facts(), from the user's Snapshot while no table it reads has changed (see models.Snapshot).

    `periods_for()` gives the time-zone periods, computed only when the facts are."""
    from django.db import IntegrityError, transaction
    from django.db.models import Max

    from keepwarm.jobs.models import Opportunity, OpportunityContact, StageChange
    from keepwarm.timeline.models import Interaction, Participant

    from .models import Snapshot
    from .touches import table_stamps

    stamps = table_stamps(Interaction, Participant, StageChange, OpportunityContact, Opportunity)
    edited = Opportunity.objects.filter(owner=user).aggregate(m=Max("updated_at"))["m"]
    fingerprint = f"{stamps}|{edited.isoformat() if edited else ''}"
    name = f"applications|{tz.key}|{since_at.isoformat() if since_at else 'all'}"
    snap = Snapshot.objects.filter(owner=user, name=name).first()
    if snap and snap.fingerprint == fingerprint:
        data = snap.data
        return {"sources": {k: tuple(v) for k, v in data["sources"].items()},
                "weeks": {dt.date.fromisoformat(k): v for k, v in data["weeks"].items()},
                "steps": data["steps"], "median_days": data["median_days"]}
    out = facts(user, since_at, tz, periods_for())
    data = {"sources": out["sources"], "weeks": {k.isoformat(): v for k, v in out["weeks"].items()},
            "steps": out["steps"], "median_days": out["median_days"]}
    try:
        with transaction.atomic():
            # Old periods' snapshots (another `since`) go: a user looks at a handful of periods, not hundreds.
            Snapshot.objects.filter(owner=user, computed_at__lt=now - dt.timedelta(days=1)).delete()
            Snapshot.objects.update_or_create(owner=user, name=name, defaults={
                "fingerprint": fingerprint, "data": data, "computed_at": now})
    except IntegrityError:  # stored by a concurrent request: as good
        pass
    return out


def facts(user, since_at: dt.datetime | None, tz, periods) -> dict:
    """{"sources": {source: (applications, responded)}, "weeks": {monday: n}, "steps": {key: n},
    "median_days": float | None}."""
    text, params = sql(user.id, since_at, tz, periods)
    out = {"sources": {}, "weeks": {}, "steps": {}, "median_days": None}
    with report_cursor() as cursor:
        cursor.execute(text, params)
        rows = cursor.fetchall()
    for kind, key, n, m, x in rows:
        if kind == "source":
            out["sources"][key] = (n, m)
        elif kind == "week":
            out["weeks"][key if isinstance(key, dt.date) else dt.date.fromisoformat(key)] = n
        elif kind == "step":
            out["steps"][key] = n or 0
        elif kind == "median" and x is not None:
            out["median_days"] = round(float(x), 1)
    return out
