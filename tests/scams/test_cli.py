import json

import pytest

from tests.scams.test_checks import LEGIT_POSTING, SCAM_POSTING, raw_mail


@pytest.mark.django_db
def test_check_json_shape_and_exit_zero_for_a_scam(cli, tmp_path):
    f = tmp_path / "posting.html"
    f.write_text(SCAM_POSTING)
    res = cli("check", str(f), "--json")
    assert res.exit_code == 0
    out = json.loads(res.output)
    assert set(out) >= {"verdict", "score", "reasons"} and out["verdict"] == "likely scam"
    assert 0 <= out["score"] <= 1
    assert all({"flag", "evidence", "source"} <= set(r) for r in out["reasons"])


@pytest.mark.django_db
def test_check_reads_stdin_and_detects_a_raw_email(cli):
    mail = raw_mail("HR <hr@rnicrosoft-careers.com>", "Offer", "You have been hired as our remote assistant.")
    res = cli("check", "--json", input=mail)
    assert res.exit_code == 0
    assert "lookalike_domain" in {r["flag"] for r in json.loads(res.output)["reasons"]}


@pytest.mark.django_db
def test_check_exit_zero_without_red_flags_and_plain_output(cli, tmp_path):
    f = tmp_path / "p.txt"
    f.write_text(LEGIT_POSTING)
    res = cli("check", str(f), "--kind", "posting")
    assert res.exit_code == 0
    assert res.output.startswith("no red flags found")
    assert "does not mean it is safe" in res.output


@pytest.mark.django_db
def test_check_missing_file_is_bad_input(cli, tmp_path):
    from click.testing import CliRunner

    from keepwarm import cli as cli_module

    res = CliRunner().invoke(cli_module.root, ["check", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2


@pytest.mark.django_db
def test_every_scams_command_help_ends_with_example(cli):
    for args in (["check"], ["scams"], ["scams", "retrain"], ["scams", "mark"]):
        out = cli(*args, "--help").output
        description = out.split("Options:")[0].split("Commands:")[0].strip()
        assert description.splitlines()[-1].strip().startswith("Example: keepwarm "), args
