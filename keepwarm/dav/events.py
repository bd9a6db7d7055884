"""Gather interviews and open follow-ups into CalItems (fixed number of queries), in the user's time zone."""

import dataclasses
import datetime as dt
from functools import lru_cache

from keepwarm.accounts.services import profile_of
from keepwarm.followups.models import FollowUp, Kind, State
from keepwarm.jobs.models import Interview, InterviewFormat, OpportunityContact, Role, Stage
from keepwarm.lib.dates import zone
from keepwarm.lib.phones import pretty
from keepwarm.people.models import ContactEmail, ContactPhone

from .ics import ALARM_MINUTES, CalItem

# Past interviews stay in the calendar for a while (a record of what happened), then keepwarm lets go of them.
KEEP_PAST_DAYS = 180
ROLE_LABELS, STAGE_LABELS = dict(Role.choices), dict(Stage.choices)
FORMAT_LABELS, KIND_LABELS = dict(InterviewFormat.choices), dict(Kind.choices)


def followup_uid(followup_id: int) -> str:
    return f"followup-{followup_id}@keepwarm"


@lru_cache(maxsize=4096)
def _pretty(e164: str) -> str:
    return pretty(e164)


@dataclasses.dataclass
class Person:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""

    def line(self) -> str:
        return ", ".join(bit for bit in (self.name, self.role, _pretty(self.phone) if self.phone else "", self.email)
                         if bit)


def interview_item(row: dict, people: list[Person], tz) -> CalItem:
    """row: Interview values (see gather_items); people: its interviewers."""
    where = (row["where"] or "").strip()
    is_link = where.lower().startswith(("http://", "https://"))
    company = f" at {row['opportunity__company__name']}" if row["opportunity__company__name"] else ""
    stage = STAGE_LABELS.get(row["opportunity__stage"], row["opportunity__stage"]).lower()
    fmt = FORMAT_LABELS.get(row["format"], row["format"])
    lines = [f"Job: {row['opportunity__title']}{company} ({stage})", f"Format: {fmt}"]
    # Interviewers go in the description, not as ATTENDEEs: a CalDAV server seeing attendees may email them
    # invitations in the user's name (RFC 6638 implicit scheduling), which nobody wants here.
    lines += [f"With: {p.line()}" for p in people]
    if row["opportunity__posting_url"]:
        lines.append(f"Posting: {row['opportunity__posting_url']}")
    if (row["prep_notes"] or "").strip():
        lines += ["", "Preparation:", row["prep_notes"].strip()]
    starts = row["starts_at"].astimezone(tz)
    return CalItem(
        key=f"interview-{row['id']}", uid=str(row["uid"]),
        summary=f"Interview: {row['opportunity__title']}{company} ({fmt.lower()})",
        description="\n".join(lines), stamp=row["updated_at"], start=starts,
        end=starts + dt.timedelta(minutes=row["minutes"]),
        location=where, url=where if is_link else "", alarm_minutes=ALARM_MINUTES,
    )


def followup_item(row: dict) -> CalItem:
    """row: FollowUp values (see gather_items)."""
    job = row["opportunity__title"] or ""
    if job and row["opportunity__company__name"]:
        job = f"{job} at {row['opportunity__company__name']}"
    about = row["contact__name"] or job
    lines = [row["reason"]]
    if job and row["contact__name"]:
        lines.append(f"Job: {job}")
    if row["topics"]:
        lines.append("Talk about: " + ", ".join(row["topics"]))
    day = row["snoozed_until"] if row["state"] == State.SNOOZED and row["snoozed_until"] else row["due_on"]
    kind = KIND_LABELS.get(row["kind"], row["kind"])
    return CalItem(
        key=f"followup-{row['id']}", uid=followup_uid(row["id"]),
        summary=f"{kind}: {about}" if about else kind,
        description="\n".join(lines), stamp=row["created_at"], start=day, end=day + dt.timedelta(days=1),
    )


def _first_per_contact(rows) -> dict:
    found = {}
    for cid, value in rows:
        found.setdefault(cid, value)
    return found


def gather_items(owner, now: dt.datetime) -> list[CalItem]:
    """Every calendar item, from values() rows in 7 queries (the related rows through subqueries, so no
    parameter list grows with the data)."""
    tz = zone(profile_of(owner).time_zone)
    interviews = Interview.objects.filter(owner=owner, cancelled=False,
                                          starts_at__gte=now - dt.timedelta(days=KEEP_PAST_DAYS))
    rows = list(interviews.order_by("starts_at", "id").values(
        "id", "uid", "starts_at", "minutes", "format", "where", "prep_notes", "updated_at", "opportunity_id",
        "opportunity__title", "opportunity__company__name", "opportunity__stage", "opportunity__posting_url"))
    links = list(Interview.interviewers.through.objects.filter(interview__in=interviews).order_by("id")
                 .values_list("interview_id", "contact_id", "contact__name"))
    people_ids = Interview.interviewers.through.objects.filter(interview__in=interviews).values("contact_id")
    roles = {(opp, cid): ROLE_LABELS.get(role, role) for opp, cid, role in OpportunityContact.objects.filter(
        owner=owner, opportunity__in=interviews.values("opportunity_id")).values_list(
        "opportunity_id", "contact_id", "role")}
    phones = _first_per_contact(ContactPhone.objects.filter(owner=owner, contact_id__in=people_ids)
                                .order_by("contact_id", "id").values_list("contact_id", "e164"))
    emails = _first_per_contact(ContactEmail.objects.filter(owner=owner, contact_id__in=people_ids)
                                .order_by("contact_id", "-primary", "address").values_list("contact_id", "address"))
    opp_of = {r["id"]: r["opportunity_id"] for r in rows}
    people: dict[int, list[Person]] = {}
    for interview_id, cid, name in links:
        people.setdefault(interview_id, []).append(Person(
            name=name, role=roles.get((opp_of.get(interview_id), cid), ""), phone=phones.get(cid, ""),
            email=emails.get(cid, "")))
    followups = (FollowUp.objects.filter(owner=owner, state__in=[State.OPEN, State.SNOOZED]).order_by("due_on", "id")
                 .values("id", "due_on", "state", "snoozed_until", "kind", "reason", "topics", "created_at",
                         "contact__name", "opportunity__title", "opportunity__company__name"))
    return ([interview_item(r, people.get(r["id"], []), tz) for r in rows]
            + [followup_item(r) for r in followups])
