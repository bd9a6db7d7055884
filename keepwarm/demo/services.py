"""Load the demo data set (story.py) for a user, through the same services the CLI and web use.

Idempotent: contacts are found by name, jobs by title (an existing job keeps its history, interviews and
touches), touches by their "demo:…" external id, reminders by their reason. Loading twice adds nothing.
"""

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from keepwarm.accounts.services import create_user, profile_of
from keepwarm.followups.models import FollowUp, FollowUpOrigin
from keepwarm.followups.services import add_reminder
from keepwarm.jobs.models import Opportunity
from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
from keepwarm.lib.dates import add_business_days, zone
from keepwarm.people.models import Contact
from keepwarm.people.services import create_contact
from keepwarm.timeline.services import log_interaction, parse_channel

from . import story

DEMO_USER = "demo"
DEMO_ZONE = "America/Chicago"
_SPEC = re.compile(r"^([+-]\d+)(d|bd|h)(?: (\d\d):(\d\d))?$")


def resolve(spec: str, now: dt.datetime, tz) -> dt.datetime:
    """'-80d 09:30' / '-6bd 11:00' / '-3h' / '+4d' → an aware datetime (pure; see story.py)."""
    m = _SPEC.match(spec)
    if not m:
        raise ValueError(f"bad time spec in the demo story: {spec!r}")
    n, unit, hour, minute = int(m[1]), m[2], m[3], m[4]
    if unit == "h":
        return now + dt.timedelta(hours=n)
    today = now.astimezone(tz).date()
    day = add_business_days(today, n) if unit == "bd" else today + dt.timedelta(days=n)
    return dt.datetime.combine(day, dt.time(int(hour or 10), int(minute or 0)), tzinfo=tz)


def get_or_create_demo_user():
    """The user named demo: created (with no web password) when there is none."""
    user = get_user_model().objects.filter(username=DEMO_USER).first()
    return (user, False) if user else (create_user(DEMO_USER, time_zone=DEMO_ZONE), True)


@transaction.atomic
def load_demo(user, now: dt.datetime | None = None) -> dict:
    """Load the seed story and the rest of the demo for `user`, placed relative to `now`.
    Returns how many rows of each kind were added (all zero on a second load)."""
    now = now or timezone.now()
    profile = profile_of(user)
    tz = zone(profile.time_zone)
    added = dict(contacts=0, jobs=0, interviews=0, touches=0, reminders=0)

    people = {}
    for spec in story.CONTACTS:
        contact = Contact.objects.filter(owner=user, name=spec["name"]).first()
        if contact is None:
            contact = create_contact(user, region=profile.phone_region, **spec)
            added["contacts"] += 1
        people[spec["name"]] = contact

    def ids(names):
        return [str(people[n].id) for n in names]

    def touch(spec, job=None):
        channel, network = parse_channel(spec["channel"])
        return log_interaction(
            user, [people[n] for n in spec["with_"]], channel=channel, network=network,
            direction=spec["direction"], summary=spec["summary"], body=spec.get("body", ""),
            happened_at=resolve(spec["at"], now, tz), external_id=f"demo:{spec['id']}",
            opportunity=job if spec.get("job", True) else None,
        )

    existing_ids = _existing_external_ids(user)
    for spec in story.JOBS:
        if Opportunity.objects.filter(owner=user, title=spec["title"]).exists():
            continue
        job = _create_job(user, spec, people, ids, now, tz)
        added["jobs"] += 1
        added["interviews"] += len(spec.get("interviews", ()))
        for t in spec.get("touches", ()):
            if f"demo:{t['id']}" not in existing_ids:
                touch(t, job)
                added["touches"] += 1
    for t in story.TOUCHES:
        if f"demo:{t['id']}" not in existing_ids:
            touch(t)
            added["touches"] += 1
    for r in story.REMINDERS:
        contact = people[r["contact"]]
        if not FollowUp.objects.filter(owner=user, origin=FollowUpOrigin.USER, reason=r["reason"]).exists():
            add_reminder(user, resolve(r["due"], now, tz).date(), r["reason"], contact=contact, now=now)
            added["reminders"] += 1
    return added


def _existing_external_ids(user) -> set[str]:
    from keepwarm.timeline.models import Interaction

    return set(Interaction.objects.filter(owner=user, external_id__startswith="demo:").values_list(
        "external_id", flat=True))


def _create_job(user, spec, people, ids, now, tz) -> Opportunity:
    """A job with its whole stage history (each change at its time), its people and its interviews."""
    first_stage, first_at, *_ = spec["history"][0]
    job = create_opportunity(
        user, spec["title"], company=spec.get("company", ""), source=spec.get("source", "other"),
        source_name=spec.get("source_name", ""), url=spec.get("url", ""), stage=first_stage,
        contacts=[f"{people[name].id}:{role}" for name, role in spec.get("people", ())],
        location=spec.get("location", ""), salary_text=spec.get("salary", ""),
        posting_text=spec.get("posting_text", ""), notes=spec.get("notes", ""), at=resolve(first_at, now, tz),
    )
    for stage, at, *extra in spec["history"][1:]:
        extra = extra[0] if extra else {}
        revisit = resolve(extra["revisit"], now, tz).date() if extra.get("revisit") else None
        change_stage(job, stage, at=resolve(at, now, tz), revisit_on=revisit, note=extra.get("note", ""),
                     keep=ids(extra.get("keep", ())))
    if spec.get("next_step"):
        job.next_step = spec["next_step"]
        job.save(update_fields=["next_step", "updated_at"])
    for iv in spec.get("interviews", ()):
        interview = add_interview(job, resolve(iv["at"], now, tz), minutes=iv.get("minutes", 45),
                                  format=iv.get("format", "video"), where=iv.get("where", ""),
                                  interviewers=ids(iv.get("with_", ())), prep_notes=iv.get("prep", ""))
        if iv.get("outcome"):
            interview.outcome = iv["outcome"]
            interview.save(update_fields=["outcome", "updated_at"])
    return job
