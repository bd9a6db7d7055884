"""Pure decisions about what a card says: the job context in the NOTE and the name shown on an incoming call."""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True)
class JobRole:
    """One job a contact is on, flattened from OpportunityContact + Opportunity."""

    role: str  # "Hiring manager"
    title: str  # "Breeder assistant"
    company: str  # "Sugar Glider Co."
    stage: str  # "on_hold"
    stage_label: str  # "On hold"
    since: dt.date  # the day the job entered that stage (user's time zone)
    active: bool


@dataclasses.dataclass
class CardData:
    """Everything a vCard needs about one contact, as plain data (see cards.gather_cards)."""

    contact_id: int
    uid: str
    name: str
    company: str = ""
    title: str = ""
    phones: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (label, e164)
    emails: list[str] = dataclasses.field(default_factory=list)  # primary first
    socials: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # (network, handle, link)
    jobs: list[JobRole] = dataclasses.field(default_factory=list)
    topics: list[str] = dataclasses.field(default_factory=list)
    how_met: str = ""


def ordered_jobs(jobs: list[JobRole]) -> list[JobRole]:
    """Live jobs first (on hold counts as live), then the most recent stage change."""
    return sorted(jobs, key=lambda j: (not j.active, -j.since.toordinal(), j.title))


def job_line(job: JobRole) -> str:
    where = f"{job.title} at {job.company}" if job.company else job.title
    return f"{job.role}, {where} — {job.stage_label.lower()} since {job.since.isoformat()}"


def job_context(card: CardData, limit: int = 3) -> str:
    """The NOTE: why this person matters to the job search, then what to talk about.

    e.g. "Hiring manager, Breeder assistant at Sugar Glider Co. — on hold since 2011-12-10".
    At most `limit` jobs, so the note stays readable on a phone screen.
    """
    jobs = ordered_jobs(card.jobs)
    lines = [job_line(j) for j in jobs[:limit]]
    if len(jobs) > limit:
        lines.append(f"and {len(jobs) - limit} more jobs")
    if card.how_met:
        lines.append(f"Met: {card.how_met}")
    if card.topics:
        lines.append("Talk about: " + ", ".join(card.topics))
    return "\n".join(lines)


def context_company(card: CardData) -> str:
    """The company to show beside the name: the contact's own, else the company of their liveliest job."""
    if card.company:
        return card.company
    for job in ordered_jobs(card.jobs):
        if job.company:
            return job.company
    return ""


def display_name(card: CardData, with_context: bool) -> str:
    company = context_company(card) if with_context else ""
    return f"{card.name} ({company})" if company else card.name


def split_name(name: str) -> tuple[str, str]:
    """(given, family) for the N property: the last word is the family name ("Jane van Doe" → "Jane van", "Doe").

    Phones sort and match on N, so a best guess beats leaving it empty; FN keeps the name as typed."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip(), ""
    return " ".join(parts[:-1]), parts[-1]
