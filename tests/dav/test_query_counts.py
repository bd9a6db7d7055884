"""Exports and pushes build every card and event each time: their query counts must not grow with the data."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from keepwarm.dav.cards import gather_cards
from keepwarm.dav.events import gather_items
from keepwarm.followups.services import add_reminder
from keepwarm.jobs.services import add_interview, create_opportunity
from keepwarm.people.services import create_contact


def count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def grow(owner, n, offset):
    now = timezone.now()
    for i in range(n):
        name = f"Person {offset + i}"
        create_contact(owner, name, company=f"Co {i}", emails=[f"p{offset + i}@co{i}.example"],
                       phones=[f"+1 312 555 {1000 + offset + i:04d}"], socials=[f"github:p{offset + i}"])
        opp = create_opportunity(owner, f"Job {offset + i}", company=f"Co {i}", contacts=[f"{name}:recruiter"])
        add_interview(opp, now + dt.timedelta(days=i + 1), interviewers=[name])
        add_reminder(owner, (now + dt.timedelta(days=i)).date(), "ping", contact=None, opportunity=opp)


def test_card_and_event_queries_do_not_grow(owner):
    grow(owner, 2, 0)
    now = timezone.now()
    gather_cards(owner)  # the first call makes the user's DavProfile (UID namespace): not part of the count
    small = (count(lambda: gather_cards(owner)), count(lambda: gather_items(owner, now)))
    grow(owner, 25, 100)
    assert len(gather_cards(owner)) == 27 and len(gather_items(owner, now)) == 54
    assert (count(lambda: gather_cards(owner)), count(lambda: gather_items(owner, now))) == small
