"""`keepwarm import mbox` / `import eml`: streaming, idempotent, resumable, never stopped by bad mail."""

import email
import mailbox

import pytest

from keepwarm.mail.importer import BATCH, import_mbox
from keepwarm.mail.mbox import split_mbox
from keepwarm.mail.models import ContactSuggestion, ProcessedMessage
from keepwarm.timeline.models import Interaction

from .conftest import make_message


def write_mbox(path, messages):
    with open(path, "wb") as fh:
        for raw in messages:
            fh.write(b"From MAILER-DAEMON Fri Nov 20 15:00:00 2026\n")
            fh.write(raw.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From "))
            fh.write(b"\n\n")
    return path


def takeout(n_noise=5):
    msgs = [
        make_message("Jane Doe <jane@sugargliderco.com>", "amy@gmail.com", "Interview Friday",
                     "From the team: see you Friday.\n", message_id="<a1@sugargliderco.com>",
                     headers={"X-Gmail-Labels": "Inbox,Important", "X-GM-THRID": "1700000000000001"}),
        make_message("amy@gmail.com", "jane@sugargliderco.com", "Re: Interview Friday", "Thanks!\n",
                     message_id="<a2@gmail.com>", headers={"X-Gmail-Labels": "Sent", "In-Reply-To": "<a1@sugargliderco.com>"}),
        make_message("Kim Lee <kim@sugargliderco.com>", "amy@gmail.com", "Welcome aboard",
                     message_id="<k1@sugargliderco.com>"),
        make_message("jane@sugargliderco.com", "amy@gmail.com", "Spam copy", message_id="<s1@x>",
                     headers={"X-Gmail-Labels": "Spam"}),
        b"garbage without any header\n\nreally\n",
    ]
    msgs += [make_message(f"shop{i}@store.example", "amy@gmail.com", f"Deal {i}") for i in range(n_noise)]
    return msgs


def test_splitter_agrees_with_the_standard_library(tmp_path):
    path = write_mbox(tmp_path / "a.mbox", takeout())
    ours = list(split_mbox(open(path, "rb"), read_size=64))
    theirs = [m.as_bytes() for m in mailbox.mbox(str(path))]
    assert len(ours) == len(theirs) == 10
    assert [email.message_from_bytes(o)["Subject"] for o in ours] == [t["Subject"] for t in
                                                                      mailbox.mbox(str(path))]
    assert b"From the team" in ours[0]  # a body line starting with "From" survives (>From unquoted)


def test_import_mbox_logs_touches_suggests_and_counts(cli, owner, story, tmp_path):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    result = cli("import", "mbox", str(path))
    assert result.exit_code == 0, result.output
    assert "read 10, matched 2, new 2, suggested 1, ignored 6, skipped 0, errors 1" in result.output
    inbound = Interaction.objects.get(external_id="<a1@sugargliderco.com>")
    reply = Interaction.objects.get(external_id="<a2@gmail.com>")
    assert (inbound.direction, inbound.origin, reply.direction) == ("in", "imported", "out")  # "Sent" label
    assert reply.opportunity == story.job
    assert ContactSuggestion.objects.get(owner=owner).address == "kim@sugargliderco.com"
    assert not Interaction.objects.filter(summary="Spam copy").exists()
    assert ProcessedMessage.objects.get(status="error").error == "no mail headers found"


def test_dry_run_writes_nothing(cli, owner, story, tmp_path):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    result = cli("import", "mbox", str(path), "--dry-run")
    assert "dry run (nothing written): read 10, matched 2" in result.output
    assert not Interaction.objects.exists() and not ProcessedMessage.objects.exists()
    assert not ContactSuggestion.objects.exists()


def test_second_import_skips_everything_and_duplicates_nothing(cli, owner, story, tmp_path):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    cli("import", "mbox", str(path))
    result = cli("import", "mbox", str(path))
    assert "read 10, matched 0, new 0, suggested 0, ignored 0, skipped 10, errors 0" in result.output
    assert Interaction.objects.count() == 2 and ProcessedMessage.objects.count() == 10


def test_interrupted_import_resumes_without_loss_or_duplicates(owner, story, tmp_path, monkeypatch):
    """Crash in the middle of the second batch; the re-run finishes the job and no touch is doubled."""
    from keepwarm.mail import matching

    messages = [make_message("jane@sugargliderco.com", "amy@gmail.com", f"Note {i}", message_id=f"<n{i}@s>")
                for i in range(BATCH + 100)]
    path = write_mbox(tmp_path / "big.mbox", messages)
    real = matching.Recorder.process
    calls = {"n": 0}

    def crashing(self, raw, **kw):
        calls["n"] += 1
        if calls["n"] == BATCH + 50:
            raise KeyboardInterrupt
        return real(self, raw, **kw)

    monkeypatch.setattr(matching.Recorder, "process", crashing)
    with pytest.raises(KeyboardInterrupt):
        import_mbox(owner, path)
    assert Interaction.objects.count() == BATCH  # the first batch is kept, the broken one rolled back
    monkeypatch.setattr(matching.Recorder, "process", real)
    counts = import_mbox(owner, path)
    assert (counts.skipped, counts.new) == (BATCH, 100)
    assert Interaction.objects.count() == BATCH + 100
    assert ProcessedMessage.objects.count() == BATCH + 100


def test_mbox_and_imap_copies_of_one_message_are_one_touch(cli, owner, story, tmp_path):
    raw = make_message("jane@sugargliderco.com", "amy@gmail.com", "Hello", message_id="<same@s>")
    (tmp_path / "one.eml").write_bytes(raw)
    write_mbox(tmp_path / "a.mbox", [raw])
    assert "new 1" in cli("import", "eml", str(tmp_path / "one.eml")).output
    result = cli("import", "mbox", str(tmp_path / "a.mbox"))
    assert "matched 0, new 0" in result.output or "skipped 1" in result.output
    assert Interaction.objects.filter(external_id="<same@s>").count() == 1


def test_rescan_finds_mail_of_a_contact_added_later(cli, owner, tmp_path):
    from keepwarm.people.services import create_contact

    path = write_mbox(tmp_path / "a.mbox", [make_message("pat@pets.example", "amy@gmail.com", "Hi from Pat")])
    assert "ignored 1" in cli("import", "mbox", str(path)).output
    create_contact(owner, "Pat", emails=["pat@pets.example"])
    assert "skipped 1" in cli("import", "mbox", str(path)).output
    assert "new 1" in cli("import", "mbox", str(path), "--rescan").output
    assert "new 0" in cli("import", "mbox", str(path), "--rescan").output


def test_bad_paths_and_non_mbox_files_are_one_line_errors(cli, owner, tmp_path):
    result = cli("import", "mbox", str(tmp_path / "missing.mbox"))
    assert result.exit_code == 2 and "no such file" in result.output
    (tmp_path / "x.txt").write_text("hello\n")
    result = cli("import", "mbox", str(tmp_path / "x.txt"))
    assert result.exit_code == 2 and "not an mbox file" in result.output
    result = cli("import", "eml", str(tmp_path / "missing.eml"))
    assert result.exit_code == 2 and not ProcessedMessage.objects.exists()
