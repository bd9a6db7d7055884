"""The work-search log that unemployment-insurance programmes ask for, built from what the user already logged.

One row per employer contact — applications, outbound touches, interviews held — with the date, employer,
address or website, contact person, method, position and result, grouped by week with the weekly count.
Nothing is typed twice: every field comes from jobs, companies, contacts and touches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Prefetch

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import Interview, OpportunityContact, Source, Stage
from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError
from keepwarm.timeline.models import Channel, Direction, Interaction, Participant

from .stats import applications

COLUMNS = ["Date", "Employer", "Address or website", "Contact person", "Method", "Position applied for",
           "Result or next step"]
METHODS = {Channel.EMAIL: "Email", Channel.PHONE: "Phone", Channel.TEXT: "Text message", Channel.SOCIAL: "Online",
           Channel.VIDEO: "Video call", Channel.IN_PERSON: "In person", Channel.LETTER: "Mail"}
APPLY_METHODS = {Source.REFERRAL: "Application (referral)", Source.RECRUITER: "Application (through a recruiter)"}
ROLE_ORDER = ["hiring_manager", "recruiter", "interviewer", "referrer", "other"]
MAX_DAYS = 366 * 3  # a log is per claim; this bounds a mistyped range, not real use


@dataclasses.dataclass
class Row:
    date: dt.date
    employer: str
    address: str
    person: str
    method: str
    position: str
    result: str
    at: dt.datetime | None = None

    def cells(self) -> list[str]:
        return [self.date.isoformat(), self.employer, self.address, self.person, self.method, self.position,
                self.result]


@dataclasses.dataclass
class Week:
    start: dt.date
    end: dt.date
    rows: list[Row]

    @property
    def count(self) -> int:
        return len(self.rows)


def check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InputError("to", end.isoformat(), f"the end is before the start ({start.isoformat()})")
    if (end - start).days > MAX_DAYS:
        raise InputError("to", end.isoformat(), f"at most {MAX_DAYS} days in one log")


def group_by_week(rows: list[Row], start: dt.date, end: dt.date) -> list[Week]:
    """Every Monday-to-Sunday week touching [start, end], empty ones included (a log shows weeks with none)."""
    weeks, cursor = [], start - dt.timedelta(days=start.weekday())
    by_date = sorted(rows, key=lambda r: (r.date, r.at or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
    while cursor <= end:
        last = cursor + dt.timedelta(days=6)
        weeks.append(Week(max(cursor, start), min(last, end), [r for r in by_date if cursor <= r.date <= last]))
        cursor = last + dt.timedelta(days=1)
    return weeks


def _website(company, opp=None) -> str:
    return (company.website if company else "") or (opp.posting_url if opp else "") or (opp.location if opp else "")


def build(user, start: dt.date, end: dt.date, now: dt.datetime) -> list[Week]:
    """The log from start to end (local dates, both included), in the user's time zone."""
    check_range(start, end)
    tz = zone(profile_of(user).time_zone)
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = min(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz), now)
    rows = [*_applications(user, lo, hi, tz), *_touches(user, lo, hi, tz), *_interviews(user, lo, hi, tz)]
    return group_by_week(rows, start, end)


def _people(opp_ids) -> dict[int, str]:
    """The main contact per job: the hiring manager, else a recruiter, an interviewer…"""
    best: dict[int, tuple[int, str]] = {}
    for r in OpportunityContact.objects.filter(opportunity_id__in=opp_ids).values(
            "opportunity_id", "role", "contact__name").order_by("id"):
        rank = ROLE_ORDER.index(r["role"]) if r["role"] in ROLE_ORDER else len(ROLE_ORDER)
        if r["opportunity_id"] not in best or rank < best[r["opportunity_id"]][0]:
            best[r["opportunity_id"]] = (rank, r["contact__name"])
    return {k: v[1] for k, v in best.items()}


def _applications(user, lo, hi, tz):
    apps = list(applications(user, lo).filter(applied_at__lt=hi).select_related("company"))
    people = _people([a.id for a in apps])
    for a in apps:
        result = "Applied" if a.stage == Stage.APPLIED else f"Applied; now {Stage(a.stage).label.lower()}"
        if a.next_step:
            result += f"; next: {a.next_step}"
        yield Row(a.applied_at.astimezone(tz).date(), a.company.name if a.company else "", _website(a.company, a),
                  people.get(a.id, ""), APPLY_METHODS.get(a.source, "Application (online)"), a.title, result,
                  a.applied_at)


def _touches(user, lo, hi, tz):
    touches = (Interaction.objects.filter(owner=user, direction=Direction.OUTBOUND, happened_at__gte=lo,
                                          happened_at__lt=hi)
               .select_related("opportunity", "opportunity__company")
               .prefetch_related(Prefetch("participants", Participant.objects.select_related("contact__company")
                                          .prefetch_related("contact__emails", "contact__phones").order_by("id")))
               .order_by("happened_at", "id"))
    for t in touches:
        contacts = [p.contact for p in t.participants.all()]
        opp = t.opportunity
        company = (opp.company if opp else None) or next((c.company for c in contacts if c.company), None)
        address = _website(company, opp)
        if not address and contacts:
            first = contacts[0]
            if t.channel == Channel.EMAIL and first.emails.all():
                address = first.primary_email
            elif t.channel in (Channel.PHONE, Channel.TEXT) and first.phones.all():
                address = first.phones.all()[0].e164
        method = METHODS.get(t.channel, t.channel)
        if t.channel == Channel.SOCIAL and t.network:
            method = f"Online ({t.get_network_display()})"
        yield Row(t.happened_at.astimezone(tz).date(), company.name if company else "", address,
                  ", ".join(c.name for c in contacts), method, opp.title if opp else "", t.summary, t.happened_at)


def _interviews(user, lo, hi, tz):
    held = (Interview.objects.filter(owner=user, cancelled=False, starts_at__gte=lo, starts_at__lt=hi)
            .select_related("opportunity", "opportunity__company").prefetch_related("interviewers")
            .order_by("starts_at"))
    for iv in held:
        opp = iv.opportunity
        yield Row(iv.starts_at.astimezone(tz).date(), opp.company.name if opp.company else "",
                  iv.where or _website(opp.company, opp), ", ".join(c.name for c in iv.interviewers.all()),
                  f"Interview ({iv.get_format_display().lower()})", opp.title, iv.outcome or "Interview held",
                  iv.starts_at)
