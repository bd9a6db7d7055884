"""What the web forms do, beyond one foundation call: each validates everything first, then writes in one
transaction, so bad input never leaves half a record behind."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from keepwarm.accounts.services import profile_of
from keepwarm.followups import services as followups
from keepwarm.jobs.models import OpportunityContact
from keepwarm.jobs.services import add_interview, create_opportunity
from keepwarm.lib.emails import clean_email
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact, ContactEmail, ContactPhone, SocialProfile
from keepwarm.people.services import (check_cadence, create_contact, find_contact, get_or_create_company,
                                      parse_phone)
from keepwarm.people.socials import parse_social
from keepwarm.timeline.services import log_interaction

from .helpers import split_lines


def contact_by_name(user, name: str, *, create: bool = False) -> Contact:
    """An existing contact by id or unambiguous name; a new one when `create` and nobody matches."""
    try:
        return find_contact(user, name, "who")
    except InputError as e:
        if create and e.message == "no such contact":
            return create_contact(user, name, region=profile_of(user).phone_region)
        raise


@transaction.atomic
def add_job(user, data: dict):
    opp = create_opportunity(
        user, data["title"], company=data.get("company", ""), source=data["source"],
        source_name=data.get("source_name", ""), url=data.get("posting_url", ""), stage=data["stage"],
        location=data.get("location", ""), salary_text=data.get("salary_text", ""),
        posting_text=data.get("posting_text", ""), notes=data.get("notes", ""),
    )
    if data.get("next_step"):
        opp.next_step = data["next_step"]
        opp.save(update_fields=["next_step"])
    if data.get("hiring_manager"):
        add_person(opp, data["hiring_manager"], "hiring_manager", company=data.get("company", ""))
    return opp


@transaction.atomic
def update_job(opp, data: dict):
    for field in ("title", "source", "source_name", "posting_url", "location", "salary_text", "next_step",
                  "posting_text", "notes"):
        setattr(opp, field, data.get(field, ""))
    if not opp.title.strip():
        raise InputError("title", opp.title, "a job needs a title")
    opp.company = get_or_create_company(opp.owner, data.get("company", ""))
    opp.save()
    return opp


@transaction.atomic
def add_person(opp, name: str, role: str, *, company: str = ""):
    try:
        contact = find_contact(opp.owner, name, "name")
    except InputError as e:
        if e.message != "no such contact":
            raise
        company = company or (opp.company.name if opp.company_id else "")
        contact = create_contact(opp.owner, name, company=company, region=profile_of(opp.owner).phone_region)
    OpportunityContact.objects.update_or_create(
        owner=opp.owner, opportunity=opp, contact=contact, defaults={"role": role}
    )
    return contact


def schedule_interview(opp, data: dict, tz):
    starts = data["starts_at"]
    if timezone.is_naive(starts):
        starts = starts.replace(tzinfo=tz)
    names = [n.strip() for n in (data.get("interviewers") or "").split(",") if n.strip()]
    return add_interview(opp, starts, minutes=data["minutes"], format=data["format"], where=data.get("where", ""),
                         interviewers=names)


def new_contact(user, data: dict):
    return create_contact(
        user, data["name"], company=data.get("company", ""), role=data.get("role", ""),
        how_met=data.get("how_met", ""), notes=data.get("notes", ""), emails=split_lines(data.get("emails")),
        phones=split_lines(data.get("phones")), socials=split_lines(data.get("socials")),
        topics=split_lines(data.get("topics")), cadence_days=data.get("cadence_days"),
        region=profile_of(user).phone_region,
    )


@transaction.atomic
def update_contact(contact, data: dict):
    """1. Parse every email, phone and profile (an error here writes nothing). 2. Save the fields.
    3. Replace the ways to reach them with what the form lists."""
    user = contact.owner
    region = profile_of(user).phone_region
    emails = list(dict.fromkeys(clean_email(e) for e in split_lines(data.get("emails"))))
    phones = list(dict.fromkeys(parse_phone(p, region) for p in split_lines(data.get("phones"))))
    phones = list({e164: (label, e164) for label, e164 in phones}.values())
    socials = list(dict.fromkeys(parse_social(s) for s in split_lines(data.get("socials"))))
    name = (data.get("name") or "").strip()
    if not name:
        raise InputError("name", name, "a contact needs a name")
    contact.name = name
    contact.company = get_or_create_company(user, data.get("company", ""))
    for field in ("role", "how_met", "notes"):
        setattr(contact, field, data.get(field, ""))
    contact.topics = split_lines(data.get("topics"))
    check_cadence(data.get("cadence_days"))
    contact.cadence_days = data.get("cadence_days")
    contact.save()
    contact.emails.all().delete()
    ContactEmail.objects.bulk_create(
        ContactEmail(owner=user, contact=contact, address=a, primary=i == 0) for i, a in enumerate(emails))
    contact.phones.all().delete()
    ContactPhone.objects.bulk_create(ContactPhone(owner=user, contact=contact, label=l, e164=n) for l, n in phones)
    contact.socials.all().delete()
    SocialProfile.objects.bulk_create(
        SocialProfile(owner=user, contact=contact, network=n, handle=h, url=u) for n, h, u in socials)
    return contact


@transaction.atomic
def quick_log(user, data: dict, *, opportunity=None, now=None, tz=None):
    """Log one touch from the quick-log form.

    1. Resolve every name (a typo raises before anything is written).
    2. Log the touch (restarting the contacts' clocks); when it was an interview, record that too, so the
       engine proposes the thank-you note.
    3. When logged from a follow-up on Today, that follow-up is done.
    """
    names = [n.strip() for n in data["who"].split(",") if n.strip()]
    if not names:
        raise InputError("who", data["who"], "name at least one contact")
    people = [find_contact(user, n, "who") for n in names]
    now = now or timezone.now()
    happened = data.get("happened_at") or now
    if timezone.is_naive(happened):
        happened = happened.replace(tzinfo=tz)
    network = data.get("network") or ""
    if data["channel"] != "social":
        network = ""
    interaction = log_interaction(
        user, people, channel=data["channel"], network=network, summary=data["summary"], body=data.get("body", ""),
        direction=data.get("direction") or "out", happened_at=happened, opportunity=opportunity,
    )
    if data.get("was_interview") and opportunity is not None:
        fmt = {"phone": "phone", "video": "video"}.get(data["channel"], "on-site")
        minutes = 30
        add_interview(opportunity, happened - dt.timedelta(minutes=minutes), minutes=minutes, format=fmt,
                      interviewers=[str(p.id) for p in people])
    if data.get("followup"):
        followups.mark_done(user, data["followup"], now=now, note="logged a touch", quietly=True)
    return interaction
