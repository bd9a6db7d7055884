"""A bad archive is refused with one line naming the record and the field; nothing is written."""

import copy
import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from keepwarm.archive.services import export_user, import_user
from keepwarm.demo.services import load_demo
from keepwarm.lib.errors import InputError
from tests.archive.test_round_trip import MODELS, counts

NOW = dt.datetime(2026, 11, 26, 15, 0, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture(scope="module")
def doc(django_db_setup, django_db_blocker):
    """One demo export, made once (in a transaction rolled back afterwards)."""
    from django.db import transaction

    from keepwarm.accounts.services import create_user

    with django_db_blocker.unblock():
        with transaction.atomic():
            user = create_user("source", time_zone="America/Chicago")
            load_demo(user, NOW)
            data = json.loads(json.dumps(export_user(user)))
            transaction.set_rollback(True)
    return data


def last(doc, section, name):
    """Index and record of the last record in a section that has `name` set: errors late in the file."""
    for i in range(len(doc[section]) - 1, -1, -1):
        if doc[section][i].get(name):
            return i, doc[section][i]
    raise AssertionError(f"no {section} record with {name}")


def corrupt_phone(d):
    i, rec = last(d, "contacts", "phones")
    rec["phones"][0]["e164"] = "12"
    return f"contacts[{i}] {rec['name']!r} phones[0]: phone:"


def corrupt_channel(d):
    i, rec = last(d, "interactions", "summary")
    rec["channel"] = "pigeon"
    return f"interactions[{i}]"


def corrupt_date(d):
    i, rec = last(d, "opportunities", "stage_history")
    rec["stage_history"][-1]["at"] = "yesterday"
    return f"opportunities[{i}] {rec['title']!r} stage_history[{len(rec['stage_history']) - 1}]: at:"


def corrupt_ref(d):
    i, rec = last(d, "interactions", "participants")
    rec["participants"] = ["nobody we know"]
    return f"interactions[{i}]"


def corrupt_stage(d):
    d["opportunities"][-1]["stage"] = "maybe"
    return "opportunities[" + str(len(d["opportunities"]) - 1) + "]"


def corrupt_email(d):
    i, rec = last(d, "contacts", "emails")
    rec["emails"][0]["address"] = "not-an-email"
    return f"contacts[{i}] {rec['name']!r} emails[0]: email:"


def corrupt_followup_state(d):
    d["followups"][-1]["state"] = "forgotten"
    return f"followups[{len(d['followups']) - 1}]"


def corrupt_version(d):
    d["version"] = 99
    return "archive: version:"


def duplicate_contact(d):
    d["contacts"].append(copy.deepcopy(d["contacts"][0]))
    return f"contacts[{len(d['contacts']) - 1}]"


CASES = [corrupt_phone, corrupt_channel, corrupt_date, corrupt_ref, corrupt_stage, corrupt_email,
         corrupt_followup_state, corrupt_version, duplicate_contact]


@pytest.mark.parametrize("corrupt", CASES, ids=[c.__name__ for c in CASES])
def test_bad_record_is_named_and_nothing_is_written(doc, owner, corrupt):
    bad = copy.deepcopy(doc)
    where = corrupt(bad)
    with pytest.raises(InputError) as err:
        import_user(owner, bad)
    assert str(err.value).startswith(where) and "\n" not in str(err.value)
    assert set(counts(owner).values()) == {0}


@pytest.mark.parametrize("corrupt", [corrupt_phone, corrupt_ref, corrupt_version], ids=lambda c: c.__name__)
def test_cli_import_of_a_bad_file_exits_2_with_one_line(doc, owner, cli, tmp_path, corrupt):
    bad = copy.deepcopy(doc)
    where = corrupt(bad)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = cli("import", "json", str(path))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and where in lines[0]
    assert set(counts(owner).values()) == {0}


def test_cli_import_of_a_file_that_is_not_json(owner, cli, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text('{"format": "keepwarm", "version": 1, "contacts": [')
    result = cli("import", "json", str(path))
    assert result.exit_code == 2 and "json" in result.output and len(result.output.strip().splitlines()) == 1
    result = cli("import", "json", str(tmp_path / "missing.json"))
    assert result.exit_code == 2 and "file" in result.output


def test_a_valid_first_half_is_not_written_when_the_second_half_is_bad(doc, owner):
    """Validation runs before writing, and writing is one transaction: nothing at all lands."""
    bad = copy.deepcopy(doc)
    bad["followups"][-1]["due_on"] = "2026-02-30"
    with pytest.raises(InputError):
        import_user(owner, bad)
    assert all(m.objects.filter(owner=owner).count() == 0 for m in MODELS)


def test_a_conflict_found_only_while_writing_rolls_everything_back(doc, owner, monkeypatch):
    from django.db import IntegrityError

    import keepwarm.archive.services as services
    from keepwarm.archive.registry import Section
    from keepwarm.archive.sections import followups

    def boom(clean, ctx):
        raise IntegrityError("UNIQUE constraint failed: something\nmore detail")

    failing = Section("followups", followups.export_followups, followups.validate_followups, boom)
    real = services.sections
    monkeypatch.setattr(services, "sections", lambda: [*real()[:-1], failing])
    with pytest.raises(InputError) as err:
        import_user(owner, doc)
    assert "conflicts" in str(err.value) and "\n" not in str(err.value)
    assert set(counts(owner).values()) == {0}
