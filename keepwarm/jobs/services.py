"""Opportunities, their stages and interviews: every stage change is recorded with its time."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from keepwarm.lib.errors import InputError
from keepwarm.people.services import find_contact, get_or_create_company

from .models import Interview, InterviewFormat, Opportunity, OpportunityContact, Role, Source, Stage, StageChange


MAX_INTERVIEW_MINUTES = 24 * 60  # a whole assessment day at most; more would overflow calendar arithmetic

def parse_choice(choices, raw: str, field: str) -> str:
    value = (raw or "").strip().lower().replace(" ", "_")
    aliases = {"on-hold": "on_hold", "hold": "on_hold", "final": "final_interview", "final-interview": "final_interview",
               "onsite": "on-site", "on_site": "on-site", "in-person": "on-site", "hiring-manager": "hiring_manager",
               "company-site": "company_site", "job-board": "job_board"}
    value = aliases.get(value, value)
    if value not in choices.values:
        raise InputError(field, raw, f"expected one of {', '.join(choices.values)}")
    return value


def find_opportunity(owner, ref: str, field: str = "job") -> Opportunity:
    """An opportunity by id or by an unambiguous (part of its) title."""
    ref = (ref or "").strip()
    qs = Opportunity.objects.filter(owner=owner)
    if ref.isdigit():
        found = qs.filter(id=int(ref)).first()
        if found:
            return found
    qs = qs.select_related("company").order_by("id")
    matches = (list(qs.filter(title__iexact=ref)[:6]) or list(qs.filter(title__icontains=ref)[:6])) if ref else []
    if not matches:
        raise InputError(field, ref, "no such job")
    if len(matches) > 1:
        listed = "; ".join(f"{o.id} {o.title}" + (f" ({o.company.name})" if o.company else "") for o in matches[:5])
        more = "; …" if len(matches) > 5 else ""
        raise InputError(field, ref, f"several jobs match, give the id: {listed}{more}")
    return matches[0]


def parse_contact_role(owner, raw: str) -> tuple:
    name, sep, role = raw.rpartition(":")
    if not sep:
        name, role = raw, "other"
    return find_contact(owner, name), parse_choice(Role, role, "contact role")


@transaction.atomic
def create_opportunity(owner, title, *, company="", source="other", source_name="", url="", stage="saved",
                       contacts=(), location="", salary_text="", posting_text="", notes="", at=None,
                       posting_key="", stage_note="") -> Opportunity:
    title = (title or "").strip()
    if not title:
        raise InputError("title", title, "a job needs a title")
    source = parse_choice(Source, source, "source") if source else Source.OTHER
    stage = parse_choice(Stage, stage, "stage")
    people = [parse_contact_role(owner, c) for c in contacts]
    at = at or timezone.now()
    opp = Opportunity.objects.create(
        owner=owner, title=title, company=get_or_create_company(owner, company), source=source,
        source_name=source_name, posting_url=url, stage=stage, stage_changed_at=at, created_at=at,
        location=location, salary_text=salary_text, posting_text=posting_text, notes=notes, posting_key=posting_key,
    )
    StageChange.objects.create(owner=owner, opportunity=opp, from_stage="", to_stage=stage, at=at, note=stage_note)
    for contact, role in people:
        OpportunityContact.objects.update_or_create(
            owner=owner, opportunity=opp, contact=contact, defaults={"role": role}
        )
    return opp


@transaction.atomic
def change_stage(opp: Opportunity, stage: str, *, revisit_on: dt.date | None = None, at=None, note="",
                 keep=()) -> StageChange:
    """Move an opportunity to a stage and keep the change in its history.

    `keep` names contacts to stay in touch with after a rejection (the engine's 90-day rule).
    """
    stage = parse_choice(Stage, stage, "stage")
    if revisit_on and stage != Stage.ON_HOLD:
        raise InputError("revisit", revisit_on.isoformat(), "a revisit date only goes with the on_hold stage")
    keep_contacts = [find_contact(opp.owner, name, "keep") for name in keep]
    at = at or timezone.now()
    change = StageChange.objects.create(
        owner=opp.owner, opportunity=opp, from_stage=opp.stage, to_stage=stage, at=at, revisit_on=revisit_on,
        note=note,
    )
    opp.stage = stage
    opp.stage_changed_at = at
    opp.revisit_on = revisit_on if stage == Stage.ON_HOLD else None
    opp.save(update_fields=["stage", "stage_changed_at", "revisit_on", "updated_at"])
    for contact in keep_contacts:
        OpportunityContact.objects.update_or_create(
            owner=opp.owner, opportunity=opp, contact=contact, defaults={"keep_in_touch": True}
        )
    return change


@transaction.atomic
def add_interview(opp: Opportunity, starts_at: dt.datetime, *, minutes=45, format="video", where="",
                  interviewers=(), prep_notes="") -> Interview:
    if minutes is None or not 1 <= minutes <= MAX_INTERVIEW_MINUTES:
        raise InputError("minutes", minutes, f"expected a duration in minutes from 1 to {MAX_INTERVIEW_MINUTES}")
    format = parse_choice(InterviewFormat, format, "format")
    people = [find_contact(opp.owner, name, "with") for name in interviewers]
    interview = Interview.objects.create(
        owner=opp.owner, opportunity=opp, starts_at=starts_at, minutes=minutes, format=format, where=where,
        prep_notes=prep_notes,
    )
    interview.interviewers.set(people)
    for contact in people:
        OpportunityContact.objects.get_or_create(
            owner=opp.owner, opportunity=opp, contact=contact, defaults={"role": Role.INTERVIEWER}
        )
    return interview
