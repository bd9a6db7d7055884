"""Every figure of the dashboard on a small hand-built search whose answers are worked out by hand (sample.py)."""

import datetime as dt

import pytest
import time_machine

from keepwarm.insights import stats
from keepwarm.insights.models import TouchWeeks
from keepwarm.timeline.models import Interaction
from keepwarm.timeline.services import log_interaction

from .sample import NOW, at, build


@pytest.fixture
def sample(owner):
    with time_machine.travel(NOW, tick=False):
        return build(owner)


def weeks(series, key="count"):
    return {w["label"]: w[key] for w in series}


def test_applications_per_local_iso_week(owner, sample):
    data = stats.compute(owner, NOW)
    assert data["applications"]["total"] == 5
    # IT support was applied for on Sunday 21:00 in Chicago — Monday in UTC — so it is week 47, not 48.
    assert weeks(data["applications"]["per_week"]) == {"2026-W45": 1, "2026-W46": 1, "2026-W47": 1, "2026-W48": 2}
    assert data["applications"]["per_week"][0]["week"] == "2026-11-02"


def test_funnel_counts_each_step_reached_and_conversion(owner, sample):
    funnel = stats.compute(owner, NOW)["funnel"]
    assert [(s["step"], s["count"], s["conversion"]) for s in funnel] == [
        ("applied", 5, None), ("interviewing", 2, 40.0), ("final_interview", 2, 100.0), ("offer", 1, 50.0),
        ("hired", 1, 100.0)]


def test_response_rate_by_source_and_median_wait(owner, sample):
    data = stats.compute(owner, NOW)
    by_source = {s["source"]: (s["applications"], s["responded"], s["response_rate"]) for s in data["sources"]}
    # Jane answered J1 (she is its hiring manager) a day later; Bob's touch on J2 before applying does not count.
    assert by_source == {"craigslist": (2, 1, 50.0), "job_board": (2, 1, 50.0), "referral": (1, 0, 0.0)}
    assert data["response"] == {"applications": 5, "responded": 2, "rate": 40.0,
                                "median_days": round((23 / 24 + 3) / 2, 1)}
    assert data["scam_checks"] in (True, False)


def test_jobs_by_stage(owner, sample):
    counts = {s["stage"]: s["count"] for s in stats.compute(owner, NOW)["by_stage"] if s["count"]}
    assert counts == {"saved": 1, "applied": 2, "on_hold": 1, "rejected": 1, "hired": 1, "withdrawn": 1}


def test_touches_per_week_by_direction_and_channel(owner, sample):
    t = stats.compute(owner, NOW)["touches"]
    assert (t["out"], t["in"]) == (4, 5)
    assert [(w["label"], w["out"], w["in"]) for w in t["per_week"]] == [
        ("2026-W43", 1, 0), ("2026-W44", 0, 1), ("2026-W45", 0, 2), ("2026-W46", 0, 1), ("2026-W47", 0, 1),
        ("2026-W48", 3, 0)]
    channels = {c["channel"]: (c["out"], c["in"]) for c in t["by_channel"] if c["out"] or c["in"]}
    assert channels == {"email": (1, 3), "phone": (2, 1), "text": (0, 1), "social": (1, 0)}


def test_cold_contacts_interviews_and_streak(owner, sample):
    data = stats.compute(owner, NOW)
    cold = data["cold_contacts"]
    # Dana: 14-day cadence, never touched since 1 Oct. Eve: on an active job, last touch 20 Oct (> 30 days).
    # Gail was last met at the 13 Nov interview, Finn touched 25 days ago: neither is cold.
    assert cold["count"] == 2
    assert [(c["name"], c["days"], c["threshold"]) for c in cold["coldest"]] == [
        ("Dana Quiet", 56, 14), ("Eve Interviewer", 37, 30)]
    assert data["interviews"] == {"held": 2, "upcoming": 1}
    assert data["streak"] == {"days": 3, "today_counted": True}


def test_streak_before_todays_first_touch_runs_to_yesterday(owner, sample):
    early = at(11, 26, 7)  # before today's 08:00 Facebook message
    assert stats.streak(owner, NOW.tzinfo, early) == {"days": 2, "today_counted": False}
    assert stats.streak(owner, NOW.tzinfo, at(11, 28, 9))["days"] == 0  # the 27th had no outbound touch


def test_since_a_wednesday_counts_only_from_that_day(owner, sample):
    data = stats.compute(owner, NOW, since=dt.date(2026, 11, 11))
    assert data["applications"]["total"] == 3
    assert weeks(data["applications"]["per_week"]) == {"2026-W46": 0, "2026-W47": 1, "2026-W48": 2}
    assert [(s["step"], s["count"]) for s in data["funnel"]] == [
        ("applied", 3), ("interviewing", 1), ("final_interview", 1), ("offer", 1), ("hired", 1)]
    assert data["response"] == {"applications": 3, "responded": 0, "rate": 0.0, "median_days": None}
    # The first, partial week counts Bob's call of Thursday 12 Nov but not his mail of Sunday 8 Nov.
    assert [(w["label"], w["out"], w["in"]) for w in data["touches"]["per_week"]] == [
        ("2026-W46", 0, 1), ("2026-W47", 0, 1), ("2026-W48", 3, 0)]
    assert {s["stage"]: s["count"] for s in data["by_stage"] if s["count"]} == {"applied": 2, "hired": 1}
    assert data["interviews"] == {"held": 1, "upcoming": 1}


def test_cached_past_weeks_follow_new_edited_and_deleted_touches(owner, sample):
    def per_week():
        return {w["label"]: (w["out"], w["in"]) for w in stats.compute(owner, NOW)["touches"]["per_week"]}

    assert per_week()["2026-W46"] == (0, 1)
    assert TouchWeeks.objects.get(owner=owner).until == dt.date(2026, 11, 23)
    call = Interaction.objects.get(owner=owner, summary="phone in 11-12")
    call.summary = "Bob called back"
    call.save()  # a summary changes no figure: the cached counts stay
    assert TouchWeeks.objects.filter(owner=owner).exists()
    call.direction = "out"
    call.save()  # an edit of a counted field: the signal moves it between the stored counts
    assert per_week()["2026-W46"] == (1, 0)
    call.happened_at = at(11, 3)  # moved back a week (and, being outbound now, onto the streak's days)
    call.save()
    assert per_week()["2026-W45"] == (1, 2) and per_week()["2026-W46"] == (0, 0)
    assert at(11, 3).date().isoformat() in TouchWeeks.objects.get(owner=owner).out_days
    call.direction = "in"
    call.save()
    assert at(11, 3).date().isoformat() not in TouchWeeks.objects.get(owner=owner).out_days
    adjusted = stats.compute(owner, NOW)
    TouchWeeks.objects.filter(owner=owner).delete()
    assert stats.compute(owner, NOW) == adjusted  # the same as counting everything again
    call.happened_at = at(11, 12, 9)
    call.direction = "out"
    call.save()
    log_interaction(owner, [sample["carl"]], channel="email", direction="in", happened_at=at(10, 21))
    assert per_week()["2026-W43"] == (1, 1)  # a back-dated touch changes the fingerprint
    Interaction.objects.filter(owner=owner, summary="text in 11-01").delete()
    assert per_week()["2026-W44"] == (0, 0)
    # A week later the cache covers one more week and the figures stay the same.
    later = stats.compute(owner, NOW + dt.timedelta(days=7))["touches"]["per_week"]
    assert [(w["label"], w["out"], w["in"]) for w in later][-2:] == [("2026-W48", 3, 0), ("2026-W49", 0, 0)]
    assert TouchWeeks.objects.get(owner=owner).until == dt.date(2026, 11, 30)


def test_nothing_yet_gives_zeros_not_errors(owner):
    data = stats.compute(owner, NOW)
    assert data["applications"]["total"] == 0 and data["response"]["median_days"] is None
    assert data["touches"]["per_week"] == [] or all(w["out"] == w["in"] == 0 for w in data["touches"]["per_week"])
    assert data["streak"] == {"days": 0, "today_counted": False}
    assert data["cold_contacts"] == {"count": 0, "coldest": []}


def test_other_users_data_never_counts(owner, outsider, sample):
    with time_machine.travel(NOW, tick=False):
        build(outsider)
    mine = stats.compute(owner, NOW)
    assert mine["applications"]["total"] == 5 and mine["touches"]["out"] == 4


def test_scam_share_by_source_uses_each_jobs_latest_check(owner, sample):
    from keepwarm.jobs.models import Opportunity
    from keepwarm.scams.models import ScamCheck, Verdict

    def check(title, verdict):
        ScamCheck.objects.create(owner=owner, opportunity=Opportunity.objects.get(owner=owner, title=title),
                                 verdict=verdict, score=0.5, checked_at=NOW)

    check("Warehouse associate", Verdict.LIKELY_SCAM)  # craigslist (withdrawn: still a job from that source)
    check("IT support", Verdict.NO_FLAGS)  # craigslist
    check("Help desk analyst", Verdict.SUSPICIOUS)  # job board: suspicious is not judged a scam
    data = stats.compute(owner, NOW)
    assert data["scam_checks"] is True
    shares = {s["source"]: (s["checked"], s["scams"], s["scam_share"]) for s in data["sources"]}
    assert shares == {"craigslist": (2, 1, 50.0), "job_board": (1, 0, 0.0), "referral": (0, 0, None)}
