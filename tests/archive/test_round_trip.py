"""Export → import: exact round trips, no duplicates on re-import, and only the owner's data."""

import copy
import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from keepwarm.accounts.services import create_user
from keepwarm.archive.services import export_user, import_user
from keepwarm.demo.services import load_demo
from keepwarm.followups.models import FollowUp
from keepwarm.followups.services import dismiss, mark_done, refresh, snooze, today_list
from keepwarm.jobs.models import Interview, Opportunity, OpportunityContact, StageChange
from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone, SocialProfile
from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction, Participant

NOW = dt.datetime(2026, 11, 26, 15, 0, tzinfo=ZoneInfo("America/Chicago"))
MODELS = (Company, Contact, ContactEmail, ContactPhone, SocialProfile, Opportunity, StageChange, OpportunityContact,
          Interview, Interaction, Participant, FollowUp)


def counts(user):
    return {m.__name__: m.objects.filter(owner=user).count() for m in MODELS}


def without_name(doc):
    doc = copy.deepcopy(doc)
    doc["user"].pop("username")
    return doc


def without_uids(doc):
    doc = copy.deepcopy(doc)
    for job in doc["opportunities"]:
        for interview in job["interviews"]:
            interview.pop("uid")
    return doc


@pytest.fixture
def demo_owner(owner):
    """The demo for amy, with the engine's follow-ups in every state (done, snoozed, dismissed, open)."""
    load_demo(owner, NOW)
    rows = today_list(owner, NOW).all()
    by_kind = {r.kind: r for r in rows}
    mark_done(owner, by_kind["thank_you"].id, now=NOW)
    dismiss(owner, by_kind["ghosted"].id, now=NOW)
    snooze(owner, by_kind["follow_up"].id, NOW.date() + dt.timedelta(days=3), now=NOW)
    refresh(owner, NOW)
    return owner


def test_demo_round_trip_into_a_fresh_user_is_exact(demo_owner):
    first = export_user(demo_owner)
    assert {f["state"] for f in first["followups"]} == {"open", "done", "snoozed", "dismissed"}
    fresh = create_user("restored", time_zone="UTC")
    import_user(fresh, json.loads(json.dumps(first)))
    second = export_user(fresh)
    assert second["user"]["username"] == "restored"
    # Beside the original, interview uids (unique database-wide) are new; everything else is identical.
    assert without_uids(without_name(second)) == without_uids(without_name(first))
    assert counts(fresh) == counts(demo_owner)


def test_restore_on_a_fresh_install_keeps_even_the_calendar_uids(demo_owner):
    first = json.loads(json.dumps(export_user(demo_owner)))
    demo_owner.delete()  # as if on another machine
    fresh = create_user("amy2")
    import_user(fresh, first)
    assert without_name(export_user(fresh)) == without_name(first)


def test_restored_follow_ups_stay_closed_and_the_engine_adds_nothing(demo_owner):
    fresh = create_user("restored", time_zone="UTC")
    import_user(fresh, export_user(demo_owner))
    before = sorted(FollowUp.objects.filter(owner=fresh).values_list("kind", "state", "due_on", "rule_key"))
    refresh(fresh, NOW)
    after = sorted(FollowUp.objects.filter(owner=fresh).values_list("kind", "state", "due_on", "rule_key"))
    assert after == before
    # The rule keys point at the new user's rows, not the old ids.
    dana = Contact.objects.get(owner=fresh, name="Dana Whitfield")
    later = today_list(fresh, NOW + dt.timedelta(days=18)).all()
    assert any(r.kind == "keep_warm" and r.contact_id == dana.id for r in later)


def test_re_import_creates_no_duplicates(demo_owner):
    doc = export_user(demo_owner)
    before = counts(demo_owner)
    summary = import_user(demo_owner, doc)
    assert all(s["created"] == 0 for s in summary.values())
    assert summary["contacts"]["existing"] == before["Contact"]
    assert counts(demo_owner) == before
    fresh = create_user("restored")
    first = import_user(fresh, doc)
    assert first["interactions"]["created"] == before["Interaction"]
    again = import_user(fresh, doc)
    assert all(s["created"] == 0 for s in again.values())
    assert counts(fresh) == before


def test_import_adds_only_what_is_new(demo_owner):
    doc = export_user(demo_owner)
    fresh = create_user("restored")
    partial = copy.deepcopy(doc)
    partial["interactions"] = partial["interactions"][:10]
    partial["followups"] = []
    import_user(fresh, partial)
    summary = import_user(fresh, doc)
    assert summary["interactions"] == {"created": len(doc["interactions"]) - 10, "existing": 10}
    assert without_uids(without_name(export_user(fresh))) == without_uids(without_name(doc))


def test_outsider_data_is_never_exported(demo_owner, outsider):
    create_contact(outsider, "Otto's Secret Contact", company="Outsider Inc.", emails=["secret@outsider.example"])
    load_demo(outsider, NOW)  # same names, other owner
    doc = export_user(demo_owner)
    text = json.dumps(doc)
    assert "Secret Contact" not in text and "Outsider Inc." not in text and "outsider.example" not in text
    assert len(doc["contacts"]) == Contact.objects.filter(owner=demo_owner).count()
    assert len(doc["interactions"]) == Interaction.objects.filter(owner=demo_owner).count()
    assert len(doc["followups"]) == FollowUp.objects.filter(owner=demo_owner).count()


def test_import_never_touches_another_user(demo_owner, outsider):
    before = counts(demo_owner)
    import_user(outsider, export_user(demo_owner))
    assert counts(demo_owner) == before
    assert counts(outsider) == before


def test_same_name_contacts_and_identical_touches_survive(owner):
    a = create_contact(owner, "Sam Smith", emails=["sam1@example.com"])
    b = create_contact(owner, "Sam Smith", emails=["sam2@example.com"])
    Contact.objects.filter(id=b.id).update(created_at=a.created_at)  # same key base: told apart by order
    doc = export_user(owner)
    assert [c["key"] for c in doc["contacts"]][1].endswith("#2")
    fresh = create_user("restored")
    import_user(fresh, doc)
    assert without_name(export_user(fresh)) == without_name(doc)
    assert import_user(fresh, doc)["contacts"] == {"created": 0, "existing": 2}

