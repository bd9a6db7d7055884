"""Scam share by source, from the scams app's checks when that app provides them.

The scams app is optional for insights: its ScamCheck model is imported lazily and looked at through
Django's model metadata (its link to the job, its `verdict` field), so insights works with or without it.
"""

from __future__ import annotations

from django.db.models import Count, ForeignKey, OuterRef, Q, Subquery

from keepwarm.jobs.models import Opportunity

UNAVAILABLE = {"available": False, "counts": {}}


def _check_model():
    """(ScamCheck, name of its foreign key to Opportunity, scam verdict values) or None."""
    try:
        from keepwarm.scams.models import ScamCheck
    except ImportError:
        return None
    fields = {f.name: f for f in ScamCheck._meta.get_fields()}
    link = next((f.name for f in fields.values()
                 if isinstance(f, ForeignKey) and f.related_model is Opportunity), None)
    verdict = fields.get("verdict")
    if link is None or verdict is None:
        return None
    values = [v for v, _ in (verdict.choices or [])] or ["scam", "likely_scam"]
    scam = [v for v in values if "scam" in str(v).lower() and not str(v).lower().startswith(("not", "no_", "non"))]
    return ScamCheck, link, scam


def by_source(user, since_at=None) -> dict:
    """{"available": bool, "counts": {source: (jobs checked, jobs whose latest check says scam)}}."""
    found = _check_model()
    if found is None:
        return UNAVAILABLE
    ScamCheck, link, scam = found
    latest = ScamCheck.objects.filter(**{link: OuterRef("pk")}).order_by("-pk").values("verdict")[:1]
    jobs = Opportunity.objects.filter(owner=user)
    if since_at:
        jobs = jobs.filter(created_at__gte=since_at)
    rows = (jobs.annotate(verdict=Subquery(latest)).filter(verdict__isnull=False)
            .values("source").annotate(checked=Count("pk"), scams=Count("pk", filter=Q(verdict__in=scam)))
            .order_by())
    return {"available": True, "counts": {r["source"]: (r["checked"], r["scams"]) for r in rows}}
