"""The merged timeline of the contact and opportunity pages (web/timeline.py reads it in SQL): every kind of
event with its exact words, newest first, only the owner's, for a contact and for a job alike."""

import pytest
import time_machine

from keepwarm.followups import services as followups
from keepwarm.followups.models import FollowUp
from keepwarm.jobs.services import add_interview, change_stage, create_opportunity
from keepwarm.people.services import create_contact
from keepwarm.timeline.services import log_interaction
from keepwarm.web import timeline
from tests.conftest import aware


@pytest.fixture
def story(owner, outsider):
    with time_machine.travel(aware(2026, 11, 1, 10, tz="UTC"), tick=False):
        jane = create_contact(owner, "Jane Doe", company="Sugar Glider Co.")
        bob = create_contact(owner, "Bob Able")
        opp = create_opportunity(owner, "Breeder assistant", company="Sugar Glider Co.", stage="applied",
                                 contacts=[f"{jane.id}:hiring_manager"])
        other = create_contact(outsider, "Jane Doe")
        log_interaction(outsider, [other], channel="email", summary="Not amy's")
    with time_machine.travel(aware(2026, 11, 3, 10, tz="UTC"), tick=False):
        log_interaction(owner, [jane, bob], channel="social", network="facebook", direction="in",
                        summary="Photos of the joeys", body="Two of them", opportunity=opp)
    with time_machine.travel(aware(2026, 11, 5, 10, tz="UTC"), tick=False):
        change_stage(opp, "on_hold", revisit_on=aware(2026, 12, 1).date(), note="hiring put off")
        add_interview(opp, aware(2026, 11, 6, 14, tz="UTC"), format="on-site", interviewers=[str(jane.id)],
                      where="The barn")
    for day, note in ((7, "sent a card"), (8, None)):
        row = FollowUp.objects.create(owner=owner, contact=jane, opportunity=opp, due_on=aware(2026, 11, day).date(),
                                      kind="thank_you", reason="r", created_at=aware(2026, 11, 1))
        when = aware(2026, 11, day, 9, tz="UTC")
        if note:
            followups.mark_done(owner, row.id, now=when, note=note)
        else:
            followups.dismiss(owner, row.id, now=when)
    return opp, jane


def _events(events):
    return [(e["at"].isoformat(), e["kind"], e["title"], e["details"], e["link_label"]) for e in events]


@pytest.mark.django_db
def test_a_contacts_timeline_has_every_kind_in_words_newest_first(story):
    opp, jane = story
    label = "Breeder assistant at Sugar Glider Co."
    assert _events(timeline.for_contact(jane)) == [
        ("2026-11-08T09:00:00+00:00", "followup", "Thank-you note: dismissed", "", ""),
        ("2026-11-07T09:00:00+00:00", "followup", "Thank-you note: done", "sent a card", ""),
        ("2026-11-06T14:00:00+00:00", "interview", "On site interview with Jane Doe", "The barn", label),
        ("2026-11-05T10:00:00+00:00", "stage", "Moved from Applied to On hold",
         "revisit on 2026-12-01 · hiring put off", label),
        ("2026-11-03T10:00:00+00:00", "touch", "Social message (Facebook) from Bob Able, Jane Doe",
         "Photos of the joeys", label),
        ("2026-11-01T10:00:00+00:00", "stage", "Added as Applied", "", label),
    ]


@pytest.mark.django_db
def test_an_opportunitys_timeline_has_the_same_events(story):
    opp, jane = story
    assert _events(timeline.for_opportunity(opp)) == _events(timeline.for_contact(jane))


@pytest.mark.django_db
def test_each_kind_is_capped_at_the_newest(story, owner):
    opp, jane = story
    for i in range(3):
        with time_machine.travel(aware(2026, 11, 20 + i, tz="UTC"), tick=False):
            log_interaction(owner, [jane], channel="phone", summary=f"call {i}")
    touches = timeline.interactions(timeline.Scope(owner.id, contact_id=jane.id), limit=2)
    assert [e["details"] for e in touches] == ["call 2", "call 1"]
    jobs = timeline.interactions(timeline.Scope(owner.id, opportunity_id=opp.id), limit=2)
    assert [e["details"] for e in jobs] == ["Photos of the joeys"]
