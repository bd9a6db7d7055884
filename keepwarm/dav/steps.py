"""Worker step: push every DAV account that is due (address books and calendars alike)."""

import datetime as dt

from django.db.models import Q

from .models import DavAccount
from .services import push_account

# A claim older than this belongs to a worker that died mid-push: another may take the account over.
STALE_CLAIM = dt.timedelta(minutes=15)


def push_due_accounts(now) -> bool:
    """Claim each due account with a conditional update (several workers may share one PostgreSQL), push it."""
    due = DavAccount.objects.filter(Q(next_sync_at__isnull=True) | Q(next_sync_at__lte=now))
    did = False
    for account in due.filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - STALE_CLAIM)).order_by("id"):
        claimed = DavAccount.objects.filter(id=account.id, claimed_at=account.claimed_at).update(claimed_at=now)
        if claimed != 1:
            continue  # another worker got it first
        push_account(account, now)
        did = True
    return did


STEPS = [push_due_accounts]
