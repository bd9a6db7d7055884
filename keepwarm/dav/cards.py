"""Gather contacts into plain CardData with a fixed number of queries, whatever the number of contacts.

values() rows, not model instances: a push builds every card every time, and at 20,000 contacts Django's model
instantiation and per-contact prefetch querysets cost more than everything else put together.
"""

import uuid

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import ACTIVE_STAGES, OpportunityContact, Role, Stage
from keepwarm.lib.dates import zone
from keepwarm.people.models import Contact, ContactEmail, ContactPhone, SocialProfile
from keepwarm.people.socials import profile_url

from .context import CardData, JobRole
from .models import DavProfile

ROLE_LABELS = dict(Role.choices)
STAGE_LABELS = dict(Stage.choices)
ACTIVE = set(ACTIVE_STAGES)


def dav_profile(owner) -> DavProfile:
    profile, _ = DavProfile.objects.get_or_create(owner=owner)
    return profile


def card_namespace(owner) -> uuid.UUID:
    """Read without loading the encrypted feed token: exports must work even if that could not be decrypted."""
    found = DavProfile.objects.filter(owner=owner).values_list("namespace", flat=True).first()
    return found or dav_profile(owner).namespace


def card_uid(namespace: uuid.UUID, contact_id: int) -> str:
    return str(uuid.uuid5(namespace, f"contact-{contact_id}"))


def selected_contacts(owner, *, contact_ids=None, linked_only=False):
    qs = Contact.objects.filter(owner=owner)
    if contact_ids is not None:
        qs = qs.filter(id__in=list(contact_ids))
    if linked_only:
        qs = qs.filter(id__in=OpportunityContact.objects.filter(owner=owner).values("contact_id"))
    return qs


def _grouped(rows):
    found = {}
    for cid, *rest in rows:
        found.setdefault(cid, []).append(rest)
    return found


def gather_cards(owner, *, contact_ids=None, linked_only=False) -> list[CardData]:
    namespace = card_namespace(owner)
    tz = zone(profile_of(owner).time_zone)
    contacts = list(selected_contacts(owner, contact_ids=contact_ids, linked_only=linked_only)
                    .order_by("name", "id")
                    .values_list("id", "name", "company__name", "role", "topics", "how_met"))
    # With a handful of ids, filter the related rows by them; for "everyone", by owner (no huge IN list).
    if contact_ids is not None:
        def related(model):
            return model.objects.filter(owner=owner, contact_id__in=[c[0] for c in contacts])
    else:
        def related(model):
            qs = model.objects.filter(owner=owner)
            return qs.filter(contact__in=selected_contacts(owner, linked_only=True)) if linked_only else qs

    phones = _grouped(related(ContactPhone).order_by("id").values_list("contact_id", "label", "e164"))
    emails = _grouped(related(ContactEmail).order_by("-primary", "address").values_list("contact_id", "address"))
    socials = _grouped(related(SocialProfile).order_by("network", "handle")
                       .values_list("contact_id", "network", "handle", "url"))
    roles = _grouped(related(OpportunityContact).order_by("id").values_list(
        "contact_id", "role", "opportunity__title", "opportunity__company__name", "opportunity__stage",
        "opportunity__stage_changed_at"))
    cards = []
    for cid, name, company, title, topics, how_met in contacts:
        jobs = [JobRole(role=ROLE_LABELS.get(role, role), title=job_title, company=job_company or "", stage=stage,
                        stage_label=STAGE_LABELS.get(stage, stage), since=changed.astimezone(tz).date(),
                        active=stage in ACTIVE)
                for role, job_title, job_company, stage, changed in roles.get(cid, [])]
        cards.append(CardData(
            contact_id=cid, uid=card_uid(namespace, cid), name=name, company=company or "", title=title,
            phones=[(label, e164) for label, e164 in phones.get(cid, [])],
            emails=[address for (address,) in emails.get(cid, [])],
            socials=[(network, handle, url or profile_url(network, handle))
                     for network, handle, url in socials.get(cid, [])],
            jobs=jobs, topics=list(topics or []), how_met=how_met,
        ))
    return cards
