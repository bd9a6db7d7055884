"""Owner rows for the project-wide URL isolation walk (tests/web/test_isolation.py)."""

import datetime as dt


def make_mail_account(owner):
    from keepwarm.mail.models import MailAccount

    # Port 9 on loopback: if an outsider's request ever reached a sync, it would fail, not leak.
    return MailAccount.objects.create(owner=owner, email_address="owner@example.test", imap_host="127.0.0.1",
                                      imap_port=9, imap_security="none", username="owner", password="secret")


def make_suggestion(owner):
    from keepwarm.mail.models import ContactSuggestion

    return ContactSuggestion.objects.create(owner=owner, address="new@example.test", name="New Person",
                                            seen_at=dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc))


FACTORIES = {"mailaccount": make_mail_account, "contactsuggestion": make_suggestion}
