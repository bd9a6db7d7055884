"""The work-search log that unemployment-insurance programmes ask for, built from what the user already logged.

One row per employer contact — applications, outbound touches, interviews held — with the date, employer,
address or website, contact person, method, position and result, grouped by week with the weekly count.
Nothing is typed twice: every field comes from jobs, companies, contacts and touches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import Interview, OpportunityContact, Source, Stage
from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError
from keepwarm.people.models import ContactEmail, ContactPhone, Network
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
    """Outbound touches, read as plain values in four queries (a month of a busy search is thousands of rows)."""
    touches = list(Interaction.objects.filter(owner=user, direction=Direction.OUTBOUND, happened_at__gte=lo,
                                              happened_at__lt=hi)
                   .values("id", "happened_at", "channel", "network", "summary", "opportunity__title",
                           "opportunity__company__name", "opportunity__company__website",
                           "opportunity__posting_url", "opportunity__location")
                   .order_by("happened_at", "id"))
    # Participants carry the touch's time and direction, so they are found by the same range.
    people = (Participant.objects.filter(owner=user, direction=Direction.OUTBOUND, happened_at__gte=lo,
                                         happened_at__lt=hi)
              .values("interaction_id", "contact_id", "contact__name", "contact__company__name",
                      "contact__company__website").order_by("id"))
    by_touch: dict[int, list[dict]] = {}
    for p in people:
        by_touch.setdefault(p["interaction_id"], []).append(p)
    contact_ids = {p["contact_id"] for group in by_touch.values() for p in group[:1]}
    emails, phones = {}, {}
    for e in ContactEmail.objects.filter(contact_id__in=contact_ids).values("contact_id", "address").order_by(
            "-primary", "id"):
        emails.setdefault(e["contact_id"], e["address"])
    for ph in ContactPhone.objects.filter(contact_id__in=contact_ids).values("contact_id", "e164").order_by("id"):
        phones.setdefault(ph["contact_id"], ph["e164"])
    networks = dict(Network.choices)
    for t in touches:
        group = by_touch.get(t["id"], [])
        employer, website = t["opportunity__company__name"], t["opportunity__company__website"]
        if not employer:
            first_with = next((p for p in group if p["contact__company__name"]), None)
            if first_with:
                employer, website = first_with["contact__company__name"], first_with["contact__company__website"]
        address = website or t["opportunity__posting_url"] or t["opportunity__location"] or ""
        if not address and group:
            first = group[0]["contact_id"]
            if t["channel"] == Channel.EMAIL:
                address = emails.get(first, "")
            elif t["channel"] in (Channel.PHONE, Channel.TEXT):
                address = phones.get(first, "")
        method = METHODS.get(t["channel"], t["channel"])
        if t["channel"] == Channel.SOCIAL and t["network"]:
            method = f"Online ({networks.get(t['network'], t['network'])})"
        yield Row(t["happened_at"].astimezone(tz).date(), employer or "", address,
                  ", ".join(p["contact__name"] for p in group), method, t["opportunity__title"] or "", t["summary"],
                  t["happened_at"])


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
