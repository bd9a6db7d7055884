"""Search across contacts, companies, opportunities and interactions.

Plain case-insensitive substring matching (LIKE / ILIKE) on a few columns, each kind capped at LIMIT rows and
ordered along an index, so the cost stays bounded on SQLite and PostgreSQL alike. Interaction summaries
(200,000 of them) are matched through a trigram index: FTS5 on SQLite, pg_trgm on PostgreSQL (migration
web.0001). A query that is a phone
number also finds the contact whose E.164 number it is, however it was typed.
"""

from django.db import connection
from django.db.models import Q

from keepwarm.jobs.models import Opportunity
from keepwarm.lib.phones import try_e164
from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone
from keepwarm.timeline.models import Interaction

LIMIT = 10
_FTS = None
MIN_LENGTH = 2


def has_fts() -> bool:
    """Whether migration web.0001 could build SQLite's trigram index (FTS5 may be missing from a build)."""
    global _FTS
    if _FTS is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'web_interaction_fts'")
            _FTS = cursor.fetchone() is not None
    return _FTS


def _interactions(user, q: str):
    qs = Interaction.objects.filter(owner=user)
    if len(q) < 3:
        return qs.none()  # trigram indexes need three characters; two would mean scanning every touch
    if connection.vendor == "sqlite" and has_fts():
        # A quoted phrase of trigrams is an indexed, case-insensitive substring match (LIKE … ESCAPE is not).
        phrase = '"' + q.replace('"', '""') + '"'
        return qs.extra(where=["timeline_interaction.id IN (SELECT rowid FROM web_interaction_fts "
                               "WHERE web_interaction_fts MATCH %s)"], params=[phrase])
    return qs.filter(summary__icontains=q)  # PostgreSQL: the pg_trgm index on UPPER(summary) serves this


def search(user, q: str, region: str = "US", limit: int = LIMIT) -> dict:
    q = (q or "").strip()
    if len(q) < MIN_LENGTH:
        return {"q": q, "contacts": [], "companies": [], "opportunities": [], "interactions": [], "too_short": bool(q)}
    match = Q(name__icontains=q) | Q(id__in=ContactEmail.objects.filter(owner=user, address__icontains=q)
                                     .values("contact_id"))
    phone = try_e164(q, region) if sum(ch.isdigit() for ch in q) >= 7 else None
    if phone:
        match |= Q(id__in=ContactPhone.objects.filter(owner=user, e164=phone).values("contact_id"))
    contacts = list(Contact.objects.filter(match, owner=user).select_related("company").order_by("name")[:limit])
    companies = list(Company.objects.filter(owner=user, name__icontains=q).order_by("name")[:limit])
    opportunities = list(
        Opportunity.objects.filter(Q(title__icontains=q) | Q(company__name__icontains=q), owner=user)
        .select_related("company").order_by("-updated_at")[:limit]
    )
    interactions = list(_interactions(user, q).order_by("-happened_at").prefetch_related("contacts")[:limit])
    return {"q": q, "contacts": contacts, "companies": companies, "opportunities": opportunities,
            "interactions": interactions, "too_short": False}
