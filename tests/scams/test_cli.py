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


@pytest.mark.parametrize("content, field", [
    ("not json\n", "line"),
    ('{"label": 1}\n', "text"),
    ('{"text": "Data entry from home", "label": "maybe"}\n', "label"),
    ('{"text": "Data entry from home", "label": 1}\n', "data"),  # one class only: nothing to learn from
])
def test_retrain_on_bad_data_says_which_line_and_field(cli, tmp_path, content, field, django_user_model):
    django_user_model.objects.create_user("amy")
    path = tmp_path / "train.jsonl"
    path.write_text(content, encoding="utf-8")
    result = cli("scams", "retrain", "--data", str(path))
    assert result.exit_code == 2, result.output
    assert f"{field}:" in result.output and "Traceback" not in result.output


def test_check_of_an_empty_file_is_refused(cli, tmp_path):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    result = cli("check", str(empty))
    assert result.exit_code == 2 and "empty" in result.output
