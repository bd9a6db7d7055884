"""The keep-in-touch engine: given a user's data and an explicit `now`, say what is due and why.

Pure: no database, no clock. `followups.gather` builds the input with a fixed number of queries and
`followups.services` stores the answer. Each item carries a `key` naming "this reminder about this
thing"; a key the user closed (done / dismissed) is never produced again, and keys that depend on a
contact's last touch change when anyone touches that contact, so any touch in any channel restarts
the clock by itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from keepwarm.lib.dates import add_business_days
from keepwarm.lib.errors import InputError


@dataclass(frozen=True)
class Rules:
    """The rule intervals, each overridable per user (Profile.rules)."""

    applied_first: int = 7  # days after applying with no reply: first follow-up
    applied_second: int = 14  # … second follow-up
    ghosted_after: int = 30  # … suggest marking the job as ghosted (the user decides)
    thank_you_hours: int = 24  # thank-you note within this many hours of an interview or meeting
    thank_you_window_days: int = 7  # a thank-you not sent by then is no longer suggested
    final_check_in_business_days: int = 5  # after a final interview
    on_hold_every: int = 21  # keep-warm touch with each contact of an on-hold job
    rejected_keep_every: int = 90  # keep in touch with contacts kept after a rejection
    gracious_window_days: int = 14  # a rejection older than this gets no gracious-reply reminder
    upcoming_days: int = 7  # how far ahead "coming up" looks

    @classmethod
    def from_overrides(cls, overrides: dict | None) -> Rules:
        names = {f.name for f in dataclasses.fields(cls)}
        clean = {}
        for name, value in (overrides or {}).items():
            if name not in names:
                raise InputError("rules", name, "unknown rule setting")
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(name, value, "expected a whole number of days (or hours), 0 or more")
            clean[name] = value
        return dataclasses.replace(cls(), **clean)


@dataclass
class ContactInfo:
    id: int
    name: str
    topics: list[str] = field(default_factory=list)
    cadence_days: int | None = None
    created_at: dt.datetime | None = None
    # Latest touch of any kind: interactions, interviews held, and keep-in-touch reminders marked done.
    last_touch: dt.datetime | None = None
    last_in: dt.datetime | None = None  # latest inbound interaction
    last_out: dt.datetime | None = None  # latest outbound interaction


@dataclass
class Person:
    contact_id: int
    role: str = "other"
    keep_in_touch: bool = False


@dataclass
class OpportunityInfo:
    id: int
    title: str
    company: str = ""
    stage: str = "saved"
    stage_changed_at: dt.datetime | None = None
    revisit_on: dt.date | None = None
    people: list[Person] = field(default_factory=list)
    last_in: dt.datetime | None = None  # latest inbound interaction linked to the job
    last_out: dt.datetime | None = None  # latest outbound interaction linked to the job
    last_touch: dt.datetime | None = None  # latest interaction of any direction linked to the job
    outbound_since_stage: int = 0  # outbound interactions linked to the job since its last stage change
    last_interview_end: dt.datetime | None = None  # latest interview already held


@dataclass
class Meeting:
    """An interview held, or an in-person / video touch tied to a job: each earns a thank-you."""

    key: str  # "interview:12" or "touch:34"
    opportunity_id: int | None
    ended_at: dt.datetime
    contact_ids: list[int] = field(default_factory=list)
    label: str = "interview"


@dataclass
class EngineInput:
    tz: dt.tzinfo
    contacts: dict[int, ContactInfo] = field(default_factory=dict)
    opportunities: list[OpportunityInfo] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    closed_keys: set[str] = field(default_factory=set)  # rule keys the user marked done or dismissed
    snoozed: dict[str, dt.date] = field(default_factory=dict)  # rule key → snoozed until
    rules: Rules = field(default_factory=Rules)


@dataclass
class Due:
    key: str
    kind: str
    due: dt.date
    reason: str
    contact_id: int | None = None
    opportunity_id: int | None = None
    topics: list[str] = field(default_factory=list)
    snoozed_until: dt.date | None = None


def _day(moment: dt.datetime | None, tz) -> dt.date | None:
    return moment.astimezone(tz).date() if moment else None


def _after(moment: dt.datetime | None, since: dt.datetime | None) -> bool:
    return moment is not None and (since is None or moment > since)


def _latest(*moments):
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def _talk_about(topics: list[str]) -> str:
    return f" Something personal to bring up: {'; '.join(topics)}." if topics else ""


def _job(opp: OpportunityInfo) -> str:
    return f"“{opp.title}” at {opp.company}" if opp.company else f"“{opp.title}”"


def due_items(data: EngineInput, now: dt.datetime) -> list[Due]:
    """Everything due up to `now` + rules.upcoming_days, at most one item per key, sorted by date.

    1. Each rule proposes items (application ladder, thank-yous, final check-in, revisit, gracious reply).
    2. Keep-in-touch proposals (on hold, kept after rejection, cadence) are merged to one per contact.
    3. Closed keys are dropped, snoozed ones move to their date, and the horizon is applied.
    """
    if now.tzinfo is None:
        raise ValueError("now must be time-zone aware")
    tz, rules = data.tz, data.rules
    today = now.astimezone(tz).date()
    items: list[Due] = []
    touch: dict[int, list[Due]] = {}

    for opp in data.opportunities:
        items.extend(_application_ladder(opp, data, today))
        items.extend(_final_check_in(opp, data))
        items.extend(_revisit(opp, data))
        items.extend(_gracious_reply(opp, data, today))
        for proposal in _keep_in_touch_for_job(opp, data):
            touch.setdefault(proposal.contact_id or -opp.id, []).append(proposal)
    items.extend(_thank_yous(data, now))
    for contact in data.contacts.values():
        if contact.cadence_days:
            anchor = contact.last_touch or contact.created_at or now
            anchor_day = _day(anchor, tz)
            try:
                due = anchor_day + dt.timedelta(days=contact.cadence_days)
            except OverflowError:  # a cadence of millennia, stored before inputs were bounded: it means never
                continue
            touch.setdefault(contact.id, []).append(Due(
                key=f"touch:{contact.id}:{anchor_day}", kind="keep_in_touch",
                due=due, contact_id=contact.id,
                topics=contact.topics,
                reason=f"Your keep-in-touch cadence with {contact.name} is every {contact.cadence_days} days; "
                       f"last touch {anchor_day}.{_talk_about(contact.topics)}",
            ))
    # One keep-in-touch reminder per contact: the earliest, with the other reasons folded in.
    for proposals in touch.values():
        proposals.sort(key=lambda d: d.due)
        first = proposals[0]
        extra = [p.reason for p in proposals[1:] if p.reason != first.reason]
        if extra:
            first = dataclasses.replace(first, reason=" ".join([first.reason, *extra]))
        items.append(first)

    horizon = today + dt.timedelta(days=rules.upcoming_days)
    seen, result = set(), []
    for item in items:
        if item.key in data.closed_keys or item.key in seen:
            continue
        seen.add(item.key)
        until = data.snoozed.get(item.key)
        if until and until > item.due:
            item = dataclasses.replace(item, due=until, snoozed_until=until)
        if item.due <= horizon:
            result.append(item)
    order = {"thank_you": 0, "gracious_reply": 1, "check_in": 2, "revisit": 3, "follow_up": 4}
    result.sort(key=lambda d: (d.due, order.get(d.kind, 9), d.key))
    return result


def _replied(opp: OpportunityInfo, data: EngineInput, since: dt.datetime) -> bool:
    if _after(opp.last_in, since):
        return True
    return any(_after(getattr(data.contacts.get(p.contact_id), "last_in", None), since) for p in opp.people)


def _application_ladder(opp: OpportunityInfo, data: EngineInput, today: dt.date) -> list[Due]:
    """Applied and no reply: follow up after 7 days, again after 14, suggest "ghosted" after 30."""
    if opp.stage != "applied" or opp.stage_changed_at is None:
        return []
    if _replied(opp, data, opp.stage_changed_at):
        return []
    rules, applied = data.rules, _day(opp.stage_changed_at, data.tz)
    base = f"applied:{opp.id}:{applied}"
    ghosted = Due(
        key=f"{base}:ghosted", kind="ghosted", due=applied + dt.timedelta(days=rules.ghosted_after),
        opportunity_id=opp.id,
        reason=f"No reply to your application for {_job(opp)} in {rules.ghosted_after} days. "
               "Mark it as ghosted? (Your choice: keep it open if you still hope to hear.)",
    )
    if today >= ghosted.due:
        return [ghosted]
    steps = [(1, rules.applied_first, "follow up"), (2, rules.applied_second, "follow up again")]
    sent = opp.outbound_since_stage
    for number, days, verb in steps:
        key = f"{base}:{number}"
        if sent >= number or key in data.closed_keys:
            continue
        return [Due(key=key, kind="follow_up", due=applied + dt.timedelta(days=days), opportunity_id=opp.id,
                    contact_id=_main_contact(opp),
                    reason=f"You applied for {_job(opp)} on {applied} and have had no reply: {verb} "
                           "with a short, friendly note.")]
    return [ghosted]


def _main_contact(opp: OpportunityInfo) -> int | None:
    for role in ("hiring_manager", "recruiter", "interviewer", "referrer", "other"):
        for person in opp.people:
            if person.role == role:
                return person.contact_id
    return None


def _thank_yous(data: EngineInput, now: dt.datetime) -> list[Due]:
    rules, out = data.rules, []
    for meeting in data.meetings:
        if meeting.ended_at > now or now - meeting.ended_at > dt.timedelta(days=rules.thank_you_window_days):
            continue
        deadline = meeting.ended_at + dt.timedelta(hours=rules.thank_you_hours)
        when = deadline.astimezone(data.tz).strftime("%a %d %b %H:%M")
        for contact_id in meeting.contact_ids:
            contact = data.contacts.get(contact_id)
            if contact is None or _after(contact.last_out, meeting.ended_at):
                continue  # already wrote to them since: that was the thank-you
            out.append(Due(
                key=f"thanks:{meeting.key}:{contact_id}", kind="thank_you", due=_day(meeting.ended_at, data.tz),
                contact_id=contact_id, opportunity_id=meeting.opportunity_id, topics=contact.topics,
                reason=f"Send {contact.name} a thank-you note for the {meeting.label} (by {when}).",
            ))
    return out


def _final_check_in(opp: OpportunityInfo, data: EngineInput) -> list[Due]:
    """After a final interview: check in after 5 business days unless anyone has been in touch since."""
    if opp.stage != "final_interview" or opp.stage_changed_at is None:
        return []
    anchor = _latest(opp.stage_changed_at, opp.last_interview_end)
    contacts = [data.contacts.get(p.contact_id) for p in opp.people]
    heard = _latest(opp.last_in, *(c.last_in for c in contacts if c))
    # The thank-you note right after the interview is not a check-in: only writing after that window counts.
    wrote = _latest(opp.last_out, *(c.last_out for c in contacts if c))
    if _after(heard, anchor) or _after(wrote, anchor + dt.timedelta(hours=data.rules.thank_you_hours)):
        return []
    day = _day(anchor, data.tz)
    n = data.rules.final_check_in_business_days
    return [Due(key=f"final:{opp.id}:{day}", kind="check_in", due=add_business_days(day, n),
                opportunity_id=opp.id, contact_id=_main_contact(opp),
                reason=f"Final interview for {_job(opp)} on {day}: {n} business days on, a short check-in "
                       "shows you are still keen.")]


def _revisit(opp: OpportunityInfo, data: EngineInput) -> list[Due]:
    if opp.stage != "on_hold" or opp.revisit_on is None:
        return []
    if opp.last_touch and _day(opp.last_touch, data.tz) >= opp.revisit_on:
        return []
    return [Due(key=f"revisit:{opp.id}:{opp.revisit_on}", kind="revisit", due=opp.revisit_on,
                opportunity_id=opp.id, contact_id=_main_contact(opp),
                reason=f"{_job(opp)} was put on hold until {opp.revisit_on}: check in about the role.")]


def _gracious_reply(opp: OpportunityInfo, data: EngineInput, today: dt.date) -> list[Due]:
    if opp.stage != "rejected" or opp.stage_changed_at is None:
        return []
    day = _day(opp.stage_changed_at, data.tz)
    if (today - day).days > data.rules.gracious_window_days:
        return []
    main = _main_contact(opp)
    contact = data.contacts.get(main) if main else None
    if _after(_latest(opp.last_out, contact.last_out if contact else None), opp.stage_changed_at):
        return []
    who = contact.name if contact else "them"
    return [Due(key=f"gracious:{opp.id}:{day}", kind="gracious_reply", due=day + dt.timedelta(days=1),
                opportunity_id=opp.id, contact_id=main,
                reason=f"{_job(opp)} ended in a rejection on {day}. One gracious reply to {who} — thanks for "
                       "their time, still keen on future roles — leaves the door open.")]


def _keep_in_touch_for_job(opp: OpportunityInfo, data: EngineInput) -> list[Due]:
    """On hold: every contact, every 21 days, never lapsing. Rejected: the contacts the user chose to keep."""
    if opp.stage == "on_hold":
        every, kind, people = data.rules.on_hold_every, "keep_warm", opp.people
        why = f"{_job(opp)} is on hold"
    elif opp.stage == "rejected":
        every, kind = data.rules.rejected_keep_every, "keep_in_touch"
        people = [p for p in opp.people if p.keep_in_touch]
        why = f"You chose to stay in touch after {_job(opp)} closed"
    else:
        return []
    since = opp.stage_changed_at
    out = []
    for person in people:
        contact = data.contacts.get(person.contact_id)
        if contact is None:
            continue
        anchor = _day(_latest(contact.last_touch, since), data.tz)
        out.append(Due(
            key=f"touch:{contact.id}:{anchor}", kind=kind, due=anchor + dt.timedelta(days=every),
            contact_id=contact.id, opportunity_id=opp.id, topics=contact.topics,
            reason=f"{why}: a friendly touch with {contact.name} every {every} days keeps the door open "
                   f"(last touch {anchor}).{_talk_about(contact.topics)}",
        ))
    if not people and opp.stage == "on_hold":
        anchor = _day(_latest(opp.last_touch, since), data.tz)
        out.append(Due(
            key=f"touch:job{opp.id}:{anchor}", kind=kind, due=anchor + dt.timedelta(days=every),
            opportunity_id=opp.id,
            reason=f"{why} and no contact is recorded for it: add the person you spoke with, "
                   "then send a friendly note.",
        ))
    return out
