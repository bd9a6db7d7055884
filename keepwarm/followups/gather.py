"""Build the engine's input for one user with a fixed number of aggregate queries.

The number of queries does not depend on how many contacts, jobs or interactions the user has:
every per-contact and per-job figure comes from one GROUP BY, never from a loop of queries.
"""

import datetime as dt

from django.db.models import Case, Count, F, Max, Q, When

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import Interview, Opportunity, OpportunityContact, Stage
from keepwarm.lib.dates import zone
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Channel, Direction, Interaction, Participant

from .engine import ContactInfo, EngineInput, Meeting, OpportunityInfo, Person, Rules
from .models import FollowUp, FollowUpOrigin, State

# Only jobs in these stages have rules; the others cost nothing here.
RULE_STAGES = [Stage.APPLIED, Stage.FINAL_INTERVIEW, Stage.ON_HOLD, Stage.REJECTED]


def _maxes(prefix=""):
    """Latest time overall, inbound and outbound, over `prefix`happened_at."""
    at = f"{prefix}happened_at"
    return {
        "last": Max(at),
        "last_in": Max(Case(When(**{f"{prefix}direction": Direction.INBOUND}, then=F(at)))),
        "last_out": Max(Case(When(**{f"{prefix}direction": Direction.OUTBOUND}, then=F(at)))),
    }


def gather(user, now: dt.datetime, rule_rows: list | None = None) -> EngineInput:
    """1. The user's zone and rules. 2. Jobs with rules and their per-job touch figures.
    3. Meetings that earn a thank-you. 4. The contacts any rule looks at, with their last touches.
    5. The keys the user closed or snoozed (rule_rows, when the caller already loaded them)."""
    profile = profile_of(user)
    data = EngineInput(tz=zone(profile.time_zone), rules=Rules.from_overrides(profile.rules))
    rules = data.rules

    opps = {
        o["id"]: OpportunityInfo(
            id=o["id"], title=o["title"], company=o["company__name"] or "", stage=o["stage"],
            stage_changed_at=o["stage_changed_at"], revisit_on=o["revisit_on"],
        )
        for o in Opportunity.objects.filter(owner=user, stage__in=RULE_STAGES).values(
            "id", "title", "company__name", "stage", "stage_changed_at", "revisit_on"
        )
    }
    per_job = (
        Interaction.objects.filter(owner=user, opportunity__stage__in=RULE_STAGES)
        .values("opportunity_id")
        .annotate(
            **_maxes(),
            sent=Count("id", filter=Q(direction=Direction.OUTBOUND, happened_at__gte=F("opportunity__stage_changed_at"))),
        )
    )
    for row in per_job:
        opp = opps.get(row["opportunity_id"])
        if opp:
            opp.last_touch, opp.last_in, opp.last_out = row["last"], row["last_in"], row["last_out"]
            opp.outbound_since_stage = row["sent"]
    for row in OpportunityContact.objects.filter(owner=user, opportunity__stage__in=RULE_STAGES).values(
        "opportunity_id", "contact_id", "role", "keep_in_touch"
    ):
        opps[row["opportunity_id"]].people.append(Person(row["contact_id"], row["role"], row["keep_in_touch"]))
    data.opportunities = list(opps.values())

    # Interviews held: the latest per final-interview job, and recent ones for thank-you notes.
    window_start = now - dt.timedelta(days=rules.thank_you_window_days + 1)
    held = Interview.objects.filter(owner=user, cancelled=False, starts_at__lte=now)
    for row in held.filter(opportunity__stage=Stage.FINAL_INTERVIEW).values("opportunity_id", "starts_at", "minutes"):
        end = row["starts_at"] + dt.timedelta(minutes=row["minutes"])
        opp = opps[row["opportunity_id"]]
        opp.last_interview_end = max(filter(None, [opp.last_interview_end, end]))
    recent = held.filter(starts_at__gte=window_start).prefetch_related("interviewers")
    for interview in recent:
        data.meetings.append(Meeting(
            key=f"interview:{interview.id}", opportunity_id=interview.opportunity_id, ended_at=interview.ends_at,
            contact_ids=[c.id for c in interview.interviewers.all()], label=f"{interview.get_format_display().lower()} interview",
        ))
    meetings = Interaction.objects.filter(
        owner=user, channel__in=[Channel.IN_PERSON, Channel.VIDEO], opportunity__isnull=False,
        happened_at__gte=window_start, happened_at__lte=now,
    ).prefetch_related("participants")
    for touch in meetings:
        data.meetings.append(Meeting(
            key=f"touch:{touch.id}", opportunity_id=touch.opportunity_id, ended_at=touch.happened_at,
            contact_ids=[p.contact_id for p in touch.participants.all()],
            label="meeting" if touch.channel == Channel.IN_PERSON else "video call",
        ))

    # The contacts any rule looks at: with a cadence, on a job with rules, or in a recent meeting.
    meeting_contacts = {cid for m in data.meetings for cid in m.contact_ids}
    relevant = Contact.objects.filter(owner=user).filter(
        Q(cadence_days__isnull=False) | Q(roles__opportunity__stage__in=RULE_STAGES) | Q(id__in=meeting_contacts)
    )
    for c in relevant.distinct().values("id", "name", "topics", "cadence_days", "created_at"):
        data.contacts[c["id"]] = ContactInfo(
            id=c["id"], name=c["name"], topics=c["topics"] or [], cadence_days=c["cadence_days"],
            created_at=c["created_at"],
        )
    relevant_ids = relevant.values("id")
    for row in Participant.objects.filter(owner=user, contact__in=relevant_ids).values("contact_id").annotate(**_maxes()):
        info = data.contacts.get(row["contact_id"])
        if info:
            info.last_touch, info.last_in, info.last_out = row["last"], row["last_in"], row["last_out"]
    # An interview held counts as a touch with each interviewer.
    interviewed = (
        Interview.interviewers.through.objects.filter(
            interview__owner=user, interview__cancelled=False, interview__starts_at__lte=now, contact__in=relevant_ids
        )
        .values("contact_id")
        .annotate(last=Max("interview__starts_at"))
    )
    for row in interviewed:
        info = data.contacts.get(row["contact_id"])
        if info:
            info.last_touch = max(filter(None, [info.last_touch, row["last"]]))

    if rule_rows is None:
        rule_rows = list(FollowUp.objects.filter(owner=user, origin=FollowUpOrigin.RULE))
    for row in rule_rows:
        if row.state in (State.DONE, State.DISMISSED):
            data.closed_keys.add(row.rule_key)
            # Marking a keep-in-touch reminder done counts as a touch: the next one comes a full cycle later.
            info = data.contacts.get(row.contact_id) if row.rule_key.startswith("touch:") else None
            if info and row.closed_at:
                info.last_touch = max(filter(None, [info.last_touch, row.closed_at]))
        elif row.state == State.SNOOZED and row.snoozed_until:
            data.snoozed[row.rule_key] = row.snoozed_until
    return data
