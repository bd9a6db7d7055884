"""Keep stored follow-ups in step with the engine, and the user's actions on them (done, snooze, dismiss)."""

import dataclasses
import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError

from .engine import due_items
from .gather import gather
from .models import FULFILLED, FollowUp, FollowUpOrigin, State

OPEN_STATES = [State.OPEN, State.SNOOZED]
# The fields of a rule follow-up that follow the engine's answer while it is open.
REFRESHED = ["due_on", "kind", "reason", "topics", "contact_id", "opportunity_id"]


@transaction.atomic
def refresh(user, now: dt.datetime) -> None:
    """Run the engine and store its answer.

    1. New keys become open follow-ups; open ones get the engine's current date and reason.
    2. Open rule follow-ups the engine no longer produces were fulfilled (a touch changed their key,
       the job moved on): they are closed as done, so the same reminder never shows twice.
    """
    rows = list(FollowUp.objects.filter(owner=user, origin=FollowUpOrigin.RULE).only(
        "id", "rule_key", "state", "snoozed_until", "closed_at", "closed_note", *REFRESHED))
    by_key = {r.rule_key: r for r in rows}
    items = due_items(gather(user, now, rows), now)
    produced = set()
    new, changed = [], []
    for item in items:
        produced.add(item.key)
        row = by_key.get(item.key)
        fields = dict(due_on=item.due,
                      kind=item.kind, reason=item.reason, topics=item.topics, contact_id=item.contact_id,
                      opportunity_id=item.opportunity_id)
        if row is None:
            new.append(FollowUp(owner=user, origin=FollowUpOrigin.RULE, rule_key=item.key, created_at=now, **fields))
        elif row.state == State.OPEN and any(getattr(row, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(row, k, v)
            changed.append(row)
    # ignore_conflicts: a web request and the worker may refresh the same user at once; the unique
    # (owner, rule_key) constraint keeps one row, and the loser simply finds it next time.
    FollowUp.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    FollowUp.objects.bulk_update(changed, REFRESHED, batch_size=500)
    stale = [r.id for r in rows if r.state in OPEN_STATES and r.rule_key not in produced]
    for start in range(0, len(stale), 500):
        FollowUp.objects.filter(id__in=stale[start:start + 500]).update(
            state=State.DONE, closed_at=now, closed_note=FULFILLED, snoozed_until=None
        )


@dataclasses.dataclass
class TodayList:
    today: dt.date
    overdue: list
    due: list
    upcoming: list

    def all(self):
        return [*self.overdue, *self.due, *self.upcoming]


def today_list(user, now: dt.datetime | None = None, *, refresh_first: bool = True) -> TodayList:
    """Overdue, due today and coming up (rules.upcoming_days ahead), in the user's time zone."""
    now = now or timezone.now()
    if refresh_first:
        refresh(user, now)
    profile = profile_of(user)
    today = now.astimezone(zone(profile.time_zone)).date()
    from .engine import Rules

    horizon = today + dt.timedelta(days=Rules.from_overrides(profile.rules).upcoming_days)
    rows = (
        FollowUp.objects.filter(owner=user)
        .filter(Q(state=State.OPEN, due_on__lte=horizon) | Q(state=State.SNOOZED, snoozed_until__lte=horizon))
        .select_related("contact", "opportunity", "opportunity__company")
        .order_by("due_on", "id")
    )
    result = TodayList(today, [], [], [])
    for row in sorted(rows, key=lambda r: (r.effective_due, r.id)):
        due = row.effective_due
        (result.overdue if due < today else result.due if due == today else result.upcoming).append(row)
    return result


def as_dict(row: FollowUp) -> dict:
    return {
        "id": row.id,
        "due": row.effective_due.isoformat(),
        "kind": row.kind,
        "reason": row.reason,
        "state": row.state,
        "contact": row.contact.name if row.contact_id else None,
        "contact_id": row.contact_id,
        "opportunity": str(row.opportunity) if row.opportunity_id else None,
        "opportunity_id": row.opportunity_id,
        "topics": list(row.topics or []),
    }


def _get(user, followup_id) -> FollowUp:
    row = FollowUp.objects.filter(owner=user, id=followup_id).first()
    if row is None:
        raise InputError("id", followup_id, "no such follow-up")
    return row


def mark_done(user, followup_id, now=None, note="done") -> FollowUp:
    row = _get(user, followup_id)
    row.state, row.closed_at, row.closed_note, row.snoozed_until = State.DONE, now or timezone.now(), note, None
    row.save(update_fields=["state", "closed_at", "closed_note", "snoozed_until"])
    return row


def dismiss(user, followup_id, now=None) -> FollowUp:
    row = _get(user, followup_id)
    row.state, row.closed_at, row.closed_note = State.DISMISSED, now or timezone.now(), "dismissed"
    row.save(update_fields=["state", "closed_at", "closed_note"])
    return row


def snooze(user, followup_id, until: dt.date, now=None) -> FollowUp:
    row = _get(user, followup_id)
    now = now or timezone.now()
    if until <= now.astimezone(zone(profile_of(user).time_zone)).date():
        raise InputError("until", until.isoformat(), "a snooze date must be in the future")
    row.state, row.snoozed_until = State.SNOOZED, until
    row.save(update_fields=["state", "snoozed_until"])
    return row


def add_reminder(user, due_on: dt.date, reason: str, *, contact=None, opportunity=None, now=None) -> FollowUp:
    if not reason.strip():
        raise InputError("reason", reason, "a reminder needs a reason")
    return FollowUp.objects.create(owner=user, due_on=due_on, reason=reason, contact=contact, opportunity=opportunity,
                                   origin=FollowUpOrigin.USER, created_at=now or timezone.now())


def fulfil_for_touch(user, contact_ids, at: dt.datetime, opportunity_id=None) -> int:
    """A touch fulfils the user's own open reminders about those contacts (or that job) made before it.
    Rule-made reminders follow on the next refresh, since a touch changes their keys."""
    match = Q(contact_id__in=contact_ids)
    if opportunity_id:
        match |= Q(opportunity_id=opportunity_id, contact__isnull=True)
    return FollowUp.objects.filter(match, owner=user, origin=FollowUpOrigin.USER, state__in=OPEN_STATES,
                                   created_at__lte=at).update(state=State.DONE, closed_at=at, closed_note="touched")
