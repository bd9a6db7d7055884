"""Postings and raw e-mails end to end: verdicts, reasons, the model file and its safe format."""

import gzip
import json
import time

import pytest

from keepwarm.scams import checks, model
from keepwarm.scams.rules import check_message, check_posting

SCAM_POSTING = """<h2>Remote Data Entry Clerk</h2><p>Work 2 hours a day from home and earn $450 per day!
No experience needed. After a short chat interview on Telegram you will receive a check to buy your
equipment from our approved vendor. Reply within 24 hours or the spot will be given to someone else.</p>"""
LEGIT_POSTING = """Senior Accountant, Denver (hybrid). You will own the month-end close, reconcile bank
accounts and prepare journal entries. Requirements: CPA, 5+ years of experience in public accounting, advanced
Excel. Salary $95,000-$110,000 plus benefits. Interviews are held by video and on site. A background check will
be conducted by us at no cost to you after an offer is accepted."""


def raw_mail(frm, subject, body, reply_to=None, extra=""):
    rt = f"Reply-To: {reply_to}\n" if reply_to else ""
    return (f"From: {frm}\nTo: amy@example.net\nSubject: {subject}\n{rt}{extra}Date: Mon, 2 Nov 2026 10:00:00 +0000\n"
            f"Message-ID: <x@y>\nContent-Type: text/plain; charset=utf-8\n\n{body}\n").encode()


def test_scam_posting_is_likely_scam_with_explained_reasons():
    r = check_posting(SCAM_POSTING)
    assert r.verdict == "likely scam"
    flags = {x["flag"] for x in r.reasons}
    assert {"chat_app_interview", "fake_check", "easy_money"} <= flags
    for reason in r.reasons:
        assert reason["evidence"] and reason["source"]


def test_legit_posting_has_no_red_flags_and_never_says_safe():
    r = check_posting(LEGIT_POSTING)
    assert r.verdict == "no red flags found"
    assert r.reasons == []
    assert "safe" not in json.dumps(r.as_dict()).lower()


def test_score_is_in_unit_interval_and_orders_scam_above_legit():
    s, l = check_posting(SCAM_POSTING).score, check_posting(LEGIT_POSTING).score
    assert 0 <= l < s <= 1


def test_reply_to_mismatch_and_freemail_sender_on_raw_mail():
    mail = raw_mail('"Acme Corp HR" <acme.hiring.team@gmail.com>', "Job offer: remote assistant",
                    "On behalf of Acme Corp, we are pleased to offer you the remote assistant position.",
                    reply_to="payroll@acme-onboarding.net")
    r = check_message(mail)
    flags = {x["flag"] for x in r.reasons}
    assert {"freemail_sender", "reply_to_mismatch"} <= flags
    assert r.verdict in ("suspicious", "likely scam")


def test_lookalike_sender_domain_is_likely_scam():
    mail = raw_mail("Talent Team <talent@amaz0n-careers.com>", "Your application",
                    "Thank you for applying to Amazon. Please schedule your screening.")
    r = check_message(mail)
    assert r.verdict == "likely scam"
    (reason,) = [x for x in r.reasons if x["flag"] == "lookalike_domain"]
    assert "amazon.com" in reason["evidence"]


def test_lookalike_of_a_known_company_domain_and_sender_mismatch():
    mail = raw_mail("Jane <jane@sugarg1iderco.com>", "Interview", "Let's set up your interview for the role.")
    r = check_message(mail, known_company_domains=["sugargliderco.com"])
    flags = {x["flag"] for x in r.reasons}
    assert "lookalike_domain" in flags and "sender_domain_mismatch" in flags


def test_real_company_mail_with_list_reply_to_is_not_flagged():
    mail = raw_mail("Jane Recruiter <jane@sugargliderco.com>", "Interview on Thursday",
                    "Thanks for your time on the phone. Could we do a video interview on Thursday at 2pm?",
                    reply_to="recruiting@sugargliderco.com")
    r = check_message(mail, known_company_domains=["sugargliderco.com"])
    assert r.verdict == "no red flags found"


def test_mailing_list_reply_to_is_not_a_mismatch():
    mail = raw_mail("bob@example.org", "Re: patch", "Looks good to me.", reply_to="dev@lists.example.com",
                    extra="List-Id: <dev.lists.example.com>\n")
    assert check_message(mail).verdict == "no red flags found"


def test_plain_text_message_is_checked_without_headers():
    r = check_message("Hi! I'm a recruiter. Download Telegram and message me for a quick text interview; "
                      "the job pays $900 a day for 1 hour a day.")
    assert r.verdict == "likely scam"


def test_mbox_separator_line_is_still_rfc822():
    mail = b"From someone@example.org  Thu Aug 22 12:36:23 2002\n" + raw_mail("a@example.org", "hi", "hello")
    assert checks.looks_like_rfc822(mail)
    assert not checks.looks_like_rfc822("Data entry clerk: from home, flexible hours.")


def test_a_mail_whose_first_header_is_folded_is_still_rfc822():
    """Python's own generator folds a long From onto the next line; the headers must still be read."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "World Health Organization Recruitment Unit <who.recruitment.unit@consultant.com>"
    msg["To"] = "sam@example.org"
    msg["Subject"] = "Your job offer"
    msg.set_content("Our Human Resources department offers you the position of consultant.")
    raw = msg.as_bytes()
    assert raw.startswith(b"From:\n ") or raw.startswith(b"From: ")  # folded or not, as the generator chose
    folded = b"From:\n World Health Organization Recruitment <who.recruitment.unit@consultant.com>\n" + \
        raw.split(b"\n", 1)[1] if raw.startswith(b"From: ") else raw
    assert checks.looks_like_rfc822(folded)
    assert "freemail_sender" in {r["flag"] for r in check_message(folded).reasons}


def test_shipped_model_is_gzip_json_with_version_and_scores():
    with gzip.open(model.SHIPPED, "rt", encoding="utf-8") as f:
        data = json.load(f)  # a data format: loading it cannot run code
    assert data["format"] == model.FORMAT and data["version"] == model.FORMAT_VERSION
    assert data["meta"]["trained_on"] == "job_scams_validation.jsonl"
    assert model.SHIPPED.stat().st_size < 5_000_000
    m = model.get_model()
    hi = m.score("Earn $400 to $500 extra per day, work anytime 1 to 2 hrs daily in free time, no experience")
    lo = m.score(LEGIT_POSTING)
    assert 0 <= lo.probability < hi.probability <= 1


def test_model_rejects_wrong_format(tmp_path):
    bad = tmp_path / "m.json.gz"
    with gzip.open(bad, "wt") as f:
        json.dump({"format": "something-else", "version": 1}, f)
    with pytest.raises(model.ModelError):
        model.get_model(bad)


def test_checks_are_fast_enough():
    check_posting(LEGIT_POSTING)  # load once
    start = time.perf_counter()
    for _ in range(100):
        check_posting(LEGIT_POSTING)
    assert (time.perf_counter() - start) / 100 < 0.02  # generous: shared CI machines; bench/ has the real figure
