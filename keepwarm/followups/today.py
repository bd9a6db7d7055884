"""The Today list — overdue, due today, coming up — as plain values, each section counted and cut by the database.

One reader for every place that shows the list: the web page (15 lines a section, "show all" lifts it), the CLI
and the mail digest (everything). A heavy user has well over a thousand open reminders; loading them all as model
objects and sorting them in Python cost more than the page's whole time budget, so the database counts each
section and returns only the lines shown.

A follow-up counts from its due date, or from its snooze date while snoozed. Open and snoozed ones are read
apart, each along the (owner, state, due_on) index: one CASE expression over both (or window functions that
number each section's rows) made SQLite sort every open reminder, ten times slower.
"""

import dataclasses
import datetime as dt
import heapq

from django.db.models import Count, Q

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone

from .engine import Rules
from .models import FollowUp, Kind, State

SECTIONS = (("overdue", "Overdue"), ("due", "Due today"), ("upcoming", "Coming up"))
_FIELDS = ("id", "due_on", "snoozed_until", "state", "kind", "reason", "topics", "contact_id", "contact__name",
           "opportunity_id", "opportunity__title", "opportunity__company__name")
_KIND_LABELS = dict(Kind.choices)


@dataclasses.dataclass
class Item:
    """One line of the Today list as plain values."""

    id: int
    due: dt.date
    kind: str
    reason: str
    state: str
    topics: list
    contact_id: int | None
    contact: str | None
    opportunity_id: int | None
    opportunity: str | None

    @property
    def kind_label(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)


@dataclasses.dataclass
class Section:
    key: str
    label: str
    items: list
    total: int


def window(user, now: dt.datetime) -> tuple[dt.date, dt.date]:
    """(today, the last day "coming up" reaches) in the user's time zone."""
    profile = profile_of(user)
    today = now.astimezone(zone(profile.time_zone)).date()
    return today, today + dt.timedelta(days=Rules.from_overrides(profile.rules).upcoming_days)


def job_label(title, company):
    # The same words as str(Opportunity).
    if title is None:
        return None
    return f"{title} at {company}" if company else title


def _item(r: dict, due_field: str) -> Item:
    return Item(id=r["id"], due=r[due_field], kind=r["kind"], reason=r["reason"], state=r["state"],
                topics=list(r["topics"] or []), contact_id=r["contact_id"], contact=r["contact__name"],
                opportunity_id=r["opportunity_id"],
                opportunity=job_label(r["opportunity__title"], r["opportunity__company__name"]))


def sections(user, now: dt.datetime, limit: int | None = None) -> tuple[dt.date, list[Section]]:
    """(today, [overdue, due today, coming up]); each section's first `limit` items (all with None), ordered by
    date then id, and its total. The engine is not run here: callers refresh first when they need to."""
    today, horizon = window(user, now)
    mine = FollowUp.objects.filter(owner=user)
    parts = [(mine.filter(state=State.OPEN), "due_on"),
             (mine.filter(state=State.SNOOZED, snoozed_until__isnull=False), "snoozed_until")]
    spans = {"overdue": lambda f: Q(**{f"{f}__lt": today}),
             "due": lambda f: Q(**{f: today}),
             "upcoming": lambda f: Q(**{f"{f}__gt": today, f"{f}__lte": horizon})}
    counted = [qs.aggregate(**{key: Count("id", filter=where(field)) for key, where in spans.items()})
               for qs, field in parts]
    result = []
    for key, label in SECTIONS:
        runs = []
        for qs, field in parts:  # read even when empty: the page's query count stays the same whatever the data
            rows = qs.filter(spans[key](field)).order_by(field, "id").values(*_FIELDS)
            runs.append([_item(r, field) for r in (rows[:limit] if limit else rows)])
        items = list(heapq.merge(*runs, key=lambda i: (i.due, i.id)))[:limit]
        result.append(Section(key, label, items, sum(totals[key] for totals in counted)))
    return today, result
