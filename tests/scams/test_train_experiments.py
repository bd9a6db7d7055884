"""bench/scam_experiments.py: refuses what it must not read, and its structure features mean what they say."""

import json

from bench import scam_experiments as exp


def test_missing_data_is_said_and_nothing_measured(tmp_path, capsys):
    assert exp.main([str(tmp_path / "job_scams_validation.jsonl")]) == 2
    assert "validation data not found" in capsys.readouterr().err


def test_the_test_split_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "job_scams_test.jsonl"
    path.write_text(json.dumps({"text": "x", "label": 0}) + "\n")
    assert exp.main([str(path)]) == 2
    assert "refusing job_scams_test.jsonl" in capsys.readouterr().err


def test_structure_features_find_pay_lures_and_company_text():
    lure = dict(zip(exp.NAMES, exp.structure("EARN $400 per day from home! No experience required.")))
    company = dict(zip(exp.NAMES, exp.structure("About us: we are a leading firm. Requirements: a degree.")))
    assert lure["money_any"] == lure["pay_per_period_any"] == lure["home_any"] == lure["earn_any"] == 1.0
    assert lure["no_experience_any"] == lure["exclaim_any"] == 1.0
    assert lure["about_company_any"] == lure["requirements_any"] == 0.0
    assert company["about_company_any"] == company["requirements_any"] == company["degree_any"] == 1.0
    assert company["money_any"] == company["earn_any"] == 0.0
    assert len(exp.structure("")) == len(exp.NAMES)
