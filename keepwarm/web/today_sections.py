"""Today's three sections, each limited in the database.

`followups.services.today_list` loads every open follow-up up to the horizon and sorts them in Python; with
thousands open (a long backlog, or 20,000 contacts) that alone costs more than the page's time budget. This
reads the same rows with the same rules — state open and due by the horizon, or snoozed until then; a snoozed
one counts from its snooze date — but lets the database count each section and return only its first rows.
tests/web/test_today_sections.py checks that both agree.
"""

import dataclasses
import datetime as dt

from django.db.models import Case, Count, DateField, F, Q, When

from keepwarm.accounts.services import profile_of
from keepwarm.followups.engine import Rules
from keepwarm.followups.models import FollowUp, State
from keepwarm.lib.dates import zone


@dataclasses.dataclass
class Section:
    key: str
    label: str
    rows: list
    total: int


def sections(user, now: dt.datetime, limit: int | None) -> tuple[dt.date, list[Section]]:
    profile = profile_of(user)
    today = now.astimezone(zone(profile.time_zone)).date()
    horizon = today + dt.timedelta(days=Rules.from_overrides(profile.rules).upcoming_days)
    qs = (
        FollowUp.objects.filter(owner=user)
        .filter(Q(state=State.OPEN, due_on__lte=horizon) | Q(state=State.SNOOZED, snoozed_until__lte=horizon))
        .annotate(effective=Case(When(state=State.SNOOZED, snoozed_until__isnull=False, then=F("snoozed_until")),
                                 default=F("due_on"), output_field=DateField()))
    )
    spans = [("overdue", "Overdue", Q(effective__lt=today)), ("due", "Due today", Q(effective=today)),
             ("upcoming", "Coming up", Q(effective__gt=today))]
    totals = qs.aggregate(**{key: Count("id", filter=where) for key, _, where in spans})
    result = []
    for key, label, where in spans:
        rows = qs.filter(where).select_related("contact", "opportunity", "opportunity__company").order_by(
            "effective", "id")
        rows = list(rows[:limit] if limit else rows) if totals[key] else []
        result.append(Section(key, label, rows, totals[key]))
    return today, result
