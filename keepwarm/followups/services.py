"""Keep stored follow-ups in step with the engine, and the user's actions on them (done, snooze, dismiss)."""

import dataclasses
import datetime as dt
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError

from . import today
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
    # Plain values, not model objects: a long search has thousands of these rows and only a few change.
    rows = [SimpleNamespace(**r) for r in FollowUp.objects.filter(owner=user, origin=FollowUpOrigin.RULE).values(
        "id", "rule_key", "state", "snoozed_until", "closed_at", "closed_note", *REFRESHED)]
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
            changed.append(FollowUp(id=row.id, **fields))
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


def _sections(today: dt.date, rows, due_of) -> TodayList:
    result = TodayList(today, [], [], [])
    for row in sorted(rows, key=lambda r: (due_of(r), r.id)):
        due = due_of(row)
        (result.overdue if due < today else result.due if due == today else result.upcoming).append(row)
    return result


def _window(user, now):
    """(today, the open/snoozed follow-ups due up to the horizon) in the user's zone."""
    day, horizon = today.window(user, now)
    rows = FollowUp.objects.filter(owner=user).filter(
        Q(state=State.OPEN, due_on__lte=horizon) | Q(state=State.SNOOZED, snoozed_until__lte=horizon)
    )
    return day, rows


def today_list(user, now: dt.datetime | None = None, *, refresh_first: bool = True) -> TodayList:
    """Overdue, due today and coming up (rules.upcoming_days ahead), as FollowUp rows, in the user's zone."""
    now = now or timezone.now()
    if refresh_first:
        refresh(user, now)
    day, rows = _window(user, now)
    rows = rows.select_related("contact", "opportunity", "opportunity__company")
    return _sections(day, rows, lambda r: r.effective_due)


def today_items(user, now: dt.datetime | None = None) -> TodayList:
    """The same list as today_list, as plain Items (the CLI and the digest): a heavy user has over a thousand
    lines, and building four model objects per line cost more than the engine itself."""
    now = now or timezone.now()
    refresh(user, now)
    day, parts = today.sections(user, now)
    return TodayList(day, *(part.items for part in parts))


def preview_today(user, now: dt.datetime) -> TodayList:
    """Today as it will look (or looked) at `now`, storing nothing.

    The engine runs inside a transaction that is rolled back: stored follow-ups the engine would no longer produce
    at that date would otherwise be closed as fulfilled, and a look ahead must never close a real reminder. Lines
    not stored yet have no id (None): there is nothing to mark done until that day comes."""
    with transaction.atomic():
        result = today_items(user, now)
        transaction.set_rollback(True)
    ids = [item.id for item in result.all()]
    stored = set(FollowUp.objects.filter(owner=user, id__in=ids).values_list("id", flat=True))
    keep = lambda rows: [r if r.id in stored else dataclasses.replace(r, id=None) for r in rows]  # noqa: E731
    return TodayList(result.today, keep(result.overdue), keep(result.due), keep(result.upcoming))


def as_dict(item: today.Item) -> dict:
    return {
        "id": item.id, "due": item.due.isoformat(), "kind": item.kind, "reason": item.reason, "state": item.state,
        "contact": item.contact, "contact_id": item.contact_id, "opportunity": item.opportunity,
        "opportunity_id": item.opportunity_id, "topics": item.topics,
    }


def _get(user, followup_id) -> FollowUp:
    row = FollowUp.objects.filter(owner=user, id=followup_id).first()
    if row is None:
        raise InputError("id", followup_id, "no such follow-up")
    return row


def _get_open(user, followup_id) -> FollowUp:
    """An open or snoozed follow-up: one already done or dismissed is not snoozed, re-done or dismissed again."""
    row = _get(user, followup_id)
    if row.state not in OPEN_STATES:
        raise InputError("id", followup_id, f"this follow-up is already {row.get_state_display().lower()}")
    return row


def mark_done(user, followup_id, now=None, note="done", *, quietly=False) -> FollowUp:
    """Close as done. `quietly`: one already closed is left as it is (a touch logged or a mail sent from a
    follow-up may have closed it already); otherwise that is the user's mistake, an InputError."""
    row = _get(user, followup_id) if quietly else _get_open(user, followup_id)
    if row.state not in OPEN_STATES:
        return row
    row.state, row.closed_at, row.closed_note, row.snoozed_until = State.DONE, now or timezone.now(), note, None
    row.save(update_fields=["state", "closed_at", "closed_note", "snoozed_until"])
    return row


def dismiss(user, followup_id, now=None) -> FollowUp:
    row = _get_open(user, followup_id)
    row.state, row.closed_at, row.closed_note = State.DISMISSED, now or timezone.now(), "dismissed"
    row.save(update_fields=["state", "closed_at", "closed_note"])
    return row


def snooze(user, followup_id, until: dt.date, now=None) -> FollowUp:
    row = _get_open(user, followup_id)
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
