"""Interview invitations (iCalendar METHOD:REQUEST / CANCEL) from a known contact → the interview in keepwarm.

The mail engineer calls apply_invitation() for every text/calendar part of a synced or imported message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import icalendar
from django.db import transaction

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import ACTIVE_STAGES, Interview, InterviewFormat, Opportunity, OpportunityContact
from keepwarm.jobs.services import MAX_INTERVIEW_MINUTES, add_interview
from keepwarm.lib.dates import zone
from keepwarm.people.models import Contact, ContactEmail

from .models import InviteLink

# Where Google, Microsoft Teams and Zoom put the meeting link besides LOCATION and DESCRIPTION.
CONFERENCE_PROPS = ("X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
                    "URL")
LINK = re.compile(r"https://[^\s<>\"]*(?:meet\.google\.com|zoom\.us|teams\.microsoft\.com|webex\.com|whereby\.com)"
                  r"[^\s<>\"]*", re.I)
PHONEISH = re.compile(r"^[+()\d\s.\-]{7,}$")


@dataclasses.dataclass
class Invite:
    """The parts of an invitation keepwarm uses, as plain data."""

    method: str
    uid: str
    sequence: int
    starts_at: dt.datetime
    minutes: int
    location: str
    link: str
    summary: str
    description: str
    emails: list[str]  # organizer and attendees, lower-case


def _mail(value) -> str:
    return re.sub(r"^mailto:", "", str(value or ""), flags=re.I).strip().lower()


def parse_invite(ics_text: str | bytes, tz: dt.tzinfo) -> Invite | None:
    """Pure: the first timed VEVENT of a REQUEST or CANCEL, or None (not an invitation, or unreadable).

    Mail from anyone reaches this, so a malformed calendar is ignored, never an exception in the mail sync."""
    try:
        return _parse(ics_text, tz)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None


def _parse(ics_text, tz) -> Invite | None:
    cal = icalendar.Calendar.from_ical(ics_text)
    method = str(cal.get("METHOD", "")).upper()
    if method not in ("REQUEST", "CANCEL"):
        return None
    event = next(iter(cal.walk("VEVENT")), None)
    if event is None or not event.get("UID") or event.get("DTSTART") is None:
        return None
    start = event.decoded("DTSTART")
    if not isinstance(start, dt.datetime):
        return None  # an all-day item is not an interview
    if start.tzinfo is None:
        start = start.replace(tzinfo=tz)  # floating time: the user's own clock
    if event.get("DTEND") is not None:
        end = event.decoded("DTEND")
        end = end.replace(tzinfo=tz) if isinstance(end, dt.datetime) and end.tzinfo is None else end
        minutes = int((end - start).total_seconds() // 60) if isinstance(end, dt.datetime) else 45
    elif event.get("DURATION") is not None:
        minutes = int(event.decoded("DURATION").total_seconds() // 60)
    else:
        minutes = 45
    description = str(event.get("DESCRIPTION", ""))
    link = next((str(event.get(p)) for p in CONFERENCE_PROPS if event.get(p)), "")
    location = str(event.get("LOCATION", "")).strip()
    if not link:
        found = LINK.search(location) or LINK.search(description)
        link = found.group(0) if found else ""
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    emails = [e for e in [_mail(event.get("ORGANIZER")), *map(_mail, attendees)] if e]
    return Invite(method=method, uid=str(event.get("UID")), sequence=int(event.get("SEQUENCE", 0) or 0),
                  starts_at=start, minutes=min(max(minutes, 1), MAX_INTERVIEW_MINUTES), location=location, link=link,
                  summary=str(event.get("SUMMARY", "")), description=description, emails=emails)


def guess_format(invite: Invite) -> str:
    if invite.link:
        return InterviewFormat.VIDEO
    if invite.location and PHONEISH.match(invite.location):
        return InterviewFormat.PHONE
    if invite.location:
        return InterviewFormat.ON_SITE
    return InterviewFormat.PHONE if "phone" in invite.summary.lower() else InterviewFormat.VIDEO


def pick_opportunity(candidates: list[Opportunity], summary: str) -> Opportunity | None:
    """Pure: the live job whose title the invitation names, else the most recently updated live job."""
    live = [o for o in candidates if o.stage in ACTIVE_STAGES]
    if not live:
        return None
    named = [o for o in live if o.title and o.title.lower() in summary.lower()]
    return max(named or live, key=lambda o: (o.updated_at, o.id))


def _candidates(owner, contacts) -> list[Opportunity]:
    ids = [c.id for c in contacts]
    direct = Opportunity.objects.filter(owner=owner, id__in=OpportunityContact.objects.filter(
        owner=owner, contact_id__in=ids).values("opportunity_id"))
    found = list(direct.select_related("company"))
    if not any(o.stage in ACTIVE_STAGES for o in found):
        companies = [c.company_id for c in contacts if c.company_id]
        found = list(Opportunity.objects.filter(owner=owner, company_id__in=companies).select_related("company"))
    return found


@transaction.atomic
def apply_invitation(owner, ics_text: str, contacts) -> Interview | None:
    """Create, move or cancel the interview an invitation describes; None when it is not for keepwarm.

    1. Parse; anything but a timed REQUEST/CANCEL is ignored.
    2. The contacts are the message's known senders; the organizer's and attendees' addresses add any other
       known contact. No known contact → None (keepwarm does not act on strangers' invitations).
    3. An invitation UID seen before updates (or cancels) its interview, ignoring out-of-date sequences.
    4. Otherwise the job is one the contacts are on (or their company's), preferring the one the summary names.
    """
    profile = profile_of(owner)
    invite = parse_invite(ics_text, zone(profile.time_zone))
    if invite is None:
        return None
    known = {c.id: c for c in contacts if c.owner_id == owner.id}
    by_mail = ContactEmail.objects.filter(owner=owner, address__in=invite.emails).values("contact_id")
    known.update({c.id: c for c in Contact.objects.filter(owner=owner, id__in=by_mail)})
    if not known:
        return None
    link = InviteLink.objects.filter(owner=owner, invite_uid=invite.uid).select_related("interview").first()
    if link:
        interview = link.interview
        if invite.sequence < link.sequence:
            return interview  # an older copy arriving late must not undo a newer change
        if invite.method == "CANCEL":
            interview.cancelled = True
        else:
            interview.starts_at, interview.minutes = invite.starts_at, invite.minutes
            interview.where = invite.link or invite.location or interview.where
            interview.cancelled = False
        interview.save()
        link.sequence = invite.sequence
        link.save(update_fields=["sequence", "updated_at"])
        return interview
    if invite.method == "CANCEL":
        return None  # cancelling something keepwarm never had
    opp = pick_opportunity(_candidates(owner, list(known.values())), invite.summary)
    if opp is None:
        return None
    interview = add_interview(
        opp, invite.starts_at, minutes=invite.minutes, format=guess_format(invite),
        where=(invite.link or invite.location)[:500], interviewers=[str(cid) for cid in known],
        prep_notes=f"From the invitation: {invite.summary}".strip(),
    )
    InviteLink.objects.create(owner=owner, invite_uid=invite.uid[:500], interview=interview,
                              sequence=invite.sequence)
    return interview
