"""Recording, feedback that sticks to the sender or posting, the worker step and the user's own model."""

import gzip
import json
import os

import pytest

from keepwarm.scams import model as model_mod
from keepwarm.scams.models import ScamCheck, ScamFeedback
from keepwarm.scams.services import (check_and_record_interaction, check_and_record_opportunity, check_for_user,
                                     mark, retrain)
from keepwarm.scams.steps import check_unchecked


@pytest.mark.django_db
def test_opportunity_check_is_recorded_and_rechecking_updates_one_row(owner, make_opportunity):
    opp = make_opportunity(owner)
    first = check_and_record_opportunity(opp)
    assert first.verdict == "likely scam" and first.reasons and first.owner == owner
    check_and_record_opportunity(opp)
    assert ScamCheck.objects.filter(opportunity=opp).count() == 1


@pytest.mark.django_db
def test_not_a_scam_on_a_sender_is_respected_for_their_next_message(owner, make_message):
    first = make_message(owner)
    assert check_and_record_interaction(first).verdict == "likely scam"
    mark(owner, "not_scam", interaction=first)
    assert ScamCheck.objects.get(interaction=first).verdict == "no red flags found"
    second = make_message(owner, body="Another one: interview on Telegram, earn $500 per day, 2 hours a day.")
    again = check_and_record_interaction(second)
    assert again.verdict == "no red flags found" and "not a scam" in again.note


@pytest.mark.django_db
def test_feedback_is_per_user(owner, outsider, make_message):
    mark(owner, "not_scam", interaction=make_message(owner))
    assert check_and_record_interaction(make_message(outsider)).verdict == "likely scam"


@pytest.mark.django_db
def test_not_a_scam_on_a_posting_is_respected_when_pasted_again(owner, make_opportunity):
    opp = make_opportunity(owner)
    mark(owner, "not_scam", opportunity=opp)
    assert check_for_user(owner, opp.posting_text, kind="posting").verdict == "no red flags found"
    assert check_for_user(None, opp.posting_text, kind="posting").verdict == "likely scam"


@pytest.mark.django_db
def test_marking_scam_flags_the_sender_from_then_on(owner, make_message):
    inter = make_message(owner, body="Hello, are you free for a quick call about the analyst role?",
                         sender="someone@example.org")
    assert check_and_record_interaction(inter).verdict == "no red flags found"
    mark(owner, "scam", interaction=inter)
    row = ScamCheck.objects.get(interaction=inter)
    assert row.verdict == "likely scam" and row.reasons[0]["flag"] == "marked_scam_by_you"
    assert ScamFeedback.objects.get(owner=owner).key == "someone@example.org"


@pytest.mark.django_db
def test_company_domain_feeds_the_check(owner, company, make_opportunity):
    opp = make_opportunity(owner, text="Apply at https://careers.sugarg1iderco.com/apply for the analyst job.",
                           company=company)
    row = check_and_record_opportunity(opp)
    assert "lookalike_domain" in {r["flag"] for r in row.reasons}


@pytest.mark.django_db
def test_worker_step_checks_unchecked_rows_once(owner, make_opportunity, make_message):
    opp, inter = make_opportunity(owner), make_message(owner)
    make_opportunity(owner, text="")  # nothing to check
    check_unchecked(None)
    assert ScamCheck.objects.filter(opportunity=opp).exists() and ScamCheck.objects.filter(interaction=inter).exists()
    assert ScamCheck.objects.count() == 2
    check_unchecked(None)
    assert ScamCheck.objects.count() == 2


@pytest.mark.django_db
def test_retrain_writes_the_users_model_atomically_and_it_is_used(owner, make_opportunity, settings, tmp_path,
                                                                    monkeypatch):
    settings.DATA_DIR = tmp_path
    text = ("Greetings from the Zyqlorp Foundation. Kindly assist our Zyqlorp donors by becoming a regional "
            "coordinator; the Zyqlorp grant team will contact you.")
    opp = make_opportunity(owner, text=text)
    before = model_mod.model_for_user(owner.pk).score(text).similarity
    mark(owner, "scam", opportunity=opp)
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append((str(a), str(b))), real_replace(a, b)))
    path = retrain(owner, log=lambda *_: None)
    assert path == tmp_path / "scams" / f"posting_model-user{owner.pk}.json.gz" and path.exists()
    assert replaced and replaced[0][1] == str(path) and replaced[0][0] != str(path)
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    with gzip.open(path, "rt") as f:
        assert json.load(f)["meta"]["feedback"] == 1
    after = model_mod.model_for_user(owner.pk).score(text).similarity
    assert after > 0.99 > before


@pytest.mark.django_db
def test_retrain_command(cli, owner, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    res = cli("scams", "retrain")
    assert res.exit_code == 0 and "wrote" in res.output
    assert (tmp_path / "scams" / f"posting_model-user{owner.pk}.json.gz").exists()


@pytest.mark.django_db
def test_mark_command_and_outsider_rows_are_invisible(cli, owner, outsider, make_opportunity):
    mine = make_opportunity(owner)
    theirs = make_opportunity(outsider)
    assert cli("--user", "amy", "scams", "mark", "not_scam", "--opportunity", str(mine.pk)).exit_code == 0
    from click.testing import CliRunner

    from keepwarm import cli as cli_module

    res = CliRunner().invoke(cli_module.root, ["--user", "amy", "scams", "mark", "scam", "--opportunity",
                                               str(theirs.pk)])
    assert res.exit_code == 2 and not ScamFeedback.objects.filter(opportunity=theirs).exists()
