"""IMAP sync against a real Dovecot: first and incremental sync, UIDVALIDITY, two folders, strangers,
malformed mail and a wrong password."""

import datetime as dt

import pytest
import time_machine

from keepwarm.mail.models import ContactSuggestion, FolderState, MailAccount, ProcessedMessage
from keepwarm.mail.sync import claim, sync_account
from keepwarm.timeline.models import Interaction

from .conftest import make_message

NOW = dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.timezone.utc)


def statuses(account):
    return sorted(ProcessedMessage.objects.filter(account=account).values_list("status", flat=True))


@time_machine.travel(NOW, tick=False)
def test_first_sync_logs_mail_with_known_contacts_and_keeps_nothing_else(owner, story, account, dovecot, imap_user):
    dovecot.append(imap_user, "INBOX", make_message(
        "Jane Doe <Jane@SugarGliderCo.com>", imap_user, "Interview on Friday?", "Could you come in Friday at 2?\n",
        message_id="<interview-1@sugargliderco.com>"))
    dovecot.append(imap_user, "INBOX", make_message(
        "Newsletter <news@shop.example>", imap_user, "50% off everything", "Private stuff\n"))

    counts = sync_account(account, NOW)

    assert (counts.read, counts.matched, counts.new, counts.ignored) == (2, 1, 1, 1)
    touch = Interaction.objects.get(owner=owner)
    assert (touch.channel, touch.direction, touch.origin) == ("email", "in", "synced")
    assert touch.summary == "Interview on Friday?"
    assert "Friday at 2" in touch.body
    assert touch.external_id == "<interview-1@sugargliderco.com>"
    assert list(touch.contacts.all()) == [story.jane]
    assert touch.opportunity == story.job  # Jane is on exactly one active job
    assert touch.happened_at == dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc)
    # The newsletter is recorded by identity only: no subject, no body anywhere.
    ignored = ProcessedMessage.objects.get(account=account, status="ignored")
    assert ignored.interaction is None and not Interaction.objects.filter(summary__contains="50%").exists()
    account.refresh_from_db()
    assert account.last_error == "" and account.last_sync_at == NOW and account.claimed_until is None
    assert account.next_sync_at == NOW + dt.timedelta(minutes=15)


@time_machine.travel(NOW, tick=False)
def test_incremental_sync_reads_only_new_messages(owner, story, account, dovecot, imap_user):
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "One"))
    assert sync_account(account, NOW).read == 1
    assert sync_account(account, NOW).read == 0  # nothing new: nothing fetched
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "Two"))
    counts = sync_account(account, NOW)
    assert (counts.read, counts.new) == (1, 1)
    assert sorted(Interaction.objects.values_list("summary", flat=True)) == ["One", "Two"]
    assert FolderState.objects.get(account=account, name="INBOX").last_uid == 2


@time_machine.travel(NOW, tick=False)
def test_uidvalidity_change_rescans_without_duplicating(owner, story, account, dovecot, imap_user):
    import time

    sent = make_message(imap_user, "bob@acmestaffing.com", "Out", message_id="<out-1@example.test>")
    dovecot.append(imap_user, "Sent", sent)
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "Kept"))
    sync_account(account, NOW)
    before = FolderState.objects.get(account=account, name="Sent").uidvalidity

    time.sleep(1.1)  # Dovecot derives a new folder's UIDVALIDITY from the clock
    dovecot.recreate(imap_user, "Sent")
    dovecot.append(imap_user, "Sent", make_message(imap_user, "bob@acmestaffing.com", "Another"))
    dovecot.append(imap_user, "Sent", sent)  # the old message again, under a new UID
    counts = sync_account(account, NOW)

    state = FolderState.objects.get(account=account, name="Sent")
    assert state.uidvalidity != before and state.last_uid == 2
    assert (counts.read, counts.matched, counts.new) == (2, 2, 1)
    assert Interaction.objects.filter(owner=owner, summary="Out").count() == 1  # same Message-ID: one touch
    assert sorted(Interaction.objects.filter(owner=owner).values_list("summary", flat=True)) == [
        "Another", "Kept", "Out"]


@time_machine.travel(NOW, tick=False)
def test_same_message_in_inbox_and_sent_is_one_touch(owner, story, account, dovecot, imap_user):
    # A reply-all I sent to Jane that also landed in my own inbox.
    raw = make_message(imap_user, f"jane@sugargliderco.com, {imap_user}", "Re: Interview",
                       message_id="<both@example.test>")
    dovecot.append(imap_user, "INBOX", raw)
    dovecot.append(imap_user, "Sent", raw)
    counts = sync_account(account, NOW)
    assert (counts.read, counts.matched, counts.new) == (2, 2, 1)
    touch = Interaction.objects.get(owner=owner)
    assert touch.direction == "out" and list(touch.contacts.all()) == [story.jane]
    assert ProcessedMessage.objects.filter(account=account, interaction=touch).count() == 2


@time_machine.travel(NOW, tick=False)
def test_unknown_sender_at_known_company_becomes_a_suggestion(owner, story, account, dovecot, imap_user):
    dovecot.append(imap_user, "INBOX", make_message(
        "Kim Lee <kim@sugargliderco.com>", imap_user, "Scheduling your final interview"))
    dovecot.append(imap_user, "INBOX", make_message("no-reply@sugargliderco.com", imap_user, "Automated"))
    counts = sync_account(account, NOW)
    assert (counts.suggested, counts.matched) == (1, 0)
    suggestion = ContactSuggestion.objects.get(owner=owner)
    assert (suggestion.address, suggestion.name, suggestion.company) == (
        "kim@sugargliderco.com", "Kim Lee", story.jane.company)
    assert suggestion.subject == "Scheduling your final interview"
    assert not Interaction.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_malformed_message_is_recorded_and_sync_goes_on(owner, story, account, dovecot, imap_user):
    dovecot.append(imap_user, "INBOX", b"this is not an email at all\r\n\r\njust text\r\n")
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "After the junk"))
    counts = sync_account(account, NOW)
    assert (counts.read, counts.errors, counts.new) == (2, 1, 1)
    bad = ProcessedMessage.objects.get(account=account, status="error")
    assert "no mail headers" in bad.error or "no sender" in bad.error
    assert bad.uid == 1 and bad.message_id.endswith("@no-message-id.keepwarm>")
    assert sync_account(account, NOW).read == 0  # recorded: not retried on every pass


@time_machine.travel(NOW, tick=False)
def test_wrong_password_is_a_clear_error_on_that_account_only(owner, outsider, story, account, dovecot, imap_user):
    from keepwarm.mail.accounts import create_account

    other_user = dovecot.add_user()
    dovecot.append(other_user, "INBOX", make_message("x@example.org", other_user, "Theirs"))
    good = create_account(outsider, email_address=other_user, imap_host="127.0.0.1", imap_port=dovecot.port,
                          imap_security="none", username=other_user, password="secret")
    MailAccount.objects.filter(id=account.id).update(password="wrong-password")
    account.refresh_from_db()
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "Unseen"))

    counts = sync_account(account, NOW)
    account.refresh_from_db()
    assert counts.read == 0
    assert account.last_error.startswith(f"login failed for {imap_user} at 127.0.0.1")
    assert "wrong-password" not in account.last_error
    assert account.failures == 1 and account.last_sync_at is None
    assert account.next_sync_at == NOW + dt.timedelta(minutes=30)  # backs off
    assert not ProcessedMessage.objects.filter(account=account).exists()
    assert sync_account(good, NOW).read == 1  # the other account is unharmed


def test_a_claimed_account_is_not_claimed_again(owner, account):
    now = account.next_sync_at
    assert claim(account.id, now - dt.timedelta(seconds=1)) is False  # not due yet
    assert claim(account.id, now) is True
    assert claim(account.id, now) is False
    assert claim(account.id, now + dt.timedelta(minutes=11)) is True  # a crashed worker's claim expires


def test_password_is_encrypted_at_rest(owner, account):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM mail_mailaccount WHERE id = %s", [account.id])
        stored = cursor.fetchone()[0]
    assert stored and "secret" not in stored
    assert MailAccount.objects.get(id=account.id).password == "secret"


@time_machine.travel(NOW, tick=False)
def test_mail_about_nobody_known_is_never_downloaded(owner, story, account, dovecot, imap_user):
    import re
    import time
    from pathlib import Path

    for i in range(5):
        dovecot.append(imap_user, "INBOX", make_message(f"shop{i}@store.example", imap_user, "Sale",
                                                        "private body " * 200))
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "Hi"))
    counts = sync_account(account, NOW)
    assert (counts.read, counts.ignored, counts.new) == (6, 5, 1)
    time.sleep(0.5)  # Dovecot writes its log asynchronously
    log = Path(dovecot.dir, "dovecot.log").read_text()
    fetched = sum(int(n) for n in re.findall(rf"imap\({re.escape(imap_user)}\).*body_count=(\d+)", log))
    assert fetched == 1  # only Jane's message body left the server


@time_machine.travel(NOW, tick=False)
def test_a_dropped_connection_is_an_error_on_the_account_and_progress_is_kept(owner, story, account, dovecot,
                                                                              imap_user, monkeypatch):
    from keepwarm.mail import imap, sync

    for i in range(3):
        dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, f"N{i}"))
    monkeypatch.setattr(sync, "CHUNK", 1)
    real_fetch, calls = imap.fetch, {"n": 0}

    def flaky(conn, uids, headers_only=False):
        calls["n"] += 1
        if calls["n"] == 3:  # headers+body of the first message went fine; then the line drops
            raise ConnectionResetError("connection reset by peer")
        return real_fetch(conn, uids, headers_only=headers_only)

    monkeypatch.setattr(imap, "fetch", flaky)
    counts = sync_account(account, NOW)
    account.refresh_from_db()
    assert counts.new == 1 and "connection lost" in account.last_error and account.failures == 1
    monkeypatch.setattr(imap, "fetch", real_fetch)
    account.refresh_from_db()
    assert sync_account(account, NOW).new == 2  # resumes after the first message
    assert Interaction.objects.filter(owner=owner).count() == 3
