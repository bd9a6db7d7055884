"""Search across contacts, companies, opportunities and interactions.

Plain case-insensitive substring matching (LIKE / ILIKE) on a few columns, each kind capped at LIMIT rows and
ordered along an index, so the cost stays bounded on SQLite and PostgreSQL alike. A query that is a phone
number also finds the contact whose E.164 number it is, however it was typed.
"""

from django.db.models import Q

from keepwarm.jobs.models import Opportunity
from keepwarm.lib.phones import try_e164
from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone
from keepwarm.timeline.models import Interaction

LIMIT = 10
MIN_LENGTH = 2


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
    interactions = list(
        Interaction.objects.filter(owner=user, summary__icontains=q).order_by("-happened_at")
        .prefetch_related("contacts")[:limit]
    )
    return {"q": q, "contacts": contacts, "companies": companies, "opportunities": opportunities,
            "interactions": interactions, "too_short": False}
