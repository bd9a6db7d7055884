"""The pure parts: header parsing, the decision about a message, HTML cleaning, calendar invitations."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keepwarm.mail.decide import Known, concerns_nobody_known, decide, direction_of
from keepwarm.mail.parse import (Malformed, clean_html, html_to_text, parse_body, parse_header_fields, parse_info,
                                 quick_message_id, rough_addresses)

from .conftest import make_message

KNOWN = Known(contacts={"jane@sugargliderco.com": 1, "bob@acme.example": 2},
              domains={"sugargliderco.com": 10, "acme.example": 20}, mine=frozenset({"amy@mail.example"}))
NO_ME = Known(contacts=KNOWN.contacts, domains=KNOWN.domains, mine=frozenset())


def info(frm, to="amy@mail.example", cc="", headers=None):
    return parse_info(make_message(frm, to, cc=cc, headers=headers))


def test_inbound_from_a_contact():
    d = decide(info("Jane <JANE@SugarGliderCo.com>"), KNOWN)
    assert (d.status, d.direction, d.contact_ids, d.suggestions) == ("matched", "in", [1], [])


def test_outbound_to_contacts_lists_everyone_known_but_me():
    d = decide(info("amy@mail.example", "jane@sugargliderco.com", cc="bob@acme.example, x@y.example"), KNOWN)
    assert (d.status, d.direction, d.contact_ids) == ("matched", "out", [1, 2])


def test_direction_without_knowing_my_address():
    assert direction_of(info("someone@gmail.com", "jane@sugargliderco.com"), NO_ME) == "out"
    assert direction_of(info("jane@sugargliderco.com", "someone@gmail.com"), NO_ME) == "in"
    assert direction_of(info("someone@gmail.com", "x@y.example", headers={"X-Gmail-Labels": "Sent"}), NO_ME) == "out"


def test_stranger_at_a_known_domain_is_suggested_but_robots_are_not():
    d = decide(info("Kim Lee <kim@sugargliderco.com>"), KNOWN)
    assert (d.status, d.suggestions) == ("suggested", [("Kim Lee", "kim@sugargliderco.com", 10)])
    assert decide(info("no-reply@sugargliderco.com"), KNOWN).status == "ignored"


def test_other_mail_is_ignored_and_spam_label_wins():
    assert decide(info("deals@shop.example"), KNOWN).status == "ignored"
    assert decide(info("jane@sugargliderco.com", headers={"X-Gmail-Labels": "Spam,Inbox"}), KNOWN).status == "ignored"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["jane@sugargliderco.com", "kim@sugargliderco.com", "amy@mail.example",
                                 "x@shop.example", "bob@acme.example", "z@other.example"]), min_size=1, max_size=4))
def test_the_fast_reject_never_hides_a_message_the_full_decision_would_keep(addresses):
    raw = make_message(addresses[0], ", ".join(addresses[1:]) or "nobody@else.example")
    fields = parse_header_fields(raw.split(b"\r\n\r\n")[0])
    if concerns_nobody_known(rough_addresses(fields), KNOWN):
        assert decide(parse_info(raw), KNOWN).status == "ignored"


def test_headers_are_unfolded_and_encoded_words_decoded():
    raw = (b"From: =?utf-8?q?Ren=C3=A9e_Dupont?= <renee@sugargliderco.com>\r\nTo: amy@mail.example,\r\n"
           b"  bob@acme.example\r\nSubject: =?utf-8?b?w4l0w6kgMjAyNg==?=\r\nDate: not a date\r\n\r\nbody")
    parsed = parse_info(raw)
    assert parsed.from_name == "Renée Dupont" and parsed.subject == "Été 2026"
    assert [a for _, a in parsed.to] == ["amy@mail.example", "bob@acme.example"]
    assert parsed.date is None and parsed.message_id.endswith("@no-message-id.keepwarm>")
    assert quick_message_id(raw) == parsed.message_id  # the re-run fast path finds the same identity


def test_threads_and_dates():
    parsed = info("jane@sugargliderco.com", headers={"References": "<a@x> <b@x>", "In-Reply-To": "<b@x>"})
    assert parsed.references == ["<a@x>", "<b@x>"] and parsed.thread_key == "<a@x>"
    assert parsed.date == dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc)
    assert info("j@x.example", headers={"X-GM-THRID": "1234"}).thread_key == "1234"


def test_malformed_messages_raise_malformed():
    with pytest.raises(Malformed, match="no mail headers"):
        parse_info(b"just some text without headers")
    with pytest.raises(Malformed, match="no sender address"):
        parse_info(b"From: <<<>>>\r\nSubject: x\r\n\r\nbody")


def test_plain_text_is_preferred_and_html_is_cleaned():
    multipart = (b"From: j@x.example\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
                 b"Content-Type: text/html\r\n\r\n<p>HTML</p>\r\n--b\r\nContent-Type: text/plain\r\n\r\nPlain\r\n--b--\r\n")
    assert parse_body(multipart).text == "Plain"
    html_only = make_message("j@x.example", "a@b.example", html="<style>p{}</style><script>alert(1)</script>"
                             "<p>Hello &amp; welcome</p><img src='https://track.example/x.gif'>")
    assert parse_body(html_only).text == "Hello & welcome"
    cleaned = clean_html('<p onclick="x()">Hi</p><img src="https://track.example/p.gif" alt="t">'
                         '<img src="data:image/png;base64,AAAA"><script>x</script><a href="https://a.example">a</a>')
    assert "track.example" not in cleaned and "onclick" not in cleaned and "<script" not in cleaned
    assert 'src="data:image/png;base64,AAAA"' in cleaned and 'rel="noopener noreferrer nofollow"' in cleaned
    assert html_to_text("<div>a</div>\n\n\n<div>b</div>") == "a\n\nb"


def test_calendar_requests_are_collected():
    raw = (b"From: jane@sugargliderco.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
           b"Content-Type: text/plain\r\n\r\nSee invite\r\n--b\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
           b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n")
    body = parse_body(raw)
    assert body.text == "See invite" and len(body.invitations) == 1 and "UID:1" in body.invitations[0]


def test_invitations_from_contacts_reach_the_calendar_hook(owner, story, tmp_path, monkeypatch):
    from keepwarm.mail import hooks
    from keepwarm.mail.importer import import_eml

    seen = []
    monkeypatch.setattr(hooks, "apply_invitation", lambda o, ics, contacts: seen.append((o, ics, contacts)))
    raw = (b"From: jane@sugargliderco.com\r\nTo: amy@mail.example\r\nMessage-ID: <inv@s>\r\nSubject: Interview\r\n"
           b"Content-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")
    (tmp_path / "inv.eml").write_bytes(raw)
    import_eml(owner, [tmp_path / "inv.eml"])
    [(who, ics, contacts)] = seen
    assert who == owner and "METHOD:REQUEST" in ics and contacts == [story.jane]


def test_new_inbound_mail_goes_to_the_scam_check_once(owner, story, tmp_path, monkeypatch):
    from keepwarm.mail import hooks
    from keepwarm.mail.importer import import_eml

    checked = []
    monkeypatch.setattr(hooks, "check_scams", lambda owner, items: checked.extend(items))
    inbound = make_message("jane@sugargliderco.com", "amy@mail.example", "In", message_id="<in@s>")
    outbound = make_message("amy@mail.example", "jane@sugargliderco.com", "Out", message_id="<out@s>")
    (tmp_path / "in.eml").write_bytes(inbound)
    (tmp_path / "out.eml").write_bytes(outbound)
    import_eml(owner, [tmp_path / "in.eml", tmp_path / "out.eml"], me=["amy@mail.example"])
    import_eml(owner, [tmp_path / "in.eml"], rescan=True)  # already logged: not checked again
    [(interaction, raw)] = checked
    assert interaction.external_id == "<in@s>" and raw == inbound


def test_the_real_scam_check_is_wired(owner, story, tmp_path):
    """Whatever the scams app decides, the hook must find its function (a missing one is only a warning)."""
    from keepwarm.mail import hooks

    assert hooks._find("keepwarm.scams.services", "check_and_record_interaction") is not None
    assert hooks._find("keepwarm.scams.services", "check_and_record_interactions") is not None


def test_my_own_address_alone_does_not_make_mail_relevant():
    assert concerns_nobody_known({"amy@mail.example", "deals@shop.example"}, KNOWN)
    assert not concerns_nobody_known({"amy@mail.example", "kim@sugargliderco.com"}, KNOWN)


def test_sent_folder_is_found_by_its_special_use_flag():
    from keepwarm.mail.imap import parse_list_line, resolve_folder

    lines = [b'(\\HasNoChildren) "/" "INBOX"', b'(\\HasNoChildren \\Sent) "/" "[Gmail]/Sent Mail"',
             b'(\\HasNoChildren) "." Drafts']
    assert parse_list_line(lines[1]) == ({"\\hasnochildren", "\\sent"}, "[Gmail]/Sent Mail")
    assert parse_list_line(lines[2]) == ({"\\hasnochildren"}, "Drafts")

    class Conn:
        def __init__(self, data):
            self.data = data

        def list(self):
            return "OK", self.data

    assert resolve_folder(Conn(lines), "Sent") == "[Gmail]/Sent Mail"
    assert resolve_folder(Conn(lines), "INBOX") == "INBOX"
    assert resolve_folder(Conn([b'(\\HasNoChildren) "/" "Sent Items"']), "Sent") == "Sent Items"
    assert resolve_folder(Conn([b'(\\HasNoChildren) "/" "Sent"']), "Sent") == "Sent"


def test_a_failing_hook_is_logged_and_the_mail_still_logged(owner, story, tmp_path, monkeypatch, caplog):
    import keepwarm.scams.services as scams
    from keepwarm.mail.importer import import_eml
    from keepwarm.timeline.models import Interaction

    def broken(interaction, raw=None):
        raise RuntimeError("model file missing")

    monkeypatch.setattr(scams, "check_and_record_interactions", lambda owner, items: broken(None))
    monkeypatch.setattr(scams, "check_and_record_interaction", broken)
    (tmp_path / "in.eml").write_bytes(make_message("jane@sugargliderco.com", "amy@mail.example", "Hi"))
    assert import_eml(owner, [tmp_path / "in.eml"]).new == 1
    assert Interaction.objects.filter(owner=owner).count() == 1
    assert "scam check of interaction" in caplog.text and "model file missing" in caplog.text


def test_an_invitation_from_a_contact_becomes_an_interview(owner, story, tmp_path):
    from keepwarm.jobs.models import Interview
    from keepwarm.mail.importer import import_eml

    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
           "UID:int-1@sugargliderco.com\r\nDTSTAMP:20261120T150000Z\r\nDTSTART:20261201T200000Z\r\n"
           "DTEND:20261201T204500Z\r\nSUMMARY:Interview: Breeder assistant\r\n"
           "ORGANIZER:mailto:jane@sugargliderco.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = ("From: Jane Doe <jane@sugargliderco.com>\r\nTo: amy@mail.example\r\nSubject: Invitation: Interview\r\n"
           "Message-ID: <inv-2@sugargliderco.com>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee you then\r\n"
           "--b\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n" + ics + "--b--\r\n").encode()
    (tmp_path / "invite.eml").write_bytes(raw)
    import_eml(owner, [tmp_path / "invite.eml"])
    interview = Interview.objects.get(owner=owner)
    assert interview.opportunity == story.job
    assert interview.starts_at == dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.timezone.utc)
