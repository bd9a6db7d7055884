"""Gather interviews and open follow-ups into CalItems (fixed number of queries), in the user's time zone."""

import datetime as dt

from django.db.models import Prefetch

from keepwarm.accounts.services import profile_of
from keepwarm.followups.models import FollowUp, State
from keepwarm.jobs.models import Interview, OpportunityContact, Role
from keepwarm.lib.dates import zone
from keepwarm.lib.phones import pretty
from keepwarm.people.models import Contact

from .ics import ALARM_MINUTES, CalItem

# Past interviews stay in the calendar for a while (a record of what happened), then keepwarm lets go of them.
KEEP_PAST_DAYS = 180


def followup_uid(followup_id: int) -> str:
    return f"followup-{followup_id}@keepwarm"


def _who(contact, roles: dict) -> str:
    bits = [contact.name]
    if roles.get(contact.id):
        bits.append(roles[contact.id])
    bits += [pretty(p.e164) for p in contact.phones.all()[:1]]
    bits += [e.address for e in contact.emails.all()[:1]]
    return ", ".join(bits)


def interview_item(interview, tz) -> CalItem:
    opp = interview.opportunity
    where = interview.where.strip()
    is_link = where.lower().startswith(("http://", "https://"))
    roles = {r.contact_id: Role(r.role).label for r in opp.people.all()}
    lines = [f"Job: {opp.title}" + (f" at {opp.company.name}" if opp.company_id else "")
             + f" ({opp.get_stage_display().lower()})",
             f"Format: {interview.get_format_display()}"]
    # Interviewers go in the description, not as ATTENDEEs: a CalDAV server seeing attendees may email them
    # invitations in the user's name (RFC 6638 implicit scheduling), which nobody wants here.
    lines += [f"With: {_who(c, roles)}" for c in interview.interviewers.all()]
    if opp.posting_url:
        lines.append(f"Posting: {opp.posting_url}")
    if interview.prep_notes.strip():
        lines += ["", "Preparation:", interview.prep_notes.strip()]
    company = f" at {opp.company.name}" if opp.company_id else ""
    return CalItem(
        key=f"interview-{interview.id}", uid=str(interview.uid),
        summary=f"Interview: {opp.title}{company} ({interview.get_format_display().lower()})",
        description="\n".join(lines), stamp=interview.updated_at,
        start=interview.starts_at.astimezone(tz), end=interview.ends_at.astimezone(tz),
        location=where, url=where if is_link else "", alarm_minutes=ALARM_MINUTES,
    )


def followup_item(row) -> CalItem:
    about = row.contact.name if row.contact_id else (str(row.opportunity) if row.opportunity_id else "")
    lines = [row.reason]
    if row.opportunity_id and row.contact_id:
        lines.append(f"Job: {row.opportunity}")
    if row.topics:
        lines.append("Talk about: " + ", ".join(row.topics))
    day = row.effective_due
    return CalItem(
        key=f"followup-{row.id}", uid=followup_uid(row.id),
        summary=f"{row.get_kind_display()}: {about}" if about else row.get_kind_display(),
        description="\n".join(lines), stamp=row.created_at, start=day, end=day + dt.timedelta(days=1),
    )


def gather_items(owner, now: dt.datetime) -> list[CalItem]:
    tz = zone(profile_of(owner).time_zone)
    contacts = Contact.objects.prefetch_related("phones", "emails")
    interviews = (
        Interview.objects.filter(owner=owner, cancelled=False,
                                 starts_at__gte=now - dt.timedelta(days=KEEP_PAST_DAYS))
        .select_related("opportunity", "opportunity__company")
        .prefetch_related(Prefetch("interviewers", queryset=contacts),
                          Prefetch("opportunity__people", queryset=OpportunityContact.objects.all()))
        .order_by("starts_at", "id")
    )
    followups = (
        FollowUp.objects.filter(owner=owner, state__in=[State.OPEN, State.SNOOZED])
        .select_related("contact", "opportunity", "opportunity__company")
        .order_by("due_on", "id")
    )
    return [interview_item(i, tz) for i in interviews] + [followup_item(f) for f in followups]
