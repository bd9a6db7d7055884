"""LastTouch follows every write to the participants, by database triggers (timeline.0003): after each step below
it equals the newest touch worked out from the participants themselves, on SQLite and on PostgreSQL."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Max

from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction, LastTouch, Participant
from keepwarm.timeline.services import log_interaction


def _kept():
    return dict(LastTouch.objects.values_list("contact_id", "happened_at"))


def _truth():
    return dict(Participant.objects.values("contact_id").annotate(last=Max("happened_at"))
                .values_list("contact_id", "last"))


def _at(day, hour=12):
    return dt.datetime(2026, 11, day, hour, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_last_touch_follows_every_kind_of_write(owner, outsider):
    jane, bob = create_contact(owner, "Jane"), create_contact(owner, "Bob")
    otto = create_contact(outsider, "Otto")
    steps = []

    def check(what):
        steps.append(what)
        assert _kept() == _truth(), f"after: {what}"

    first = log_interaction(owner, [jane, bob], channel="email", summary="hello", happened_at=_at(3))
    check("a touch with two people")
    log_interaction(owner, [jane], channel="phone", summary="earlier call", happened_at=_at(1))
    assert _kept()[jane.id] == _at(3)  # an older touch logged later does not move the clock back
    check("an older touch")
    late = log_interaction(owner, [jane], channel="text", summary="later", happened_at=_at(9))
    log_interaction(outsider, [otto], channel="email", summary="theirs", happened_at=_at(5))
    check("a newer touch, and another owner's")

    Interaction.objects.bulk_create([Interaction(owner=owner, channel="email", happened_at=_at(20), summary="bulk")])
    bulk = Interaction.objects.get(summary="bulk")
    Participant.objects.bulk_create([Participant(owner=owner, interaction=bulk, contact=bob, happened_at=_at(20),
                                                 direction="out")])
    check("bulk inserts")

    late.delete()  # its participants go with it
    assert _kept()[jane.id] == _at(3)
    check("the newest touch deleted")
    Participant.objects.filter(interaction=first).update(happened_at=_at(2))
    check("a touch moved earlier (every participant row updated)")
    Participant.objects.filter(interaction=bulk).update(contact=jane)
    check("a participant moved to another contact")
    Interaction.objects.filter(owner=owner).delete()
    assert jane.id not in _kept() and bob.id not in _kept()
    check("every touch deleted")

    log_interaction(owner, [jane], channel="email", summary="again", happened_at=_at(25))
    jane.delete()
    assert jane.id not in _kept()
    check("a contact deleted")


@pytest.mark.django_db
def test_the_triggers_exist():
    # A migration that rebuilds the participant table (as SQLite's schema editor does for some changes) would drop
    # them without a word: this says so.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'timeline_lasttouch%'")
            expected = {"timeline_lasttouch_ai", "timeline_lasttouch_ad", "timeline_lasttouch_au",
                        "timeline_lasttouch_contact_ad"}
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'timeline_lasttouch%'")
            expected = {"timeline_lasttouch_sync", "timeline_lasttouch_contact_gone"}
        assert {row[0] for row in cursor.fetchall()} == expected
