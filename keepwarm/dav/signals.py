"""Mark a user's DAV accounts due when something they show changes, so the next worker pass pushes it.

Without this the worker would only notice edits on its periodic pass (sync_interval); with it, an edited phone
number or a moved interview reaches the phone and the calendar on the next `keepwarm sync` or worker loop.
One indexed UPDATE per save, and only when the user has an account that is not due already.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone


def mark_due(sender, instance, **kwargs):
    from .models import DavAccount

    owner_id = getattr(instance, "owner_id", None)
    if owner_id is None:
        return
    now = timezone.now()
    DavAccount.objects.filter(owner_id=owner_id, next_sync_at__gt=now).update(next_sync_at=now)


def connect():
    from keepwarm.followups.models import FollowUp
    from keepwarm.jobs.models import Interview, Opportunity, OpportunityContact
    from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone, SocialProfile

    for model in (Contact, ContactEmail, ContactPhone, SocialProfile, Company, Opportunity, OpportunityContact,
                  Interview, FollowUp):
        post_save.connect(mark_due, sender=model, dispatch_uid=f"dav-due-save-{model.__name__}")
        post_delete.connect(mark_due, sender=model, dispatch_uid=f"dav-due-delete-{model.__name__}")
