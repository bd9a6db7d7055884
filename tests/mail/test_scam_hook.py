"""Imported inbound mail carries its scam verdict when the import ends: one batched check per batch of mail,
and one check per message when the batch fails, so a bad message loses only its own verdict."""

import pytest

from keepwarm.mail.importer import import_eml
from keepwarm.scams import services as scams
from keepwarm.scams.models import ScamCheck
from keepwarm.timeline.models import Interaction

from .conftest import make_message

SCAMMY = ("Work from home as a package forwarding coordinator: receive packages at your home and re-ship them. "
          "Interview on Telegram. Earn $500 per day.")


@pytest.fixture
def mail(story, tmp_path):
    """Two inbound messages from contacts (one scammy) and one outbound, as .eml files."""
    files = []
    for name, frm, to, body in [("jane", "jane@sugargliderco.com", "amy@mail.example", "See you Monday.\n"),
                                ("bob", "bob@acmestaffing.com", "amy@mail.example", SCAMMY),
                                ("out", "amy@mail.example", "jane@sugargliderco.com", "Thanks!\n")]:
        path = tmp_path / f"{name}.eml"
        path.write_bytes(make_message(frm, to, f"About the role ({name})", body, message_id=f"<{name}@test>"))
        files.append(path)
    return files


def checks_by_message(owner) -> dict:
    return {c.interaction.external_id: (c.verdict, c.score, c.reasons, c.note)
            for c in ScamCheck.objects.filter(owner=owner).select_related("interaction")}


@pytest.mark.django_db
def test_imported_inbound_mail_has_its_verdict_when_the_import_ends(owner, mail):
    import_eml(owner, mail, me=["amy@mail.example"])
    found = checks_by_message(owner)
    assert set(found) == {"<jane@test>", "<bob@test>"}  # outbound mail is not checked
    assert found["<jane@test>"][0] == "no red flags found" and found["<bob@test>"][0] == "likely scam"
    # The batched check stored what one check per message stores.
    for interaction in Interaction.objects.filter(owner=owner, direction="in"):
        raw = next(p.read_bytes() for p in mail if p.stem in interaction.external_id)
        single = scams.check_and_record_interaction(interaction, raw=raw)
        assert found[interaction.external_id] == (single.verdict, single.score, single.reasons, single.note)


@pytest.mark.django_db
def test_a_failing_batch_is_undone_and_each_message_checked_alone(owner, mail, monkeypatch, caplog):
    def half_done_then_broken(owner_, items):
        scams.check_and_record_interaction(*items[0])  # written inside the batch's savepoint, then undone
        raise RuntimeError("batch broke")

    monkeypatch.setattr(scams, "check_and_record_interactions", half_done_then_broken)
    assert import_eml(owner, mail, me=["amy@mail.example"]).new == 3
    assert set(checks_by_message(owner)) == {"<jane@test>", "<bob@test>"}
    assert ScamCheck.objects.filter(owner=owner).count() == 2
    assert "checking them one at a time" in caplog.text and "batch broke" in caplog.text


@pytest.mark.django_db
def test_one_bad_message_loses_only_its_own_check(owner, mail, monkeypatch, caplog):
    real = scams.check_and_record_interaction

    def broken_on_bob(interaction, raw=None):
        if interaction.external_id == "<bob@test>":
            raise ValueError("cannot read this one")
        return real(interaction, raw=raw)

    monkeypatch.setattr(scams, "check_and_record_interactions", lambda owner_, items: [broken_on_bob(*i) for i in items])
    monkeypatch.setattr(scams, "check_and_record_interaction", broken_on_bob)
    assert import_eml(owner, mail, me=["amy@mail.example"]).new == 3
    assert set(checks_by_message(owner)) == {"<jane@test>"}
    assert Interaction.objects.filter(owner=owner).count() == 3  # the mail itself is all logged
    assert "cannot read this one" in caplog.text
