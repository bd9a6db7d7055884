"""Contacts going cold, in one SQL statement (see definitions.HELP["cold"]).

Each candidate gets its cut-off moment once ("older than their own cadence" is a CASE over the few cadence
values in use, the moments computed in Python, so the SQL is the same on SQLite and PostgreSQL); a contact is
cold when nothing happened with them since — an index seek, not a search for their latest touch — and only the
cold ones get their last touch read, to order them.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils.dateparse import parse_datetime

from keepwarm.jobs.models import ACTIVE_STAGES, Interview, Opportunity, OpportunityContact
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Participant

from .definitions import COLD_DEFAULT_DAYS
from .localtime import report_cursor


def _moment(value) -> dt.datetime:
    if isinstance(value, str):  # SQLite hands back text
        value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def cold_contacts(user, now: dt.datetime, limit: int = 10) -> dict:
    adapt = connection.ops.adapt_datetimefield_value
    cadences = list(Contact.objects.filter(owner=user, cadence_days__isnull=False)
                    .values_list("cadence_days", flat=True).distinct().order_by())
    whens = " ".join("WHEN %s THEN %s" for _ in cadences)
    cut_params = [x for days in cadences for x in (days, adapt(now - dt.timedelta(days=days)))]
    stages = ", ".join("%s" for _ in ACTIVE_STAGES)
    t = {m.__name__: m._meta.db_table for m in (Contact, Participant, Interview, Opportunity, OpportunityContact)}
    through = Interview.interviewers.through._meta.db_table
    touched = f"SELECT 1 FROM {t['Participant']} p WHERE p.owner_id = %s AND p.contact_id = cand.id"
    met = (f"SELECT 1 FROM {through} x JOIN {t['Interview']} i ON i.id = x.interview_id "
           "WHERE x.contact_id = cand.id AND i.cancelled = %s AND i.starts_at <= %s")
    # MATERIALIZED: each step is computed once (PostgreSQL would otherwise inline it and repeat the subqueries).
    sql = f"""
WITH cand AS MATERIALIZED (
  SELECT c.id, c.name, c.cadence_days, c.created_at,
         (CASE {'c.cadence_days ' + whens if cadences else ''} ELSE %s END) AS cut
  FROM {t['Contact']} c
  WHERE c.owner_id = %s AND (c.cadence_days IS NOT NULL OR c.id IN (
    SELECT oc.contact_id FROM {t['OpportunityContact']} oc JOIN {t['Opportunity']} o ON o.id = oc.opportunity_id
    WHERE oc.owner_id = %s AND o.stage IN ({stages})))
), quiet AS MATERIALIZED (
  -- nothing since the cut-off: no touch (one index seek), no interview held
  SELECT cand.* FROM cand
  WHERE NOT EXISTS ({touched} AND p.happened_at >= cand.cut)
    AND NOT EXISTS ({met} AND i.starts_at >= cand.cut)
), cold AS MATERIALIZED (
  SELECT quiet.*,
    (SELECT p.happened_at FROM {t['Participant']} p WHERE p.owner_id = %s AND p.contact_id = quiet.id
      ORDER BY p.happened_at DESC LIMIT 1) AS last_touch,
    (SELECT i.starts_at FROM {through} x JOIN {t['Interview']} i ON i.id = x.interview_id
      WHERE x.contact_id = quiet.id AND i.cancelled = %s AND i.starts_at <= %s
      ORDER BY i.starts_at DESC LIMIT 1) AS last_met
  FROM quiet
), anchored AS MATERIALIZED (
  SELECT id, name, cadence_days,
    CASE WHEN last_touch IS NOT NULL AND (last_met IS NULL OR last_touch >= last_met) THEN last_touch
         WHEN last_met IS NOT NULL THEN last_met ELSE created_at END AS anchor
  FROM cold
  -- a contact never touched nor met is cold only once it has existed longer than its cadence
  WHERE last_touch IS NOT NULL OR last_met IS NOT NULL OR created_at < cut
)
SELECT id, name, cadence_days, anchor, COUNT(*) OVER () AS total FROM anchored
ORDER BY anchor, id LIMIT %s
"""
    if not cadences:
        sql = sql.replace("(CASE  ELSE %s END)", "%s")
    held = [False, adapt(now)]
    params = [*cut_params, adapt(now - dt.timedelta(days=COLD_DEFAULT_DAYS)), user.id, user.id,
              *[str(s) for s in ACTIVE_STAGES], user.id, *held, user.id, *held, limit]
    with report_cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    top = []
    for cid, name, cadence, anchor, _ in rows:
        anchor = _moment(anchor)
        top.append({"id": cid, "name": name, "last_touch": anchor.isoformat(), "days": (now - anchor).days,
                    "threshold": cadence or COLD_DEFAULT_DAYS})
    return {"count": rows[0][4] if rows else 0, "coldest": top}
