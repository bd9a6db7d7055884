"""The substring index behind interaction search stays in step with every write (web.0001's triggers)."""

import pytest
from django.db import connection

from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction
from keepwarm.timeline.services import log_interaction
from keepwarm.web.search import search


def _found(user, q):
    return [i.summary for i in search(user, q)["interactions"]]


@pytest.mark.django_db
def test_index_follows_inserts_updates_and_deletes(owner):
    jane = create_contact(owner, "Jane Doe")
    touch = log_interaction(owner, [jane], channel="email", summary="Photos of the new joeys")
    Interaction.objects.bulk_create([Interaction(owner=owner, channel="email", happened_at=touch.happened_at,
                                                 summary="Bulk: sugar glider care sheet")])
    assert _found(owner, "JOEYS") == ["Photos of the new joeys"]
    assert _found(owner, "glider care") == ["Bulk: sugar glider care sheet"]
    touch.summary = "Asked about the 10k race"
    touch.save()
    assert _found(owner, "joeys") == [] and _found(owner, "10k ra") == ["Asked about the 10k race"]
    touch.delete()
    assert _found(owner, "10k ra") == []


@pytest.mark.django_db
def test_odd_characters_are_literal(owner):
    jane = create_contact(owner, "Jane Doe")
    log_interaction(owner, [jane], channel="email", summary='Offer: 50% "remote" _maybe_')
    assert _found(owner, "50%") == ['Offer: 50% "remote" _maybe_']
    assert _found(owner, '"remote"') == ['Offer: 50% "remote" _maybe_']
    assert _found(owner, "5_%") == []


@pytest.mark.django_db
def test_the_index_exists_where_the_database_supports_it():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'web_interaction_fts'")
        else:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'web_interaction_summary_trgm'")
        assert cursor.fetchone() is not None
