"""Phone and calendar services: exports, DAV accounts and their push, the feed token, who is calling."""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlparse

from django.db import transaction
from django.utils import timezone

from keepwarm.lib.env import envint
from keepwarm.lib.errors import InputError
from keepwarm.people.services import find_contact

from .cards import dav_profile, gather_cards
from .carddav import DavError
from .events import gather_items
from .ics import to_ics
from .lookup import who  # noqa: F401  (the web search imports it from here)
from .models import DavAccount, DavKind, DavProfile
from .vcard import many_to_vcard


def sync_interval() -> dt.timedelta:
    """How often the worker looks at each account when nothing changed in keepwarm (KEEPWARM_DAV_INTERVAL
    seconds, default 15 minutes): that is how edits made on the phone come back. Edits in keepwarm make the
    account due at once (signals.py)."""
    return dt.timedelta(seconds=max(envint("KEEPWARM_DAV_INTERVAL", 900), 10))


# --- exports -----------------------------------------------------------------------------------------------
def export_vcards(owner, *, contacts=(), with_context=False, linked_only=False) -> str:
    ids = [find_contact(owner, ref).id for ref in contacts] if contacts else None
    return many_to_vcard(gather_cards(owner, contact_ids=ids, linked_only=linked_only), name_context=with_context)


def export_ics(owner, now=None, *, refresh_first=True) -> str:
    now = now or timezone.now()
    if refresh_first:
        from keepwarm.followups.services import refresh

        refresh(owner, now)  # the follow-ups the user would see on Today, not yesterday's
    return to_ics(gather_items(owner, now), name="keepwarm")


# --- accounts ----------------------------------------------------------------------------------------------
def clean_url(raw: str) -> str:
    url = (raw or "").strip()
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("url", raw, "expected an http:// or https:// URL")
    return url


@transaction.atomic
def add_account(owner, kind, url, *, username="", password="", calendar_name="", linked_only=False,
                name_context=True) -> DavAccount:
    if kind not in DavKind.values:
        raise InputError("kind", kind, f"expected one of {', '.join(DavKind.values)}")
    url = clean_url(url)
    if kind == DavKind.ADDRESSBOOK and not url.endswith("/"):
        url += "/"  # a collection: card URLs are made by appending to it
    calendar_name = calendar_name.strip() if kind == DavKind.CALENDAR else ""  # a form may send its default
    if kind == DavKind.CALENDAR and not calendar_name:
        raise InputError("calendar", calendar_name, "name the calendar to push to (it is created when missing)")
    if DavAccount.objects.filter(owner=owner, kind=kind, url=url, calendar_name=calendar_name).exists():
        raise InputError("url", url, "this account is already set up")
    return DavAccount.objects.create(
        owner=owner, kind=kind, url=url, username=username.strip(), password=password,
        calendar_name=calendar_name, linked_only=linked_only, name_context=name_context,
    )


def find_account(owner, account_id) -> DavAccount:
    account = DavAccount.objects.filter(owner=owner, id=account_id).first() if str(account_id).isdigit() else None
    if account is None:
        raise InputError("account", account_id, "no such DAV account (see `keepwarm dav list`)")
    return account


def push_account(account, now=None):
    """Push one account now and record the outcome on it (the settings page shows last_error)."""
    from .calsync import push_calendar
    from .cardsync import push_addressbook

    now = now or timezone.now()
    try:
        if account.kind == DavKind.CALENDAR:
            from keepwarm.followups.services import refresh

            refresh(account.owner, now)  # push today's follow-ups, not the ones of the engine's last run
        report = push_calendar(account, now) if account.kind == DavKind.CALENDAR else push_addressbook(account)
        error = "; ".join(report.errors)
    except DavError as exc:
        report, error = None, str(exc)
    DavAccount.objects.filter(id=account.id).update(
        last_synced_at=now, last_error=error[:2000], next_sync_at=now + sync_interval(), claimed_at=None)
    return report, error


# --- the calendar feed -------------------------------------------------------------------------------------
def new_feed_token(owner, now=None) -> str:
    """A fresh secret for the feed URL; the previous URL stops working at once."""
    token = secrets.token_urlsafe(32)
    profile = dav_profile(owner)
    profile.feed_token, profile.feed_token_hash = token, DavProfile.hash_token(token)
    profile.feed_created_at = now or timezone.now()
    profile.save(update_fields=["feed_token", "feed_token_hash", "feed_created_at"])
    return token


def revoke_feed(owner) -> None:
    DavProfile.objects.filter(owner=owner).update(feed_token="", feed_token_hash="", feed_created_at=None)


def owner_of_feed(token: str):
    """The user a feed token belongs to, or None (unknown, revoked or malformed)."""
    if not token or len(token) > 100:
        return None
    profile = DavProfile.objects.filter(feed_token_hash=DavProfile.hash_token(token)).select_related("owner").first()
    return profile.owner if profile else None
