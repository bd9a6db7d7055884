"""IMAP sync of one account, and the claim that lets several workers share the accounts.

Incremental by UIDVALIDITY + UID; each chunk of messages is recorded and the folder's position advanced
in one transaction, so an interrupted sync resumes where it stopped and never records a message twice.
"""

import datetime as dt
import imaplib
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from keepwarm.timeline.models import Origin

from . import imap
from .matching import Counts, Recorder
from .models import FolderState, MailAccount, Source
from .parse import quick_message_id
from .records import save_records

log = logging.getLogger("keepwarm.mail")
CHUNK = 50
CLAIM = dt.timedelta(minutes=10)
MAX_BACKOFF = dt.timedelta(hours=6)


def due_accounts(now):
    return MailAccount.objects.filter(enabled=True).filter(
        Q(next_sync_at__isnull=True) | Q(next_sync_at__lte=now)
    ).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


def claim(account_id: int, now) -> bool:
    """True when this process now owns the account's sync: the conditional update succeeds for one worker only."""
    return due_accounts(now).filter(id=account_id).update(claimed_until=now + CLAIM) == 1


def _extend_claim(account):
    MailAccount.objects.filter(id=account.id).update(claimed_until=timezone.now() + CLAIM)


def next_sync(account, now, failed: bool) -> dt.datetime:
    """Every N minutes; after failures back off (doubling, at most 6 hours) so a wrong password does not hammer
    the server."""
    every = dt.timedelta(minutes=max(account.sync_every_minutes, 1))
    if failed:
        every = min(every * (2 ** min(account.failures, 10)), MAX_BACKOFF)
    return now + every


def sync_account(account: MailAccount, now=None) -> Counts:
    """One pass over the account's folders, then release the claim with the next due time and the outcome."""
    now = now or timezone.now()
    recorder = Recorder(account.owner, source=Source.IMAP, origin=Origin.SYNCED, now=now, account=account)
    problems, failed = [], False
    try:
        conn = imap.connect(account)
    except imap.MailError as exc:
        problems, failed = [str(exc)], True
    else:
        try:
            for folder in account.watched_folders:
                try:
                    _sync_folder(conn, account, folder, recorder)
                except imap.MailError as exc:
                    problems.append(str(exc))
                except (OSError, imaplib.IMAP4.error) as exc:  # the connection dropped mid-folder
                    problems.append(f"folder {folder}: connection lost: {exc}")
                    failed = True
                    break
        finally:
            imap.close(conn)
    failures = account.failures + 1 if failed else 0
    account.failures = failures
    MailAccount.objects.filter(id=account.id).update(
        claimed_until=None, next_sync_at=next_sync(account, now, failed), last_error="; ".join(problems)[:2000],
        failures=failures, **({} if failed else {"last_sync_at": now}),
    )
    if problems:
        log.warning("mail sync of account %s: %s", account.id, "; ".join(problems))
    return recorder.counts


def _sync_folder(conn, account, folder, recorder):
    folder = imap.resolve_folder(conn, folder)
    uidvalidity = imap.select(conn, folder)
    state, _ = FolderState.objects.get_or_create(account=account, name=folder)
    if state.uidvalidity != uidvalidity:
        # The server renumbered the folder: start over. Message-IDs keep the touches from doubling.
        state.uidvalidity, state.last_uid = uidvalidity, 0
        state.save(update_fields=["uidvalidity", "last_uid"])
    uids = imap.uids_after(conn, state.last_uid)
    for start in range(0, len(uids), CHUNK):
        batch = _fetch_chunk(conn, uids[start:start + CHUNK], recorder)  # network first, then a short transaction
        recorder.begin_batch(quick_message_id(raw) for _, raw in batch)
        with transaction.atomic():
            rows = [recorder.process(raw, folder=folder, uidvalidity=uidvalidity, uid=uid) for uid, raw in batch]
            recorder.flush()
            save_records(rows)
            FolderState.objects.filter(id=state.id).update(last_uid=uids[min(start + CHUNK, len(uids)) - 1])
        _extend_claim(account)


def _fetch_chunk(conn, uids, recorder) -> list:
    """Headers first; whole messages only for those that concern someone known. Most mail is never downloaded
    (privacy, and a first sync of a big inbox is mostly newsletters)."""
    headers = dict(imap.fetch(conn, uids, headers_only=True))
    wanted = [uid for uid in uids if uid in headers and recorder.needs_body(headers[uid])]
    bodies = dict(imap.fetch(conn, wanted)) if wanted else {}
    return [(uid, bodies.get(uid, headers[uid])) for uid in uids if uid in headers]


def sync_now(account: MailAccount, now=None) -> Counts | None:
    """Sync one account at once if no worker holds it (the "Sync now" button and `keepwarm mail sync`)."""
    now = now or timezone.now()
    MailAccount.objects.filter(id=account.id).update(next_sync_at=now)
    if not claim(account.id, now):
        return None
    account.refresh_from_db()
    return sync_account(account, now)
