"""Who is calling: any common writing of a number finds the contact, with the job context to answer well.

`who(owner, raw_number)` is the one entry point; the CLI (`keepwarm who`) and the web search call it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from django.db.models import OuterRef, Subquery

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import OpportunityContact, Role, Stage
from keepwarm.lib.errors import InputError
from keepwarm.lib.phones import try_e164
from keepwarm.people.models import ContactPhone
from keepwarm.timeline.models import Channel, Participant

CHANNELS = dict(Channel.choices)

# International call prefixes people type instead of "+": 00 (most of the world), 011 (North America).
IDD = ("00", "011")
# A number this long is specific enough to match by its end when the region guess fails (a foreign number
# written nationally); shorter ones would match strangers.
MIN_SUFFIX = 7


def digits_of(raw: str) -> str:
    return re.sub(r"\D", "", raw or "")


def number_candidates(raw: str, region: str) -> list[str]:
    """Pure: E.164 numbers this text may mean, most likely first."""
    text = (raw or "").strip()
    text = re.sub(r"^tel:", "", text, flags=re.I)
    text = re.split(r"(?i)\s*(?:ext\.?|x|#)\s*\d+$", text)[0]  # an extension does not change who it is
    found = []
    for guess in (text, *("+" + digits_of(text)[len(p):] for p in IDD if digits_of(text).startswith(p)),
                  "+" + digits_of(text)):
        e164 = try_e164(guess, region)
        if e164 and e164 not in found:
            found.append(e164)
    return found


@dataclasses.dataclass
class Job:
    title: str
    company: str
    stage: str
    role: str


@dataclasses.dataclass
class WhoMatch:
    contact_id: int
    name: str
    company: str
    title: str
    number: str
    label: str
    jobs: list[Job]
    last_touch: dt.datetime | None
    last_channel: str

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def _find_phones(owner, raw: str, region: str):
    phones = ContactPhone.objects.filter(owner=owner).select_related("contact", "contact__company")
    candidates = number_candidates(raw, region)
    found = list(phones.filter(e164__in=candidates)) if candidates else []
    digits = digits_of(raw)
    if not found and len(digits) >= MIN_SUFFIX:
        found = list(phones.filter(e164__endswith=digits[-10:]))
    return found


def who(owner, raw_number: str) -> list[WhoMatch]:
    """Contacts with this number (usually one), each with company, jobs, stages and last touch."""
    if len(digits_of(raw_number)) < 3:
        raise InputError("number", raw_number, "not a phone number")
    region = profile_of(owner).phone_region
    phones = _find_phones(owner, raw_number, region)
    by_contact = {p.contact_id: p for p in phones}
    roles = (OpportunityContact.objects.filter(owner=owner, contact_id__in=list(by_contact))
             .select_related("opportunity", "opportunity__company").order_by("-opportunity__updated_at"))
    jobs: dict[int, list[Job]] = {}
    for r in roles:
        opp = r.opportunity
        jobs.setdefault(r.contact_id, []).append(Job(
            title=opp.title, company=opp.company.name if opp.company_id else "",
            stage=Stage(opp.stage).label, role=Role(r.role).label))
    # Each contact's latest touch in one query (a shared switchboard number can match dozens of contacts).
    latest = Participant.objects.filter(owner=owner, contact_id=OuterRef("contact_id")).order_by("-happened_at")
    last = {row["contact_id"]: row for row in ContactPhone.objects.filter(id__in=[p.id for p in phones]).annotate(
        at=Subquery(latest.values("happened_at")[:1]),
        channel=Subquery(latest.values("interaction__channel")[:1])).values("contact_id", "at", "channel")}
    matches = []
    for cid, phone in by_contact.items():
        contact, touch = phone.contact, last.get(cid, {})
        matches.append(WhoMatch(
            contact_id=cid, name=contact.name, company=contact.company.name if contact.company_id else "",
            title=contact.role, number=phone.e164, label=phone.label, jobs=jobs.get(cid, []),
            last_touch=touch.get("at"), last_channel=CHANNELS.get(touch.get("channel"), ""),
        ))
    return sorted(matches, key=lambda m: m.name)
