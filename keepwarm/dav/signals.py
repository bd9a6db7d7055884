"""Mark a user's DAV accounts due when something they show changes, so the next worker pass pushes it.

Without this the worker would only notice edits on its periodic pass (sync_interval); with it, an edited phone
number or a moved interview reaches the phone and the calendar on the next `keepwarm sync` or worker loop.
Inside a transaction (an import saving thousands of rows) the UPDATE runs once per user, on commit; outside one,
at once. Either way only accounts that are not due already are touched.
"""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone


def _flush(owner_id):
    from .models import DavAccount

    now = timezone.now()
    DavAccount.objects.filter(owner_id=owner_id, next_sync_at__gt=now).update(next_sync_at=now)


def mark_due(sender, instance, **kwargs):
    owner_id = getattr(instance, "owner_id", None)
    if owner_id is None:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _flush(owner_id)
        return
    # One callback per user per transaction (Django keeps (savepoint ids, func, robust) tuples; a rollback drops them).
    if any(getattr(func, "dav_owner", None) == owner_id for _, func, _ in connection.run_on_commit):
        return
    flush = functools.partial(_flush, owner_id)
    flush.dav_owner = owner_id
    transaction.on_commit(flush)


def connect():
    from keepwarm.followups.models import FollowUp
    from keepwarm.jobs.models import Interview, Opportunity, OpportunityContact
    from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone, SocialProfile

    for model in (Contact, ContactEmail, ContactPhone, SocialProfile, Company, Opportunity, OpportunityContact,
                  Interview, FollowUp):
        post_save.connect(mark_due, sender=model, dispatch_uid=f"dav-due-save-{model.__name__}")
        post_delete.connect(mark_due, sender=model, dispatch_uid=f"dav-due-delete-{model.__name__}")
