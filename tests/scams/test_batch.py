"""The batched message check (sync and imports) must store exactly what one check per message stores."""

from email.message import EmailMessage

import pytest
from django.utils import timezone

from keepwarm.jobs.models import Opportunity
from keepwarm.people.models import Company, Contact, ContactEmail
from keepwarm.scams.models import ScamCheck, ScamFeedback
from keepwarm.scams.services import (check_and_record_interaction, check_and_record_interactions, sender_key)
from keepwarm.timeline.models import Direction, Interaction, Participant

from .conftest import SCAM_TEXT

STORED = ("verdict", "score", "reasons", "note", "model_version")


def raw_message(sender, body, subject="Your application", reply_to=None, html=None) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "amy@mail.example", subject
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    return bytes(msg)


@pytest.fixture
def inbox(owner):
    """Inbound messages of every kind the rules and feedback treat differently, each with its raw e-mail."""
    now = timezone.now()
    glider = Company.objects.create(owner=owner, name="Sugar Glider Co.", website="https://www.sugargliderco.com/",
                                    email_domains=["sugargliderco.com"])
    acme = Company.objects.create(owner=owner, name="Acme", email_domains=["acme.example"])
    job = Opportunity.objects.create(owner=owner, title="Breeder assistant", company=glider, stage_changed_at=now,
                                     created_at=now)

    def make(address, raw, company=None, opportunity=None, extra_contact=None):
        contact = Contact.objects.create(owner=owner, name=address, company=company)
        ContactEmail.objects.create(owner=owner, contact=contact, address=address, primary=True)
        inter = Interaction.objects.create(owner=owner, channel="email", direction=Direction.INBOUND, happened_at=now,
                                           summary="Hello", body="see raw", opportunity=opportunity)
        for c in [contact, extra_contact] if extra_contact else [contact]:
            Participant.objects.create(owner=owner, interaction=inter, contact=c, happened_at=now,
                                       direction=Direction.INBOUND)
        return inter, raw

    acme_person = Contact.objects.create(owner=owner, name="Acme person", company=acme)
    items = [
        make("jane@sugargliderco.com", raw_message("Jane <jane@sugargliderco.com>", "Thanks for the interview on "
             "Monday; the team would like to make you an offer for the role."), glider, job),
        make("recruiter.jobs@gmail.com", raw_message("HR <recruiter.jobs@gmail.com>", SCAM_TEXT)),
        make("hr@sugargliderco.com", raw_message("HR <hr@sugargliderco.com>", "About the position: " + SCAM_TEXT,
                                                 reply_to="glider.hr@gmail.com"), glider),
        make("fake@sugarglider-co.com", raw_message("Sugar Glider <fake@sugarglider-co.com>", "Interview on Telegram "
             "for the remote role; pay the $90 starter kit fee first.", html="<a href='http://bit.ly/x'>apply</a>"),
             None, job, acme_person),
        make("marked.safe@gmail.com", raw_message("Safe <Marked.Safe@gmail.com>", SCAM_TEXT)),
        make("marked.scam@example.org", raw_message("Someone <marked.scam@example.org>", "Are you free for a call "
             "about the analyst role?")),
        make("plain@example.org", None),  # a touch without its raw e-mail: subject and body are checked
    ]
    now = timezone.now()
    ScamFeedback.objects.create(owner=owner, kind="message", key="marked.safe@gmail.com", label="not_scam",
                                created_at=now)
    ScamFeedback.objects.create(owner=owner, kind="message", key="marked.scam@example.org", label="scam",
                                created_at=now)
    return items


def stored(interaction):
    return ScamCheck.objects.filter(interaction=interaction).values(*STORED, "owner_id").get()


@pytest.mark.django_db
def test_batched_checks_store_what_one_check_per_message_stores(owner, inbox):
    singles = {}
    for interaction, raw in inbox:
        check_and_record_interaction(interaction, raw=raw)
        singles[interaction.pk] = stored(interaction)
    ScamCheck.objects.all().delete()

    rows = check_and_record_interactions(owner, inbox)

    assert len(rows) == len(inbox) == ScamCheck.objects.count()
    assert {i.pk: stored(i) for i, _ in inbox} == singles
    verdicts = [singles[i.pk]["verdict"] for i, _ in inbox]
    # The set covers what matters: clean, flagged, and both kinds of feedback.
    assert verdicts[0] == "no red flags found" and verdicts[1] == "likely scam"
    assert verdicts[4] == "no red flags found" and "not a scam" in singles[inbox[4][0].pk]["note"]
    assert singles[inbox[5][0].pk]["reasons"][0]["flag"] == "marked_scam_by_you"


@pytest.mark.django_db
def test_batched_checks_update_the_rows_earlier_checks_wrote(owner, inbox):
    check_and_record_interactions(owner, inbox[:3])
    ScamCheck.objects.filter(interaction=inbox[1][0]).update(verdict="suspicious", score=0.4, note="stale")
    check_and_record_interactions(owner, inbox)
    assert ScamCheck.objects.count() == len(inbox)
    assert stored(inbox[1][0])["verdict"] == "likely scam" and stored(inbox[1][0])["note"] == ""


@pytest.mark.django_db
def test_an_interaction_given_twice_is_checked_once(owner, inbox):
    interaction, raw = inbox[1]
    assert len(check_and_record_interactions(owner, [(interaction, raw), (interaction, raw)])) == 1
    assert ScamCheck.objects.filter(interaction=interaction).count() == 1


@pytest.mark.django_db
def test_a_batch_is_only_the_owners(owner, outsider, inbox):
    with pytest.raises(ValueError):
        check_and_record_interactions(outsider, inbox)
    assert check_and_record_interactions(owner, []) == []
    assert not ScamCheck.objects.exists()


@pytest.mark.parametrize("raw, expected", [
    (b"From: Jane <JANE@x.example>\r\nSubject: s\r\n\r\nFrom: body@x.example\r\n", "jane@x.example"),
    (b"Subject: s\n\nFrom: in-the-body@x.example\n", ""),
    (b"Subject: s\nFrom: folded\n <late@x.example>\n\nbody\n\nmore", "late@x.example"),
    (b"From: =?utf-8?q?J=C3=B6rg?= <jorg@x.example>\nTo: a@b.example\n", "jorg@x.example"),
    ("From: Zoë <zoe@x.example>\nTo: a@b.example\n\nbody ✓", "zoe@x.example"),
])
def test_the_sender_is_read_from_the_headers_only(raw, expected):
    """sender_key parses only the header block; the body (even a From: line in it) plays no part."""
    assert sender_key(raw=raw) == expected
