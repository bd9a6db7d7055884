"""Worker steps of the mail app (see keepwarm/worker.py): sync due accounts, send due digests."""

import logging

from .digest import send_due_digests
from .models import MailAccount
from .sync import claim, due_accounts, sync_account

log = logging.getLogger("keepwarm.mail")


def sync_due_accounts(now) -> bool:
    """Sync one due account this process could claim; True when it did (the loop comes back at once)."""
    for account_id in due_accounts(now).order_by("next_sync_at", "id").values_list("id", flat=True)[:20]:
        if claim(account_id, now):
            account = MailAccount.objects.select_related("owner").get(id=account_id)
            counts = sync_account(account, now)
            log.info("mail sync of account %s: %s", account_id, counts.line())
            return True
    return False


STEPS = [sync_due_accounts, send_due_digests]
