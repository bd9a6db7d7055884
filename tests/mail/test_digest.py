"""The daily digest: off by default, at the chosen local hour, once per day, text + HTML."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from keepwarm.followups.services import add_reminder
from keepwarm.lib.errors import InputError
from keepwarm.mail.digest import is_due, send_due_digests, set_digest
from keepwarm.mail.models import DigestPreference

CHICAGO = ZoneInfo("America/Chicago")


def at(day, hour, minute=0):
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=CHICAGO)


@pytest.fixture
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def reminder(owner, story):
    owner.email = "amy@example.test"
    owner.save()
    return add_reminder(owner, dt.date(2026, 12, 2), "Ask Jane & Co. about the role", contact=story.jane,
                        now=at(1, 9))


def test_is_due_is_a_pure_rule():
    assert not is_due(None, at(2, 23), None)
    assert not is_due(7, at(2, 6, 59), None)
    assert is_due(7, at(2, 7), None)
    assert is_due(7, at(2, 15), dt.date(2026, 12, 1))  # a worker that was down catches up the same day
    assert not is_due(7, at(2, 15), dt.date(2026, 12, 2))


def test_digest_is_off_by_default(owner, reminder, locmem):
    with time_machine.travel(at(2, 9), tick=False):
        assert send_due_digests(at(2, 9)) is False
    assert mail.outbox == [] and not DigestPreference.objects.exists()


def test_digest_goes_once_a_day_at_the_chosen_hour(owner, reminder, locmem):
    set_digest(owner, "7")
    for moment, sent in [(at(2, 6, 59), 0), (at(2, 7, 1), 1), (at(2, 7, 30), 1), (at(2, 22), 1),
                         (at(3, 7, 0), 2)]:
        with time_machine.travel(moment, tick=False):
            send_due_digests(moment)
        assert len(mail.outbox) == sent, moment
    digest = mail.outbox[0]
    assert digest.to == ["amy@example.test"]
    assert "1 due today" in digest.subject
    assert "Ask Jane & Co. about the role" in digest.body and "Jane Doe" in digest.body
    html, kind = digest.alternatives[0]
    assert kind == "text/html" and "Ask Jane &amp; Co. about the role" in html and "Jane Doe" in html


def test_digest_goes_through_the_users_smtp_account(owner, reminder, account, smtp_server):
    from keepwarm.mail.models import MailAccount

    from .conftest import SMTP_PASSWORD, SMTP_USER

    MailAccount.objects.filter(id=account.id).update(smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                                                     smtp_security="none", smtp_username=SMTP_USER)
    account.refresh_from_db()
    account.smtp_password = SMTP_PASSWORD
    account.save()
    set_digest(owner, 8)
    with time_machine.travel(at(2, 8, 5), tick=False):
        assert send_due_digests(at(2, 8, 5)) is True
        assert send_due_digests(at(2, 8, 6)) is False
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == [account.email_address]
    assert DigestPreference.objects.get(user=owner).last_error == ""


def test_nothing_due_sends_nothing_but_claims_the_day(owner, locmem):
    set_digest(owner, 7)
    with time_machine.travel(at(2, 8), tick=False):
        assert send_due_digests(at(2, 8)) is True
    assert mail.outbox == []
    assert DigestPreference.objects.get(user=owner).last_sent_on == dt.date(2026, 12, 2)


def test_digest_hour_is_validated(owner):
    for bad in ("24", "-1", "seven", "7.5"):
        with pytest.raises(InputError):
            set_digest(owner, bad)
    assert set_digest(owner, "off").hour is None
