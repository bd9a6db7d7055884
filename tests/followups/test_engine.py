"""The keep-in-touch engine as a pure function: plain data and an explicit `now`, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from keepwarm.followups.engine import (
    ContactInfo, EngineInput, Meeting, OpportunityInfo, Person, Rules, due_items,
)
from keepwarm.lib.errors import InputError

TZ = ZoneInfo("America/Chicago")


def at(day, hour=10, minute=0):
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=TZ)


def dana(**kw):
    return ContactInfo(id=1, name="Dana", topics=["breeds sugar gliders"], created_at=at("2026-01-01"), **kw)


def run(data, now):
    return due_items(data, now)


def kinds(items):
    return [(i.kind, i.due.isoformat()) for i in items]


# --- applied and no reply -------------------------------------------------------------------------------
def applied_job(**kw):
    return OpportunityInfo(id=7, title="Assistant", company="Sugar Glider Co.", stage="applied",
                           stage_changed_at=at("2026-11-02"), **kw)


def test_applied_first_follow_up_is_upcoming_then_due_after_seven_days():
    data = EngineInput(tz=TZ, opportunities=[applied_job()])
    assert kinds(run(data, at("2026-11-03"))) == [("follow_up", "2026-11-09")]  # within the 7-day horizon
    assert run(data, at("2026-11-01")) == []  # before applying nothing is due (beyond horizon)
    item = run(data, at("2026-11-09"))[0]
    assert "no reply" in item.reason and item.key.endswith(":1")


def test_applied_second_follow_up_after_one_was_sent():
    data = EngineInput(tz=TZ, opportunities=[applied_job(outbound_since_stage=1, last_out=at("2026-11-09"))])
    assert kinds(run(data, at("2026-11-12"))) == [("follow_up", "2026-11-16")]


def test_applied_second_step_once_first_marked_done():
    data = EngineInput(tz=TZ, opportunities=[applied_job()], closed_keys={"applied:7:2026-11-02:1"})
    assert kinds(run(data, at("2026-11-12"))) == [("follow_up", "2026-11-16")]


def test_applied_suggests_ghosted_after_thirty_days_and_never_twice():
    data = EngineInput(tz=TZ, opportunities=[applied_job()])
    items = run(data, at("2026-12-02"))
    assert kinds(items) == [("ghosted", "2026-12-02")]
    data.closed_keys.add(items[0].key)
    assert run(data, at("2026-12-20")) == []


def test_a_reply_stops_the_application_ladder():
    replied = applied_job(last_in=at("2026-11-05"))
    assert run(EngineInput(tz=TZ, opportunities=[replied]), at("2026-11-20")) == []
    # A reply from one of the job's contacts, in any channel, counts too.
    via_contact = applied_job(people=[Person(1, "recruiter")])
    data = EngineInput(tz=TZ, opportunities=[via_contact], contacts={1: dana(last_in=at("2026-11-06"))})
    assert run(data, at("2026-11-20")) == []


def test_rule_intervals_are_configurable():
    data = EngineInput(tz=TZ, opportunities=[applied_job()], rules=Rules.from_overrides({"applied_first": 3}))
    assert kinds(run(data, at("2026-11-03"))) == [("follow_up", "2026-11-05")]


@pytest.mark.parametrize("overrides", [{"nope": 3}, {"applied_first": -1}, {"applied_first": "7"}])
def test_bad_rule_overrides_are_refused(overrides):
    with pytest.raises(InputError):
        Rules.from_overrides(overrides)


# --- thank-you notes ------------------------------------------------------------------------------------
def interview(ended):
    return Meeting(key="interview:3", opportunity_id=7, ended_at=ended, contact_ids=[1])


def test_thank_you_due_the_day_of_the_interview_with_a_24_hour_deadline():
    data = EngineInput(tz=TZ, contacts={1: dana()}, meetings=[interview(at("2026-11-10", 15))])
    assert run(data, at("2026-11-10", 14)) == []  # not held yet
    item = run(data, at("2026-11-10", 16))[0]
    assert (item.kind, item.due.isoformat(), item.contact_id) == ("thank_you", "2026-11-10", 1)
    assert "Wed 11 Nov 15:00" in item.reason


def test_thank_you_fulfilled_by_any_outbound_touch_after_the_interview():
    data = EngineInput(tz=TZ, contacts={1: dana(last_out=at("2026-11-10", 18))},
                       meetings=[interview(at("2026-11-10", 15))])
    assert run(data, at("2026-11-11")) == []


def test_thank_you_is_dropped_after_the_window():
    data = EngineInput(tz=TZ, contacts={1: dana()}, meetings=[interview(at("2026-11-01", 15))])
    assert run(data, at("2026-11-07")) != []
    assert run(data, at("2026-11-20")) == []


# --- final interview ------------------------------------------------------------------------------------
def test_final_interview_check_in_after_five_business_days():
    opp = OpportunityInfo(id=7, title="Assistant", stage="final_interview", stage_changed_at=at("2026-11-05"),
                          last_interview_end=at("2026-11-06", 11))  # a Friday
    items = run(EngineInput(tz=TZ, opportunities=[opp]), at("2026-11-10"))
    assert kinds(items) == [("check_in", "2026-11-13")]  # Mon..Fri of the next week


def test_final_check_in_not_needed_when_they_were_in_touch_since():
    opp = OpportunityInfo(id=7, title="Assistant", stage="final_interview", stage_changed_at=at("2026-11-05"),
                          last_interview_end=at("2026-11-06", 11), last_in=at("2026-11-09"))
    assert run(EngineInput(tz=TZ, opportunities=[opp]), at("2026-11-14")) == []
    opp.last_in, opp.last_out = None, at("2026-11-10")  # the user already checked in
    assert run(EngineInput(tz=TZ, opportunities=[opp]), at("2026-11-14")) == []


def test_final_check_in_still_due_after_the_thank_you_note():
    opp = OpportunityInfo(id=7, title="Assistant", stage="final_interview", stage_changed_at=at("2026-11-05"),
                          last_interview_end=at("2026-11-06", 11), people=[Person(1, "hiring_manager")])
    data = EngineInput(tz=TZ, opportunities=[opp], contacts={1: dana(last_out=at("2026-11-06", 18))})
    assert kinds(run(data, at("2026-11-13"))) == [("check_in", "2026-11-13")]


# --- on hold: the seed story's lesson ---------------------------------------------------------------------
def on_hold(revisit=None, people=(Person(1, "hiring_manager"),)):
    return OpportunityInfo(id=7, title="Assistant", company="Sugar Glider Co.", stage="on_hold",
                           stage_changed_at=at("2026-01-10"), revisit_on=revisit, people=list(people))


def test_on_hold_keep_warm_every_21_days_with_topics():
    data = EngineInput(tz=TZ, opportunities=[on_hold()], contacts={1: dana(last_touch=at("2026-03-01"))})
    item = run(data, at("2026-03-22"))[0]
    assert (item.kind, item.due.isoformat(), item.contact_id) == ("keep_warm", "2026-03-22", 1)
    assert item.topics == ["breeds sugar gliders"] and "breeds sugar gliders" in item.reason


def test_any_touch_in_any_channel_restarts_the_clock():
    data = EngineInput(tz=TZ, opportunities=[on_hold()], contacts={1: dana(last_touch=at("2026-03-01"))})
    before = run(data, at("2026-03-22"))[0]
    data.contacts[1].last_touch = at("2026-03-20")  # e.g. she sent a Facebook message
    assert run(data, at("2026-03-22")) == []  # nothing due any more
    after = run(data, at("2026-04-10"))[0]
    assert after.key != before.key and after.due.isoformat() == "2026-04-10"


def test_on_hold_never_lapses_by_itself():
    data = EngineInput(tz=TZ, opportunities=[on_hold()], contacts={1: dana(last_touch=at("2026-03-01"))})
    assert run(data, at("2027-09-30"))[0].kind == "keep_warm"  # eighteen months on, still reminding


def test_on_hold_revisit_date_asks_about_the_role_and_keep_warm_goes_on():
    data = EngineInput(tz=TZ, opportunities=[on_hold(revisit=dt.date(2026, 4, 1))],
                       contacts={1: dana(last_touch=at("2026-03-25"))})
    items = run(data, at("2026-04-01"))
    assert ("revisit", "2026-04-01") in kinds(items)
    data.closed_keys.add(next(i.key for i in items if i.kind == "revisit"))
    data.contacts[1].last_touch = at("2026-04-01")
    assert kinds(run(data, at("2026-04-22"))) == [("keep_warm", "2026-04-22")]


def test_on_hold_without_contacts_still_reminds():
    data = EngineInput(tz=TZ, opportunities=[on_hold(people=())])
    item = run(data, at("2026-01-31"))[0]
    assert item.kind == "keep_warm" and item.contact_id is None and "add the person" in item.reason


# --- rejected --------------------------------------------------------------------------------------------
def rejected(**kw):
    return OpportunityInfo(id=7, title="Assistant", stage="rejected", stage_changed_at=at("2026-11-02"),
                           people=[Person(1, "hiring_manager", keep_in_touch=True)], **kw)


def test_rejection_gets_one_gracious_reply_then_a_90_day_keep_in_touch():
    data = EngineInput(tz=TZ, opportunities=[rejected()], contacts={1: dana(last_touch=at("2026-11-02"))})
    items = run(data, at("2026-11-03"))
    assert kinds(items) == [("gracious_reply", "2026-11-03")]
    data.contacts[1].last_out = data.contacts[1].last_touch = at("2026-11-03")  # she wrote back graciously
    assert run(data, at("2026-11-04")) == []
    assert kinds(run(data, at("2027-02-01"))) == [("keep_in_touch", "2027-02-01")]


def test_rejection_keep_in_touch_only_for_contacts_the_user_kept():
    opp = rejected()
    opp.people = [Person(1, "hiring_manager", keep_in_touch=False)]
    data = EngineInput(tz=TZ, opportunities=[opp], contacts={1: dana(last_out=at("2026-11-03"))})
    assert run(data, at("2027-03-01")) == []


# --- per-contact cadence ---------------------------------------------------------------------------------
def test_cadence_due_when_last_touch_plus_cadence_reached():
    data = EngineInput(tz=TZ, contacts={1: dana(cadence_days=30, last_touch=at("2026-10-01"))})
    assert kinds(run(data, at("2026-10-20"))) == []  # due 2026-10-31, beyond the 7-day horizon
    assert kinds(run(data, at("2026-10-31"))) == [("keep_in_touch", "2026-10-31")]


def test_one_reminder_per_contact_even_when_several_rules_apply():
    data = EngineInput(tz=TZ, opportunities=[on_hold()],
                       contacts={1: dana(cadence_days=10, last_touch=at("2026-03-01"))})
    items = run(data, at("2026-03-22"))
    assert len(items) == 1 and items[0].due.isoformat() == "2026-03-11"
    assert "on hold" in items[0].reason and "cadence" in items[0].reason


def test_snoozed_item_moves_to_its_date():
    data = EngineInput(tz=TZ, contacts={1: dana(cadence_days=30, last_touch=at("2026-10-01"))})
    key = run(data, at("2026-10-31"))[0].key
    data.snoozed[key] = dt.date(2026, 11, 20)
    assert run(data, at("2026-10-31")) == []
    assert run(data, at("2026-11-15"))[0].due.isoformat() == "2026-11-20"


def test_days_are_counted_in_the_users_time_zone():
    # 23:30 in Chicago on Nov 9 is already Nov 10 in UTC: the follow-up is still for the 9th.
    data = EngineInput(tz=TZ, opportunities=[applied_job()])
    late = dt.datetime(2026, 11, 10, 5, 30, tzinfo=dt.timezone.utc)
    assert kinds(run(data, late)) == [("follow_up", "2026-11-09")]


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        due_items(EngineInput(tz=TZ), dt.datetime(2026, 1, 1))


def test_a_cadence_too_long_for_the_calendar_means_never_rather_than_a_crash():
    data = EngineInput(tz=TZ, contacts={1: dana(cadence_days=3_000_000, last_touch=at("2026-10-01"))})
    assert run(data, at("2026-12-01")) == []
