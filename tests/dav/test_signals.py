"""Edits mark the user's DAV accounts due: at once outside a transaction, once per user on commit inside one."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from keepwarm.dav.models import DavAccount
from keepwarm.people.services import create_contact


def make_account(owner):
    fields = {f.name for f in DavAccount._meta.get_fields()}
    account = DavAccount(owner=owner, next_sync_at=timezone.now() + dt.timedelta(hours=1))
    for name, value in (("url", "http://127.0.0.1:1/alice/contacts/"), ("username", "alice"), ("password", "x")):
        if name in fields:
            setattr(account, name, value)
    account.save()
    return account


def test_a_contact_edit_marks_the_account_due_once_per_transaction(owner, django_capture_on_commit_callbacks):
    account = make_account(owner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        create_contact(owner, "Jane", emails=["jane@example.com"], phones=["+13125550142"])
        create_contact(owner, "John", emails=["john@example.com"])
    assert len(callbacks) == 1  # many saves, one UPDATE queued for this user
    with CaptureQueriesContext(connection) as queries:
        callbacks[0]()
    assert len(queries) == 1
    account.refresh_from_db()
    assert account.next_sync_at <= timezone.now()
