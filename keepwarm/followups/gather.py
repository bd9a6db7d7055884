"""Build the engine's input for one user with a fixed number of aggregate queries.

The number of queries does not depend on how many contacts, jobs or interactions the user has:
every per-contact and per-job figure comes from one GROUP BY, never from a loop of queries.
"""

import datetime as dt

from django.db.models import Case, Count, F, Max, Q, When

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.models import Interview, InterviewFormat, Opportunity, OpportunityContact, Stage
from keepwarm.lib.dates import zone
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Channel, Direction, Interaction, Participant

from .engine import ContactInfo, EngineInput, Meeting, OpportunityInfo, Person, Rules
from .models import FULFILLED, FollowUp, FollowUpOrigin, State



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

    # Jobs some rule looks at. A rejection matters only while a gracious reply may be due, or when the user
    # kept someone from it; the long tail of old rejections would otherwise dominate a long search.
    recent_rejection = now - dt.timedelta(days=rules.gracious_window_days + 2)
    rule_jobs = Opportunity.objects.filter(owner=user).filter(
        Q(stage__in=[Stage.APPLIED, Stage.FINAL_INTERVIEW, Stage.ON_HOLD])
        | Q(stage=Stage.REJECTED, stage_changed_at__gte=recent_rejection)
        | Q(stage=Stage.REJECTED, people__keep_in_touch=True)
    ).distinct()
    rule_job_ids = rule_jobs.values("id")
    opps = {
        o["id"]: OpportunityInfo(
            id=o["id"], title=o["title"], company=o["company__name"] or "", stage=o["stage"],
            stage_changed_at=o["stage_changed_at"], revisit_on=o["revisit_on"],
        )
        for o in rule_jobs.values(
            "id", "title", "company__name", "stage", "stage_changed_at", "revisit_on"
        )
    }
    per_job = (
        # Through the jobs' ids (opportunity index), not a join from every touch the user has (owner index).
        Interaction.objects.filter(opportunity__in=rule_job_ids)
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
    for row in OpportunityContact.objects.filter(owner=user, opportunity__in=rule_job_ids).values(
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
    # Explicit queries rather than prefetch_related, which skips its query when there are no rows and
    # would make the query count depend on the data.
    recent = {
        i["id"]: i for i in held.filter(starts_at__gte=window_start).values("id", "opportunity_id", "starts_at",
                                                                          "minutes", "format")
    }
    people = {}
    for row in Interview.interviewers.through.objects.filter(
        interview__owner=user, interview__cancelled=False, interview__starts_at__gte=window_start,
        interview__starts_at__lte=now,
    ).values("interview_id", "contact_id"):
        people.setdefault(row["interview_id"], []).append(row["contact_id"])
    for i in recent.values():
        fmt = dict(InterviewFormat.choices).get(i["format"], "").lower()
        data.meetings.append(Meeting(
            key=f"interview:{i['id']}", opportunity_id=i["opportunity_id"],
            ended_at=i["starts_at"] + dt.timedelta(minutes=i["minutes"]), contact_ids=people.get(i["id"], []),
            label=f"{fmt} interview".strip(),
        ))
    meeting_filter = dict(
        owner=user, channel__in=[Channel.IN_PERSON, Channel.VIDEO], opportunity__isnull=False,
        happened_at__gte=window_start, happened_at__lte=now,
    )
    touches = {t["id"]: t for t in Interaction.objects.filter(**meeting_filter).values(
        "id", "opportunity_id", "happened_at", "channel")}
    present = {}
    for row in Participant.objects.filter(**{f"interaction__{k}": v for k, v in meeting_filter.items()}).values(
        "interaction_id", "contact_id"
    ):
        present.setdefault(row["interaction_id"], []).append(row["contact_id"])
    for t in touches.values():
        data.meetings.append(Meeting(
            key=f"touch:{t['id']}", opportunity_id=t["opportunity_id"], ended_at=t["happened_at"],
            contact_ids=present.get(t["id"], []),
            label="meeting" if t["channel"] == Channel.IN_PERSON else "video call",
        ))

    # The contacts any rule looks at: with a cadence, on a job with rules, or in a recent meeting.
    meeting_contacts = {cid for m in data.meetings for cid in m.contact_ids}
    relevant = Contact.objects.filter(owner=user).filter(
        Q(cadence_days__isnull=False) | Q(roles__opportunity__in=rule_job_ids) | Q(id__in=meeting_contacts)
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
            interview__owner=user, interview__cancelled=False, interview__starts_at__lte=now
        )  # no contact__in: SQLite probes the (interview, contact) index once per pair; unneeded rows are skipped below
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
            user_closed = row.closed_note != FULFILLED
            info = data.contacts.get(row.contact_id) if row.rule_key.startswith("touch:") and user_closed else None
            if info and row.closed_at:
                info.last_touch = max(filter(None, [info.last_touch, row.closed_at]))
        elif row.state == State.SNOOZED and row.snoozed_until:
            data.snoozed[row.rule_key] = row.snoozed_until
    return data
