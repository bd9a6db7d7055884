"""bench/scam_messages.py: counts each verdict per label in a folder of labelled messages."""

import json

from bench import scam_messages


def test_counts_and_scores_a_labelled_folder(tmp_path, capsys):
    (tmp_path / "items").mkdir()
    messages = {
        "a.txt": ("Download Telegram and add me for your interview. Pay the $90 registration fee today.", 1),
        "b.txt": ("Thanks for coming in on Tuesday. Could you do a video call with the team on Friday at 2?", 0),
    }
    with (tmp_path / "labels.jsonl").open("w") as f:
        for name, (text, label) in messages.items():
            (tmp_path / "items" / name).write_text(text)
            f.write(json.dumps({"file": name, "label": label}) + "\n")
    assert scam_messages.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 scams, 1 legitimate" in out
    assert "scams       likely scam 1  suspicious 0  no red flags found 0" in out
    assert "legitimate  likely scam 0  suspicious 0  no red flags found 1" in out
    assert "likely scam: P 1.000 R 1.000 F1 1.000" in out


def test_a_folder_without_labels_is_said_and_nothing_measured(tmp_path, capsys):
    assert scam_messages.main([str(tmp_path)]) == 2
    assert "no labels.jsonl" in capsys.readouterr().err
