"""`keepwarm demo`: the seed story placed relative to now, every stage and rule on show, idempotent."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Max

from keepwarm.demo.services import get_or_create_demo_user, load_demo, resolve
from keepwarm.followups.services import today_list
from keepwarm.jobs.models import Interview, Opportunity, Stage, StageChange
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Channel, Interaction, Participant

NOW = dt.datetime(2026, 11, 26, 15, 0, tzinfo=ZoneInfo("America/Chicago"))  # a Thursday afternoon


def counts(user):
    return {m.__name__: m.objects.filter(owner=user).count()
            for m in (Contact, Opportunity, StageChange, Interview, Interaction, Participant)}


def dana_last_touch(user):
    dana = Contact.objects.get(owner=user, name="Dana Whitfield")
    return Participant.objects.filter(contact=dana).aggregate(last=Max("happened_at"))["last"]


def test_demo_then_today_three_weeks_after_last_touch_lists_dana_with_her_topics(cli):
    with time_machine.travel(NOW, tick=False):
        result = cli("demo")
        assert result.exit_code == 0, result.output
        assert "created user demo" in result.output
        user = Contact.objects.get(name="Dana Whitfield").owner
        last = dana_last_touch(user).astimezone(ZoneInfo("America/Chicago")).date()
        assert 1 <= (NOW.date() - last).days <= 7  # a few days before now
        on = last + dt.timedelta(days=21)
        result = cli("today", "--on", on.isoformat(), "--json")  # the only user: the CLI acts as demo
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    dana = [i for i in items if i["contact"] == "Dana Whitfield"]
    assert len(dana) == 1
    assert dana[0]["kind"] == "keep_warm" and dana[0]["section"] == "due" and dana[0]["due"] == on.isoformat()
    assert "breeds sugar gliders" in dana[0]["topics"] and "new joeys this spring" in dana[0]["topics"]
    assert "on hold" in dana[0]["reason"] and "Breeder assistant" in dana[0]["opportunity"]


def test_dana_is_not_due_the_day_before(cli):
    with time_machine.travel(NOW, tick=False):
        cli("demo")
        user = Contact.objects.get(name="Dana Whitfield").owner
        on = dana_last_touch(user).astimezone(ZoneInfo("America/Chicago")).date() + dt.timedelta(days=20)
        items = json.loads(cli("today", "--on", on.isoformat(), "--json").output)
    assert [(i["section"], i["kind"]) for i in items if i["contact"] == "Dana Whitfield"] == [("upcoming", "keep_warm")]


def test_the_seed_story_as_recorded(db):
    user, _ = get_or_create_demo_user()
    load_demo(user, NOW)
    dana = Contact.objects.get(owner=user, name="Dana Whitfield")
    assert dana.primary_email == "dana@glidergroveexotics.com"
    assert [p.e164 for p in dana.phones.all()] == ["+13125550142"]
    assert [s.network for s in dana.socials.all()] == ["facebook"]
    job = Opportunity.objects.get(owner=user, title="Breeder assistant")
    assert job.source == "craigslist" and job.stage == Stage.ON_HOLD and "sugar glider" in job.posting_text.lower()
    assert list(job.stage_changes.values_list("to_stage", flat=True)) == [
        "saved", "applied", "interviewing", "shortlisted", "final_interview", "on_hold"]
    assert job.people.get().role == "hiring_manager" and job.people.get().contact == dana
    assert [i.interviewers.get() for i in job.interviews.all()] == [dana, dana]
    channels = set(Interaction.objects.filter(owner=user, contacts=dana).values_list("channel", "network"))
    assert {("email", ""), ("phone", ""), ("social", "facebook")} <= channels
    # The friendly notes after the hiring was put off are about other things, not the job.
    put_off = job.stage_changed_at
    later = Interaction.objects.filter(owner=user, contacts=dana, happened_at__gt=put_off + dt.timedelta(days=1))
    assert later.count() >= 4 and not later.filter(opportunity=job).exists()


def test_every_stage_channel_and_rule_shows_up(db):
    user, _ = get_or_create_demo_user()
    load_demo(user, NOW)
    assert set(Opportunity.objects.filter(owner=user).values_list("stage", flat=True)) == set(Stage.values)
    assert set(Interaction.objects.filter(owner=user).values_list("channel", flat=True)) == set(Channel.values)
    assert set(Interaction.objects.filter(owner=user).values_list("direction", flat=True)) == {"in", "out"}
    now_kinds = {r.kind for r in today_list(user, NOW).all()}
    assert now_kinds == {"follow_up", "ghosted", "thank_you", "check_in", "revisit", "gracious_reply",
                         "keep_in_touch", "custom"}
    later = today_list(user, NOW + dt.timedelta(days=18))
    assert "keep_warm" in {r.kind for r in later.all()}
    scam = Opportunity.objects.get(owner=user, source="craigslist", title__icontains="data entry")
    assert "bank details" in scam.posting_text


def test_today_reasons_now(db):
    user, _ = get_or_create_demo_user()
    load_demo(user, NOW)
    rows = {(r.kind, r.contact.name if r.contact_id else None): r for r in today_list(user, NOW).all()}
    assert rows[("thank_you", "Priya Patel")].effective_due == NOW.date()
    assert rows[("thank_you", "Tom Okafor")].effective_due == NOW.date()
    assert "meeting" in rows[("thank_you", "Chloe Moreau")].reason  # an in-person touch tied to a job
    assert rows[("gracious_reply", "Luis Garcia")].effective_due == NOW.date()
    assert rows[("check_in", "Grace Kim")].effective_due < NOW.date()  # 6 business days after a final interview
    assert rows[("keep_in_touch", "Ben Larsen")].effective_due < NOW.date()  # 30-day cadence lapsed
    assert ("keep_in_touch", "Olga Novak") not in rows  # kept, but her 90 days are far off


def test_loading_twice_adds_nothing(db):
    user, created = get_or_create_demo_user()
    assert created and user.username == "demo"
    first = load_demo(user, NOW)
    assert first["contacts"] == 18 and first["jobs"] >= 12
    before = counts(user)
    second = load_demo(user, NOW + dt.timedelta(days=2))
    assert set(second.values()) == {0}
    assert counts(user) == before
    assert get_or_create_demo_user() == (user, False)


def test_demo_beside_another_user_needs_user_flag(cli, owner):
    with time_machine.travel(NOW, tick=False):
        result = cli("demo")
        assert result.exit_code == 0 and "--user demo" in result.output
        assert cli("demo").output.startswith("the demo is already loaded")
        assert cli("today").exit_code == 2  # ambiguous without --user
        result = cli("--user", "demo", "today", "--json")
    assert result.exit_code == 0 and json.loads(result.output)
    assert not Contact.objects.filter(owner=owner).exists()


@pytest.mark.parametrize("spec, expected", [
    ("-3d 12:20", "2026-11-23 12:20"), ("+4d", "2026-11-30 10:00"), ("-6bd 11:00", "2026-11-18 11:00"),
    ("-3h", "2026-11-26 12:00"),
])
def test_resolve_time_specs(spec, expected):
    tz = ZoneInfo("America/Chicago")
    assert resolve(spec, NOW, tz).astimezone(tz).strftime("%Y-%m-%d %H:%M") == expected


def test_resolve_rejects_bad_spec():
    with pytest.raises(ValueError):
        resolve("three days ago", NOW, ZoneInfo("UTC"))
