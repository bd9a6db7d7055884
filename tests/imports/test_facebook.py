"""`keepwarm import facebook`: Messenger JSON as Facebook writes it (mojibake and all)."""

import json
import zipfile
from pathlib import Path

import pytest

from keepwarm.imports.facebook import fix_text
from keepwarm.people.models import Contact
from keepwarm.people.services import create_contact
from keepwarm.timeline.models import Interaction

FOLDER = Path(__file__).parent / "fixtures" / "facebook"


@pytest.fixture
def export_zip(tmp_path):
    path = tmp_path / "facebook-amyseeker-2026-11-26-abc.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in FOLDER.rglob("*"):
            if file.is_file():
                archive.write(file, file.relative_to(FOLDER).as_posix())
    return path


@pytest.fixture
def jane(owner):
    return create_contact(owner, "Jane Doe", company="Sugar Glider Co.")


def test_mojibake_is_undone():
    assert fix_text("Caf\u00c3\u00a9") == "Café"
    assert fix_text("\u00f0\u009f\u0099\u0082") == "🙂"
    assert fix_text("Café") == "Café"  # already right (not valid UTF-8 underneath): left alone
    assert fix_text("plain") == "plain"


def test_only_people_in_the_search_by_default(owner, cli, jane, export_zip):
    result = cli("import", "facebook", str(export_zip))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("created: 3 messages")
    touches = list(Interaction.objects.filter(owner=owner).order_by("happened_at"))
    assert [t.direction for t in touches] == ["in", "out", "in"]
    assert all(t.network == "facebook" and t.channel == "social" and t.origin == "imported" for t in touches)
    assert touches[0].body == "[photo]"
    assert touches[1].body == "Coffee at the Café Olé was lovely — thanks!"
    assert touches[2].body == "The job is yours if you want it, contact me 🙂"
    assert touches[2].happened_at.isoformat() == "2011-12-11T17:00:00+00:00"  # from timestamp_ms
    assert [c.name for c in touches[2].contacts.all()] == ["Jane Doe"]
    assert not Contact.objects.filter(owner=owner, name="Bob Smith").exists()  # not in the search


def test_reimport_is_a_no_op(owner, cli, jane, export_zip):
    cli("import", "facebook", str(export_zip))
    result = cli("import", "facebook", str(FOLDER))
    assert result.output.strip() == "unchanged: 3 messages"
    assert Interaction.objects.filter(owner=owner).count() == 3


def test_choosing_a_conversation_brings_its_people_in(owner, cli, export_zip):
    result = cli("import", "facebook", str(export_zip), "--conversation", "bob smith")
    assert result.exit_code == 0, result.output
    bob = Contact.objects.get(owner=owner, name="Bob Smith")
    assert bob.how_met == "Facebook conversation"
    assert Interaction.objects.filter(owner=owner, contacts=bob).count() == 1
    assert Interaction.objects.filter(owner=owner).count() == 1  # Jane is not a contact: not brought in
    result = cli("import", "facebook", str(export_zip), "--conversation", "Nobody Here")
    assert result.exit_code == 2 and "conversation: no conversation with this title or person" in result.output


def test_all_conversations(owner, cli):
    result = cli("import", "facebook", str(FOLDER), "--all", "--dry-run")
    assert "dry run — nothing written; created: 4 messages" in result.output
    assert not Contact.objects.exists() and not Interaction.objects.exists()


def test_list_conversations(owner, cli):
    result = cli("import", "facebook", str(FOLDER), "--list")
    assert result.output.splitlines() == ["Bob Smith — 1 messages", "Jane Doe — 3 messages"]


def test_me_is_needed_when_it_cannot_be_found(owner, cli, tmp_path, jane):
    thread = tmp_path / "messages" / "inbox" / "janedoe_1"
    thread.mkdir(parents=True)
    (thread / "message_1.json").write_text(json.dumps({
        "participants": [{"name": "Jane Doe"}, {"name": "Amy Seeker"}],
        "messages": [{"sender_name": "Amy Seeker", "timestamp_ms": 1323540000000, "content": "Hi"}],
        "title": "Jane Doe", "thread_path": "inbox/janedoe_1"}))
    result = cli("import", "facebook", str(tmp_path))
    assert result.exit_code == 2 and "pass --me" in result.output
    result = cli("import", "facebook", str(tmp_path), "--me", "Amy Seeker")
    assert result.exit_code == 0 and Interaction.objects.get().direction == "out"


def test_conversation_split_over_several_files(owner, cli, tmp_path, jane):
    thread = tmp_path / "your_facebook_activity" / "messages" / "inbox" / "janedoe_1"
    thread.mkdir(parents=True)
    for n, stamp in ((1, 1323540000000), (2, 1323450000000)):
        (thread / f"message_{n}.json").write_text(json.dumps({
            "participants": [{"name": "Jane Doe"}, {"name": "Amy Seeker"}],
            "messages": [{"sender_name": "Jane Doe", "timestamp_ms": stamp, "content": f"part {n}"}],
            "title": "Jane Doe"}))
    cli("import", "facebook", str(tmp_path), "--me", "Amy Seeker")
    assert sorted(Interaction.objects.values_list("body", flat=True)) == ["part 1", "part 2"]


def test_bad_message_names_message_and_field(owner, cli, tmp_path, jane):
    thread = tmp_path / "messages" / "inbox" / "janedoe_1"
    thread.mkdir(parents=True)
    (thread / "message_1.json").write_text(json.dumps({
        "participants": [{"name": "Jane Doe"}, {"name": "Amy Seeker"}],
        "messages": [{"sender_name": "Jane Doe", "timestamp_ms": 1323540000000, "content": "ok"},
                     {"sender_name": "Jane Doe", "timestamp_ms": "yesterday", "content": "bad"}],
        "title": "Jane Doe"}))
    result = cli("import", "facebook", str(tmp_path), "--me", "Amy Seeker")
    assert result.exit_code == 2
    assert "message 1 in inbox/janedoe_1: timestamp_ms: missing or not a time in milliseconds" in result.output
    assert not Interaction.objects.exists()
    result = cli("import", "facebook", str(tmp_path), "--me", "Amy Seeker", "--skip-bad")
    assert result.exit_code == 0 and Interaction.objects.count() == 1


def test_html_download_is_explained(owner, cli, tmp_path):
    (tmp_path / "messages" / "inbox" / "janedoe_1").mkdir(parents=True)
    (tmp_path / "messages" / "inbox" / "janedoe_1" / "message_1.html").write_text("<html></html>")
    result = cli("import", "facebook", str(tmp_path))
    assert result.exit_code == 2 and "choose JSON, not HTML" in result.output
