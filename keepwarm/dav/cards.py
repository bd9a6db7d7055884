"""Gather contacts into plain CardData with a fixed number of queries, whatever the number of contacts."""

import uuid

from django.db.models import Prefetch

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import ACTIVE_STAGES, OpportunityContact, Role, Stage
from keepwarm.lib.dates import zone
from keepwarm.people.models import Contact

from .context import CardData, JobRole
from .models import DavProfile


def dav_profile(owner) -> DavProfile:
    profile, _ = DavProfile.objects.get_or_create(owner=owner)
    return profile


def card_uid(namespace: uuid.UUID, contact_id: int) -> str:
    return str(uuid.uuid5(namespace, f"contact-{contact_id}"))


def selected_contacts(owner, *, contact_ids=None, linked_only=False):
    qs = Contact.objects.filter(owner=owner)
    if contact_ids is not None:
        qs = qs.filter(id__in=list(contact_ids))
    if linked_only:
        qs = qs.filter(roles__isnull=False).distinct()
    return qs


def gather_cards(owner, *, contact_ids=None, linked_only=False) -> list[CardData]:
    namespace = dav_profile(owner).namespace
    tz = zone(profile_of(owner).time_zone)
    roles = OpportunityContact.objects.select_related("opportunity", "opportunity__company")
    qs = (
        selected_contacts(owner, contact_ids=contact_ids, linked_only=linked_only)
        .select_related("company")
        .prefetch_related("emails", "phones", "socials", Prefetch("roles", queryset=roles))
        .order_by("name", "id")
    )
    cards = []
    for c in qs:
        jobs = [
            JobRole(
                role=Role(r.role).label, title=r.opportunity.title,
                company=r.opportunity.company.name if r.opportunity.company_id else "",
                stage=r.opportunity.stage, stage_label=Stage(r.opportunity.stage).label,
                since=r.opportunity.stage_changed_at.astimezone(tz).date(),
                active=r.opportunity.stage in ACTIVE_STAGES,
            )
            for r in c.roles.all()
        ]
        cards.append(CardData(
            contact_id=c.id, uid=card_uid(namespace, c.id), name=c.name,
            company=c.company.name if c.company_id else "", title=c.role,
            phones=[(p.label, p.e164) for p in c.phones.all()],
            emails=[e.address for e in sorted(c.emails.all(), key=lambda e: (not e.primary, e.address))],
            socials=[(s.network, s.handle, s.link) for s in c.socials.all()],
            jobs=jobs, topics=list(c.topics or []), how_met=c.how_met,
        ))
    return cards
