"""Who is calling: any common writing of the number finds the contact, with the job context."""

import datetime as dt
import json

import pytest
import time_machine

from keepwarm.accounts.services import profile_of
from keepwarm.dav.lookup import number_candidates, who
from keepwarm.lib.errors import InputError
from keepwarm.people.services import create_contact
from keepwarm.timeline.services import log_interaction

WRITINGS = ["(312) 555-0142", "312.555.0142", "312 555 0142", "+1 312 555 0142", "1-312-555-0142",
            "+13125550142", "011 1 312 555 0142", "001-312-555-0142", "tel:+1-312-555-0142", "312-555-0142 ext. 7"]


@pytest.mark.parametrize("raw", WRITINGS)
def test_every_common_writing_finds_jane(story, owner, raw):
    (match,) = who(owner, raw)
    assert match.name == "Jane Doe" and match.number == "+13125550142" and match.label == "mobile"


def test_candidates_are_pure_and_region_aware():
    assert number_candidates("020 7946 0958", "GB") == ["+442079460958"]
    assert number_candidates("020 7946 0958", "US") == []
    assert number_candidates("0044 20 7946 0958", "US") == ["+442079460958"]


def test_national_writing_of_a_foreign_number_matches_by_its_end(story, owner):
    profile = profile_of(owner)
    profile.phone_region = "GB"
    profile.save()
    (match,) = who(owner, "(312) 555-0142")  # not a GB number, but its digits end Jane's
    assert match.name == "Jane Doe"


def test_short_or_unknown_numbers(story, owner):
    assert who(owner, "+1 415 555 0100") == []
    assert [m.name for m in who(owner, "555-0142")] == ["Jane Doe"]  # a local seven-digit writing: by its end
    assert who(owner, "55-0142") == []  # six digits would match strangers
    with pytest.raises(InputError):
        who(owner, "12")


def test_never_finds_another_users_contact(story, outsider):
    assert who(outsider, "312 555 0142") == []


@time_machine.travel(dt.datetime(2011, 12, 12, 10, tzinfo=dt.timezone.utc), tick=False)
def test_cli_prints_company_job_stage_and_last_touch(story, owner, cli):
    log_interaction(owner, [story["jane"]], channel="social", network="facebook", direction="in",
                    summary="Sent photos of the new joeys", happened_at=dt.datetime(2011, 12, 11, 15, tzinfo=dt.timezone.utc))
    result = cli("who", "(312) 555-0142")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Jane Doe, Manager — Sugar Glider Co.",
        "  number: +13125550142 (mobile)",
        "  job: Breeder assistant at Sugar Glider Co. — On hold (hiring manager)",
        "  last touch: 2011-12-11 (social message)",
    ]
    data = json.loads(cli("who", "3125550142", "--json").output)
    assert data[0]["jobs"][0]["stage"] == "On hold"


def test_cli_unknown_number(story, cli):
    result = cli("who", "+1 415 555 0100")
    assert result.exit_code == 1 and "no contact has the number" in result.output


def test_two_contacts_sharing_a_switchboard(story, owner):
    create_contact(owner, "Pat Recruiter", company="Sugar Glider Co.", phones=["work=+1 312 555 0142"])
    assert [m.name for m in who(owner, "312-555-0142")] == ["Jane Doe", "Pat Recruiter"]


def test_query_count_does_not_grow_with_matches(story, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            found = who(owner, "312 555 0142")
        return len(ctx.captured_queries), len(found)

    one = count()
    for i in range(5):
        contact = create_contact(owner, f"Switchboard {i}", phones=["+1 312 555 0142"])
        log_interaction(owner, [contact], channel="phone", summary="called")
    many = count()
    assert (one[1], many[1]) == (1, 6) and one[0] == many[0]
