"""Sending follow-ups over SMTP (aiosmtpd) with a copy in the IMAP Sent folder (Dovecot), and drafts."""

import datetime as dt
import email

import pytest

from keepwarm.followups.models import FollowUp, Kind, State
from keepwarm.followups.services import add_reminder
from keepwarm.lib.errors import InputError
from keepwarm.mail.drafts import draft_for, render
from keepwarm.mail.models import MailAccount
from keepwarm.mail.sending import SendError, send_follow_up
from keepwarm.mail.sync import sync_account
from keepwarm.timeline.models import Interaction

from .conftest import SMTP_PASSWORD, SMTP_USER


@pytest.fixture
def sending_account(account, smtp_server):
    MailAccount.objects.filter(id=account.id).update(
        smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_security="none", smtp_username=SMTP_USER)
    account.refresh_from_db()
    account.smtp_password = SMTP_PASSWORD
    account.save()
    return account


def test_drafts_fill_in_contact_company_job_and_topics(owner, story):
    owner.first_name, owner.last_name = "Amy", "Reyes"
    followup = FollowUp(owner=owner, due_on=dt.date(2026, 12, 1), contact=story.jane, opportunity=story.job,
                        kind=Kind.THANK_YOU, reason="interview yesterday", created_at=dt.datetime.now(dt.timezone.utc))
    draft = draft_for(owner, followup=followup)
    assert draft.to == "jane@sugargliderco.com" and draft.template == "thank_you"
    assert draft.subject == "Thank you — Breeder assistant"
    assert "Hi Jane," in draft.body and "Breeder assistant role at Sugar Glider Co." in draft.body
    assert draft.body.rstrip().endswith("Amy Reyes")
    keep_warm = draft_for(owner, contact=story.jane)
    assert keep_warm.subject == "Thinking of you" and keep_warm.template == "keep_warm"
    assert "last time we talked about breeds sugar gliders" in keep_warm.body
    subject, body = render("after_rejection", {"first_name": "Bo", "company": "R&D Ltd", "job": "", "my_name": "A"})
    assert "R&D Ltd" in body and "&amp;" not in body  # plain text: no HTML escaping
    for name in ("check_in", "after_on_hold", "general"):
        assert render(name, {"first_name": "Bo", "my_name": "A"})[0]


def test_sending_a_follow_up_delivers_logs_fulfils_and_files_in_sent(owner, story, sending_account, smtp_server,
                                                                     dovecot, imap_user):
    followup = add_reminder(owner, dt.date(2026, 12, 1), "thank Jane", contact=story.jane)
    sent = send_follow_up(sending_account, to="jane@sugargliderco.com", subject="Thank you",
                          body="Hi Jane,\n\nThanks for today!\n", contacts=[story.jane], opportunity=story.job,
                          followup=followup)
    assert sent.warning == ""
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["jane@sugargliderco.com"]
    delivered = email.message_from_bytes(envelope.content)
    assert delivered["Subject"] == "Thank you" and delivered["Message-ID"] == sent.message_id
    touch = sent.interaction
    assert (touch.direction, touch.channel, touch.external_id) == ("out", "email", sent.message_id)
    assert list(touch.contacts.all()) == [story.jane] and touch.opportunity == story.job
    followup.refresh_from_db()
    assert followup.state == State.DONE
    [copy] = dovecot.messages(imap_user, "Sent")
    assert email.message_from_bytes(copy)["Message-ID"] == sent.message_id
    # The next sync finds the copy in Sent and recognises it: still one touch.
    counts = sync_account(sending_account)
    assert (counts.matched, counts.new) == (1, 0)
    assert Interaction.objects.filter(owner=owner).count() == 1


def test_smtp_refusal_sends_and_logs_nothing(owner, story, sending_account, smtp_server):
    sending_account.smtp_password = "wrong"
    sending_account.save()
    with pytest.raises(SendError, match="could not send through 127.0.0.1"):
        send_follow_up(sending_account, to="jane@sugargliderco.com", subject="Hi", body="Hello\n",
                       contacts=[story.jane])
    assert not smtp_server.messages and not Interaction.objects.exists()


@pytest.mark.parametrize("to,subject,body,field", [
    ("not-an-address", "Hi", "Hello", "email"), ("", "Hi", "Hello", "to"),
    ("jane@sugargliderco.com", " ", "Hello", "subject"), ("jane@sugargliderco.com", "Hi", "  ", "body"),
])
def test_bad_input_is_refused_before_any_smtp(owner, story, sending_account, smtp_server, to, subject, body, field):
    with pytest.raises(InputError) as info:
        send_follow_up(sending_account, to=to, subject=subject, body=body, contacts=[story.jane])
    assert info.value.field == field
    assert not smtp_server.messages and not Interaction.objects.exists()


def test_unencrypted_smtp_to_a_remote_host_is_refused(owner, story, account):
    MailAccount.objects.filter(id=account.id).update(smtp_host="smtp.example.com", smtp_security="none")
    account.refresh_from_db()
    with pytest.raises(InputError, match="unencrypted"):
        send_follow_up(account, to="jane@sugargliderco.com", subject="Hi", body="Hello", contacts=[story.jane])
