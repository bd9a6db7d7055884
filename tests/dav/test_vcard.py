"""vCard export: every card written is parsed back by vobject."""

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET

import vobject

from keepwarm.dav.context import CardData, JobRole, display_name, job_context, split_name
from keepwarm.dav.qr import qr_svg
from keepwarm.dav.vcard import kept_properties, to_vcard
from keepwarm.people.services import create_contact


def cards_of(text):
    return {c.uid.value: c for c in vobject.readComponents(text)}


def on_hold_role(**kw):
    base = dict(role="Hiring manager", title="Breeder assistant", company="Sugar Glider Co.", stage="on_hold",
                stage_label="On hold", since=dt.date(2011, 12, 10), active=True)
    return JobRole(**{**base, **kw})


def test_job_context_reads_like_the_story():
    card = CardData(1, "u", "Jane Doe", jobs=[on_hold_role()], topics=["breeds sugar gliders"])
    assert job_context(card).splitlines() == [
        "Hiring manager, Breeder assistant at Sugar Glider Co. — on hold since 2011-12-10",
        "Talk about: breeds sugar gliders",
    ]


def test_live_jobs_come_first_and_the_note_stays_short():
    jobs = [on_hold_role(title=f"Job {i}", stage="rejected", stage_label="Rejected", active=False,
                         since=dt.date(2012, 1, i + 1)) for i in range(4)] + [on_hold_role()]
    lines = job_context(CardData(1, "u", "Jane Doe", jobs=jobs)).splitlines()
    assert lines[0].startswith("Hiring manager, Breeder assistant")
    assert lines[1].startswith("Hiring manager, Job 3")  # then the most recent stage change
    assert lines[-1] == "and 2 more jobs"


def test_display_name_context_falls_back_to_the_job_company():
    assert display_name(CardData(1, "u", "Jane Doe", company="Acme"), True) == "Jane Doe (Acme)"
    assert display_name(CardData(1, "u", "Jane Doe", jobs=[on_hold_role()]), True) == "Jane Doe (Sugar Glider Co.)"
    assert display_name(CardData(1, "u", "Jane Doe", company="Acme"), False) == "Jane Doe"
    assert split_name("Jane van Doe") == ("Jane van", "Doe") and split_name("Cher") == ("Cher", "")


def test_export_vcard_has_everything_a_phone_needs(story, cli):
    result = cli("export", "vcard")
    assert result.exit_code == 0, result.output
    cards = list(vobject.readComponents(result.output))
    assert len(cards) == 1
    card = cards[0]
    assert card.version.value == "3.0"
    assert card.fn.value == "Jane Doe"
    assert (card.n.value.given, card.n.value.family) == ("Jane", "Doe")
    assert card.org.value == ["Sugar Glider Co."]
    assert card.title.value == "Manager"
    tels = {t.value: t.params["TYPE"] for t in card.contents["tel"]}
    assert tels == {"+13125550142": ["CELL", "VOICE", "PREF"], "+13125550199": ["WORK", "VOICE"]}
    assert card.email.value == "jane@sugargliderco.com"
    assert card.url.value == "https://www.facebook.com/jane.doe"
    social = card.contents["x-socialprofile"][0]
    assert social.value == "https://www.facebook.com/jane.doe" and social.params["TYPE"] == ["facebook"]
    assert "Hiring manager, Breeder assistant at Sugar Glider Co. — on hold since 2011-12-10" in card.note.value
    assert "Talk about: breeds sugar gliders" in card.note.value


def test_uids_are_stable_and_distinct(story, cli, owner):
    create_contact(owner, "John Roe", phones=["+1 415 555 0100"])
    first = cards_of(cli("export", "vcard").output)
    second = cards_of(cli("export", "vcard").output)
    assert first.keys() == second.keys() and len(first) == 2


def test_with_context_and_one_contact(story, cli, owner):
    create_contact(owner, "John Roe")
    out = cli("export", "vcard", "--contact", "Jane Doe", "--with-context").output
    cards = list(vobject.readComponents(out))
    assert [c.fn.value for c in cards] == ["Jane Doe (Sugar Glider Co.)"]


def test_linked_only(story, cli, owner):
    create_contact(owner, "John Roe")
    out = cli("export", "vcard", "--linked-only").output
    assert [c.fn.value for c in vobject.readComponents(out)] == ["Jane Doe"]


def test_unknown_contact_is_one_line_and_status_2(story, cli):
    result = cli("export", "vcard", "--contact", "Nobody")
    assert result.exit_code == 2
    assert "contact: no such contact: 'Nobody'" in result.output


def test_writes_a_file(story, cli, tmp_path):
    path = tmp_path / "out.vcf"
    assert cli("export", "vcard", "-o", str(path)).exit_code == 0
    raw = path.read_bytes()
    assert b"\r\n" in raw  # vCard lines end in CRLF
    assert vobject.readOne(raw.decode()).fn.value == "Jane Doe"


def test_folding_and_escaping_survive_a_round_trip(owner, cli):
    create_contact(owner, "Zoë Ångström-Smith", company="Gliders, Possums; and Co.",
                   role="Head of \\ backslashes", notes="x",
                   topics=["a very long topic " * 8, "commas, semicolons; and\nnewlines"])
    out = cli("export", "vcard").stdout_bytes.decode()
    for line in out.split("\r\n"):
        assert len(line.encode()) <= 75
    card = vobject.readOne(out)
    assert card.org.value == ["Gliders, Possums; and Co."]
    assert card.title.value == "Head of \\ backslashes"
    assert "commas, semicolons; and\nnewlines" in card.note.value
    assert card.fn.value == "Zoë Ångström-Smith"


def test_kept_properties_are_carried_but_not_managed_ones():
    server = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u\r\nFN:Jane\r\nN:;Jane;;;\r\nBDAY:1980-02-03\r\n"
              "TEL;TYPE=CELL:+13125550142\r\nitem1.X-ABLabel:other\r\nEND:VCARD\r\n")
    kept = kept_properties(server)
    card = vobject.readOne(to_vcard(CardData(1, "u", "Jane Doe"), kept=kept))
    assert card.bday.value == "1980-02-03"
    assert card.fn.value == "Jane Doe" and "tel" not in card.contents
    assert "x-ablabel" not in card.contents


def test_qr_code_is_svg_of_the_card(story):
    from keepwarm.dav.cards import gather_cards

    svg = qr_svg(gather_cards(story["jane"].owner)[0])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.find("{http://www.w3.org/2000/svg}path") is not None


def test_qr_code_needs_no_pillow():
    """qrcode's SVG factory is pure Python: prove it with PIL made unimportable."""
    code = ("import sys; sys.modules['PIL'] = None\n"
            "import qrcode, qrcode.image.svg\n"
            "img = qrcode.make('BEGIN:VCARD', image_factory=qrcode.image.svg.SvgPathImage)\n"
            "print(img.to_string()[:4].decode())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "<svg"


def test_a_huge_card_falls_back_to_the_compact_qr():
    card = CardData(1, "u", "Jane Doe", phones=[("mobile", "+13125550142")], topics=["x" * 200] * 20)
    root = ET.fromstring(qr_svg(card))
    assert root.tag.endswith("svg")


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

# Text a contact's fields can hold, minus control characters other than newlines (they are not in vCard text).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n"), min_size=1,
               max_size=120).filter(lambda s: s.strip() and s == s.strip())


@hsettings(max_examples=150, deadline=None)
@given(name=TEXT, company=TEXT, title=TEXT, topic=TEXT)
def test_any_text_survives_the_writer_and_vobject(name, company, title, topic):
    name = " ".join(name.split())
    card = CardData(7, "uid-7", name or "x", company=company, title=title, topics=[topic],
                    phones=[("mobile", "+13125550142")])
    text = to_vcard(card, name_context=True)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = vobject.readOne(text)
    assert parsed.fn.value == f"{card.name} ({company})"
    assert parsed.org.value == [company]
    assert parsed.title.value == title
    assert parsed.note.value == f"Talk about: {topic}"
