"""message._message must read a raw e-mail as email.message_from_bytes(policy=compat32) does, wherever the checks
look: the headers they read, the content type, disposition and charset of every part, and every payload."""

import email
import email.policy

import pytest

from keepwarm.scams.message import READ_HEADERS, _message, parse_message

LONG_HEADERS = b"".join(b"Received: from relay%d.example.net (relay%d [10.0.0.%d])\n\tby mx.example.org; Mon\n" % (i, i, i)
                        for i in range(20))
RAW = [
    b"", b"\n", b"\r\nbody", b"Subject: x", b"Subject: x\n", b"Subject: x\n\n", b"Subject: x\r\n\r\nbody\r\n",
    b"Subject: x\rFrom: a@b.c\r\rbody", b"Subject: x\n\r\nbody", b"Subject: x\r\n\nbody",
    b"From a@b Mon\nSubject: x\n\nbody",  # mbox separator
    b"Subject: x\nFrom a@b Mon\n\nbody",  # a "From " line closing the headers: the parser makes it the body's start
    b"Subject: x\nFrom a@b\nTo: y\n\nb",  # a misplaced "From " line
    b" cont\nSubject: x\n\nb",  # continuation with no header before it
    b"Subject: x\n folded\n\tmore\nFrom: A <a@b.c>\n\nbody",
    b":noname\nSubject: y\n cont\n\nbody",
    b"Subject: x\nnot a header\n\nbody",  # the body starts at the line that is not a header
    b"Subject: x\nBad Name: y\n\nbody", b"Subject: x\n\xe9: y\n\nbody",
    b"Subject: x\x0bz\n\nbody", b"Subject: x\x85\xe2\x80\xa8z\n\nbody",
    b"Subject: x\nContent-Type: multipart/alternative; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nhi\n"
    b"--XX\nContent-Type: text/html\n\n<p>hi</p>\n--XX--\n",
    b"Content-Type: message/rfc822\n\nSubject: inner\n\nbody",
    b"Subject: \xe9t\xe9\nFrom: \xff <a@b.c>\n\nb\xe9", b"Subject: a\nSubject: b\n\nx",
    b"SUBJECT: up\nfrom: low@x.y\nREPLY-TO: r@x.y\nList-Id: <l.x.y>\n\nx", b"Subject: x\n\n\n\nbody\n\n",
    b"Content-Transfer-Encoding: base64\nContent-Type: text/plain; charset=utf-8\n\naGVsbG8g4pyT\n",
    b"Content-Transfer-Encoding: quoted-printable\nContent-Disposition: attachment\n\nh=C3=A9\n",
    b"Subject: x\nFrom \n\nbody", b"From \n\nbody", b"From x\n",
    LONG_HEADERS + b"From: Recruiter <jobs@example.com>\nSubject: Offer\n\nWe would like to hire you.\n",
]


def signature(msg):
    out = [[(k, v) for k, v in msg.items() if k.lower() in READ_HEADERS], msg.is_multipart(), msg.get_content_type()]
    for part in msg.walk():
        if not part.is_multipart():
            out.append(([(k, v) for k, v in part.items() if k.lower() in READ_HEADERS], part.get_content_type(),
                        part.get_content_disposition(), part.get_param("charset", "ASCII"), part.get_payload(),
                        part.get_payload(decode=True)))
    return out


@pytest.mark.parametrize("raw", RAW + [r.replace(b"\n", b"\r\n") for r in RAW] + [r.replace(b"\n", b"\r") for r in RAW])
def test_message_reads_as_the_parser_reads(raw):
    assert signature(_message(raw)) == signature(email.message_from_bytes(raw, policy=email.policy.compat32))


def test_parse_message_on_a_long_header_block():
    m = parse_message(LONG_HEADERS + b"From: Recruiter <jobs@example.com>\nReply-To: x@gmail.com\n"
                                     b"Subject: Offer\n\nWe would like to hire you.\n")
    assert (m.from_addr, m.from_name, m.reply_to, m.subject) == ("jobs@example.com", "Recruiter", "x@gmail.com", "Offer")
    assert m.body == "We would like to hire you.\n"


@pytest.mark.parametrize("subject", [b"Plain subject", b"=?utf-8?q?Caf=C3=A9?= offer", b"Half =?iso-8859-1?q?caf=E9?= x",
                                     b"Caf\xc3\xa9 raw 8-bit", b"=? not encoded", b"a =?bad?x?y?= b", b""])
def test_subject_is_decoded_as_the_header_module_decodes_it(subject):
    from email.header import decode_header, make_header

    raw = b"From: a@example.com\nSubject: " + subject + b"\n\nbody\n"
    value = email.message_from_bytes(raw, policy=email.policy.compat32).get("Subject")
    assert parse_message(raw).subject == str(make_header(decode_header(str(value))))


@pytest.mark.parametrize("raw", [
    b"From: HR Team <hiring.team@gmail.com>\nReply-To: pay@other.example\nSubject: Job offer\n\n"
    b"You have been selected for the data entry position. Interview on Telegram. Buy the starter kit ($89).\n",
    LONG_HEADERS + b"From: Recruiter <jobs@example.com>\nSubject: Offer\n\nWe would like to hire you.\n",
])
def test_a_parsed_message_checks_as_the_raw_one(raw):
    from keepwarm.scams.checks import check_message, check_parsed_message

    for known in ((), ("example.com",)):
        expected = check_message(raw, known_company_domains=known).as_dict()
        assert check_parsed_message(parse_message(raw), known_company_domains=known).as_dict() == expected
    assert check_message(raw).verdict != "no red flags found" or b"Telegram" not in raw
