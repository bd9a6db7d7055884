"""The CLI as a user types it: each command, its output, and bad input (exit 2, nothing written)."""

import json

import pytest
import time_machine

from keepwarm.jobs.models import Interview, Opportunity, StageChange
from keepwarm.people.models import Contact, ContactPhone
from keepwarm.timeline.models import Interaction


@pytest.fixture
def amy(owner):
    return owner


def test_help_lists_only_keepwarm_commands_each_with_an_example(cli):
    from keepwarm.cli import root

    out = cli("--help").output
    for name in ["add", "today", "log", "stage", "done", "snooze", "serve", "user", "export", "import", "demo"]:
        assert f"  {name}" in out
    assert "migrate" not in out and "runserver" not in out

    def walk(group, path):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, [*path, name])
            else:
                yield [*path, name]

    for path in walk(root, []):
        assert "Example:" in cli(*path, "--help").output, f"`keepwarm {' '.join(path)} --help` has no Example"


def test_add_contact_with_every_way_to_reach_them(cli, amy):
    result = cli("add", "contact", "Jane Doe", "--company", "Sugar Glider Co.", "--role", "Manager",
                 "--email", "Jane@SugarGliders.com", "--email", "jane@gmail.com", "--phone", "mobile=(312) 555-0142",
                 "--social", "facebook:jane.doe", "--social", "linkedin:https://www.linkedin.com/in/janedoe",
                 "--topic", "breeds sugar gliders", "--cadence", "30")
    assert result.exit_code == 0, result.output
    jane = Contact.objects.get(owner=amy, name="Jane Doe")
    assert [e.address for e in jane.emails.all()] == ["jane@sugargliders.com", "jane@gmail.com"]
    assert jane.primary_email == "jane@sugargliders.com"
    assert [(p.label, p.e164) for p in jane.phones.all()] == [("mobile", "+13125550142")]
    assert {(s.network, s.handle) for s in jane.socials.all()} == {("facebook", "jane.doe"), ("linkedin", "janedoe")}
    assert jane.topics == ["breeds sugar gliders"] and jane.cadence_days == 30
    assert jane.company.email_domains == ["sugargliders.com"]  # gmail is not the company's domain


@pytest.mark.parametrize("args, field", [
    (["--phone", "12"], "phone"),
    (["--email", "not-an-email"], "email"),
    (["--social", "myspace:tom"], "network"),
    (["--cadence", "often"], "cadence"),
])
def test_bad_contact_input_exits_2_naming_the_field_and_writes_nothing(cli, amy, args, field):
    result = cli("add", "contact", "Bob", "--company", "NewCo", *args)
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"Error: {field}:")
    assert len(result.output.strip().splitlines()) == 1
    assert not Contact.objects.exists() and not ContactPhone.objects.exists()
    from keepwarm.people.models import Company
    assert not Company.objects.exists()


def test_job_interview_stage_log_today_done(cli, amy):
    cli("add", "contact", "Jane Doe", "--topic", "breeds sugar gliders")
    with time_machine.travel("2026-11-02 15:00Z", tick=False):
        r = cli("add", "job", "Breeder assistant", "--company", "Sugar Glider Co.", "--source", "craigslist",
                "--stage", "applied", "--contact", "Jane Doe:hiring_manager")
        assert r.exit_code == 0, r.output
    opp = Opportunity.objects.get(owner=amy)
    assert (opp.stage, opp.source, opp.company.name) == ("applied", "craigslist", "Sugar Glider Co.")

    with time_machine.travel("2026-11-10 15:00Z", tick=False):
        out = json.loads(cli("today", "--json").output)
        assert [(i["kind"], i["due"], i["section"]) for i in out] == [("follow_up", "2026-11-09", "overdue")]
        assert {"due", "kind", "reason", "contact", "opportunity", "topics"} <= set(out[0])
        r = cli("add", "interview", "Breeder", "--at", "2026-11-12T10:00", "--format", "on-site", "--with", "Jane Doe")
        assert r.exit_code == 0, r.output
        assert Interview.objects.get().starts_at.isoformat() == "2026-11-12T16:00:00+00:00"  # 10:00 in Chicago
        assert cli("stage", "Breeder", "interviewing").exit_code == 0

    with time_machine.travel("2026-11-12 18:00Z", tick=False):
        out = json.loads(cli("today", "--json").output)
        thanks = [i for i in out if i["kind"] == "thank_you"]
        assert len(thanks) == 1 and thanks[0]["contact"] == "Jane Doe"
        r = cli("log", "--contact", "Jane Doe", "--channel", "email", "--summary", "Thank you!", "--job", "Breeder")
        assert r.exit_code == 0, r.output
        assert not [i for i in json.loads(cli("today", "--json").output) if i["kind"] == "thank_you"]

    with time_machine.travel("2026-11-20 15:00Z", tick=False):
        r = cli("stage", "Breeder", "on_hold", "--revisit", "2027-02-01")
        assert r.exit_code == 0 and "revisit 2027-02-01" in r.output
    assert [s.to_stage for s in StageChange.objects.filter(opportunity=opp)] == [
        "applied", "interviewing", "on_hold"]

    out = json.loads(cli("today", "--on", "2026-12-11", "--json").output)
    warm = [i for i in out if i["kind"] == "keep_warm"]
    assert warm and warm[0]["contact"] == "Jane Doe" and warm[0]["topics"] == ["breeds sugar gliders"]
    assert warm[0]["due"] == "2026-12-11"  # 21 days after the on-hold change, her last touch
    assert warm[0]["id"] is None  # a look ahead stores nothing: there is nothing to mark done before that day

    with time_machine.travel("2026-12-11 15:00Z", tick=False):
        warm = [i for i in json.loads(cli("today", "--json").output) if i["kind"] == "keep_warm"]
        r = cli("done", str(warm[0]["id"]))
        assert r.exit_code == 0, r.output
        out = json.loads(cli("today", "--json").output)
        assert not [i for i in out if i["kind"] == "keep_warm"]
    # Done counts as a touch: the next keep-warm reminder comes a full cycle later, it never lapses.
    later = json.loads(cli("today", "--on", "2027-01-01", "--json").output)
    assert [i["kind"] for i in later if i["contact"] == "Jane Doe"] == ["keep_warm"]


def test_today_on_another_date_changes_nothing(cli, amy):
    """A look ahead past a thank-you note's window must not close the note as fulfilled (it used to)."""
    from keepwarm.followups.models import FollowUp

    with time_machine.travel("2026-11-20 15:00Z", tick=False):
        cli("add", "contact", "Jane Doe", "--company", "Sugar Glider Co.", "--cadence", "14")
        cli("add", "job", "Breeder assistant", "--company", "Sugar Glider Co.", "--stage", "applied",
            "--contact", "Jane Doe:hiring_manager")
        cli("add", "interview", "Breeder assistant", "--at", "2026-11-19T14:00", "--with", "Jane Doe")
        before = json.loads(cli("today", "--json").output)
        stored = sorted(FollowUp.objects.filter(owner=amy).values_list("id", "state", "due_on", "closed_at"))
        assert before and stored
        ahead = json.loads(cli("today", "--on", "2027-03-01", "--json").output)
        assert ahead and {i["due"] for i in ahead} != {i["due"] for i in before}
        assert sorted(FollowUp.objects.filter(owner=amy).values_list("id", "state", "due_on", "closed_at")) == stored
        assert json.loads(cli("today", "--json").output) == before


def test_snooze_moves_a_follow_up(cli, amy):
    cli("add", "contact", "Jane Doe", "--cadence", "7")
    with time_machine.travel("2030-01-01 15:00Z", tick=False):
        item = json.loads(cli("today", "--json").output)[0]
        assert cli("snooze", str(item["id"]), "--until", "2030-01-05").exit_code == 0
        assert json.loads(cli("today", "--json").output)[0]["due"] == "2030-01-05"
        bad = cli("snooze", str(item["id"]), "--until", "2029-12-01")
        assert bad.exit_code == 2 and "until" in bad.output


@pytest.mark.parametrize("args, field", [
    (["log", "--contact", "Nobody", "--channel", "email", "--summary", "x"], "contact"),
    (["log", "--contact", "Jane Doe", "--channel", "pigeon", "--summary", "x"], "channel"),
    (["log", "--contact", "Jane Doe", "--channel", "email", "--summary", "x", "--when", "yesterday"], "when"),
    (["log", "--contact", "Jane Doe", "--channel", "email", "--summary", "x", "--direction", "up"], "direction"),
    (["log", "--contact", "Jane Doe", "--channel", "email", "--summary", "x", "--job", "Astronaut"], "job"),
    (["stage", "Breeder", "promoted"], "stage"),
    (["stage", "Breeder", "applied", "--revisit", "2027-01-01"], "revisit"),
    (["stage", "Breeder", "on_hold", "--revisit", "next spring"], "revisit"),
    (["add", "interview", "Breeder", "--at", "soon"], "at"),
    (["add", "interview", "Breeder", "--at", "2026-12-01T10:00", "--format", "telepathy"], "format"),
    (["add", "job", "X", "--company", "Y", "--stage", "dreaming"], "stage"),
    (["add", "job", "X", "--company", "Y", "--contact", "Nobody:recruiter"], "contact"),
    (["done", "99999"], "id"),
    (["today", "--on", "31/12/2026"], "on"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(cli, amy, args, field):
    cli("add", "contact", "Jane Doe")
    cli("add", "job", "Breeder assistant", "--company", "Sugar Glider Co.")
    counts = (Interaction.objects.count(), StageChange.objects.count(), Opportunity.objects.count(),
              Interview.objects.count())
    result = cli(*args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {field}:"), result.output
    assert counts == (Interaction.objects.count(), StageChange.objects.count(), Opportunity.objects.count(),
                      Interview.objects.count())


def test_user_selection(cli, db):
    assert cli("today").exit_code == 2  # no user yet: says how to make one
    assert cli("user", "create", "amy", "--no-password").exit_code == 0
    assert cli("today").exit_code == 0  # the only user
    assert cli("user", "create", "bob", "--no-password").exit_code == 0
    ambiguous = cli("today")
    assert ambiguous.exit_code == 2 and "--user" in ambiguous.output
    assert cli("--user", "bob", "add", "contact", "Zed").exit_code == 0
    assert Contact.objects.get(name="Zed").owner.username == "bob"
    assert cli("--user", "nobody", "today").exit_code == 2
    assert "amy" in cli("user", "list").output
    assert cli("user", "create", "amy", "--no-password").exit_code == 2
    assert cli("user", "create", "tim", "--no-password", "--time-zone", "Mars/Olympus").exit_code == 2


def test_ambiguous_contact_names_are_refused(cli, amy):
    cli("add", "contact", "Jane Doe")
    cli("add", "contact", "Jane Smith")
    result = cli("log", "--contact", "Jane", "--channel", "phone", "--summary", "x")
    assert result.exit_code == 2 and "several contacts" in result.output
    assert cli("log", "--contact", "jane doe", "--channel", "phone", "--summary", "x").exit_code == 0


def test_remind_and_dismiss(cli, amy):
    cli("add", "contact", "Dana")
    r = cli("remind", "Ask Dana about the expo", "--on", "2030-01-03", "--contact", "Dana")
    assert r.exit_code == 0, r.output
    with time_machine.travel("2030-01-03 15:00Z", tick=False):
        out = json.loads(cli("today", "--json").output)
        assert [(i["kind"], i["reason"], i["section"]) for i in out] == [("custom", "Ask Dana about the expo", "due")]
        assert cli("dismiss", str(out[0]["id"])).exit_code == 0
        assert json.loads(cli("today", "--json").output) == []
    assert cli("remind", "x", "--on", "soon").exit_code == 2
    assert cli("remind", " ", "--on", "2030-01-01").exit_code == 2


@pytest.mark.parametrize("args, field", [
    (["add", "contact", "Big Cad", "--cadence", "3000000"], "cadence"),
    (["add", "contact", "Huge", "--cadence", "99999999999999999999"], "cadence"),
    (["today", "--on", "9999-12-31"], "on"),
    (["remind", "x", "--on", "5000-01-01"], "on"),
])
def test_numbers_and_dates_past_what_the_calendar_holds_are_refused(cli, amy, args, field):
    """They used to be stored and then crash Today (OverflowError) on the command line and the web."""
    result = cli(*args)
    assert result.exit_code == 2 and f"{field}:" in result.output, result.output
    assert cli("today").exit_code == 0


def test_an_interview_longer_than_a_day_is_refused(cli, amy):
    cli("add", "job", "Chef", "--company", "Bistro")
    result = cli("add", "interview", "Chef", "--at", "2026-12-01T10:00", "--minutes", "9999999999")
    assert result.exit_code == 2 and "minutes:" in result.output
    assert not Interview.objects.filter(owner=amy).exists()


def test_a_closed_follow_up_is_not_snoozed_done_or_dismissed_again(cli, amy):
    from keepwarm.followups.models import FollowUp

    cli("add", "contact", "Jane Doe", "--cadence", "7")
    with time_machine.travel("2030-01-01 15:00Z", tick=False):
        item = json.loads(cli("today", "--json").output)[0]
        assert cli("done", str(item["id"])).exit_code == 0
        for args in (["snooze", str(item["id"]), "--until", "2030-01-09"], ["done", str(item["id"])],
                     ["dismiss", str(item["id"])]):
            result = cli(*args)
            assert result.exit_code == 2 and "already done" in result.output, (args, result.output)
    assert FollowUp.objects.get(id=item["id"]).state == "done"


def test_log_says_the_day_in_the_users_zone(cli, amy):
    """At 23:50 in Chicago it is already tomorrow in UTC; the echo must name the day Today counts."""
    amy.profile.time_zone = "America/Chicago"
    amy.profile.save()
    cli("add", "contact", "Jane Doe")
    with time_machine.travel("2026-11-27 05:50Z", tick=False):  # 23:50 on the 26th in Chicago
        out = cli("log", "--contact", "Jane Doe", "--channel", "phone", "--summary", "called").output
    assert "2026-11-26 23:50" in out and "2026-11-27" not in out


def test_two_contacts_with_one_name_are_told_apart_by_the_ids_the_error_lists(cli, amy):
    cli("add", "contact", "Jane Doe", "--company", "Sugar Glider Co.")
    cli("add", "contact", "Jane Doe", "--company", "Acme")
    first, second = Contact.objects.filter(owner=amy, name="Jane Doe").order_by("id")
    result = cli("log", "--contact", "Jane Doe", "--channel", "phone", "--summary", "called")
    assert result.exit_code == 2
    assert f"{first.id} Jane Doe (Sugar Glider Co.)" in result.output
    assert f"{second.id} Jane Doe (Acme)" in result.output
    assert cli("log", "--contact", str(second.id), "--channel", "phone", "--summary", "called").exit_code == 0
