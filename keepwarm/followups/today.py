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

from django.db import connection

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone
from keepwarm.jobs.models import Opportunity
from keepwarm.lib.dbfuncs import as_date, as_json
from keepwarm.people.models import Company, Contact

from .engine import Rules
from .models import FollowUp, Kind, State

SECTIONS = (("overdue", "Overdue"), ("due", "Due today"), ("upcoming", "Coming up"))
_KIND_LABELS = dict(Kind.choices)


@dataclasses.dataclass
class Item:
    """One line of the Today list as plain values."""

    id: int | None  # None in a look ahead (services.preview_today) for a line not stored yet
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


def _read_sql(state_due: str, span: str, limit: int | None) -> str:
    """One part's rows: the follow-ups of one state in one section, with the names the list shows."""
    f, c, o, co = (m._meta.db_table for m in (FollowUp, Contact, Opportunity, Company))
    return (f"SELECT %s, f.{state_due}, f.id, f.state, f.kind, f.reason, f.topics, f.contact_id, c.name, "
            f"f.opportunity_id, o.title, co.name FROM {f} f "
            f"LEFT JOIN {c} c ON c.id = f.contact_id LEFT JOIN {o} o ON o.id = f.opportunity_id "
            f"LEFT JOIN {co} co ON co.id = o.company_id "
            f"WHERE f.owner_id = %s AND f.state = %s AND {span.format(due='f.' + state_due)} "
            f"ORDER BY f.{state_due}, f.id" + (f" LIMIT {int(limit)}" if limit else ""))


# Each section as a condition on the date a follow-up counts from; %s are today (and the horizon).
_SPANS = {"overdue": "{due} < %s", "due": "{due} = %s", "upcoming": "{due} > %s AND {due} <= %s"}
_STATES = ((State.OPEN, "due_on"), (State.SNOOZED, "snoozed_until"))


def sections(user, now: dt.datetime, limit: int | None = None) -> tuple[dt.date, list[Section]]:
    """(today, [overdue, due today, coming up]); each section's first `limit` items (all with None), ordered by
    date then id, and its total. The engine is not run here: callers refresh first when they need to.

    Two queries whatever the data: one counts the six (section, state) parts, one reads their first rows. They
    are written in SQL: built through the ORM, these eight small selects cost ~10 ms of Python per page, the
    database's work on them ~2 ms."""
    today, horizon = window(user, now)
    day, end = (connection.ops.adapt_datefield_value(d) for d in (today, horizon))
    parts = [(key, state, due) for key, _ in SECTIONS for state, due in _STATES]
    dates = {"overdue": [day], "due": [day], "upcoming": [day, end]}
    counts, count_params = [], []
    for key, state, due in parts:
        counts.append(f"SUM(CASE WHEN state = %s AND {_SPANS[key].format(due=due)} THEN 1 ELSE 0 END)")
        count_params += [state, *dates[key]]
    reads, read_params = [], []
    for n, (key, state, due) in enumerate(parts):
        reads.append(f"SELECT * FROM ({_read_sql(due, _SPANS[key], limit)}) AS part{n}")
        read_params += [n, user.id, state, *dates[key]]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(counts)} FROM {FollowUp._meta.db_table} "
                       f"WHERE owner_id = %s AND state IN (%s, %s)",
                       [*count_params, user.id, State.OPEN, State.SNOOZED])
        totals = [int(n or 0) for n in cursor.fetchone()]
        cursor.execute(" UNION ALL ".join(reads), read_params)
        rows = cursor.fetchall()
    found = {key: [] for key, _ in SECTIONS}
    for row in rows:
        found[parts[row[0]][0]].append(_item(row))
    result = []
    for i, (key, label) in enumerate(SECTIONS):
        # Open and snoozed ones each come sorted; merged, the first `limit` are the section's first.
        items = sorted(found[key], key=lambda it: (it.due, it.id))[:limit]
        result.append(Section(key, label, items, totals[2 * i] + totals[2 * i + 1]))
    return today, result


def _item(row: tuple) -> Item:
    _, due, id_, state, kind, reason, topics, contact_id, contact, opp_id, title, company = row
    return Item(id=id_, due=as_date(due), kind=kind, reason=reason, state=state, topics=list(as_json(topics) or []),
                contact_id=contact_id, contact=contact, opportunity_id=opp_id, opportunity=job_label(title, company))
