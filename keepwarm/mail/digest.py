"""The daily digest: the Today list by email, once a day at the hour the user chose (off by default).

A template trio (subject, text, HTML) behind one function, healthchecks style. Each user's day is claimed
with a conditional update of `last_sent_on`, so several workers never send the same digest twice.
"""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template import Context
from django.template.loader import render_to_string

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone
from keepwarm.lib.env import envstr
from keepwarm.lib.errors import InputError

from .drafts import text_engine
from .models import DigestPreference
from .sending import SendError, build, deliver, sending_account

log = logging.getLogger("keepwarm.mail")


def is_due(hour: int | None, local_now: dt.datetime, last_sent_on: dt.date | None) -> bool:
    """Due once the chosen hour has come, once per local day; a worker that was down catches up later that day."""
    if hour is None:
        return False
    return local_now.hour >= hour and (last_sent_on is None or last_sent_on < local_now.date())


def render_digest(user, now) -> tuple[str, str, str] | None:
    """(subject, text, html) of the user's Today list, or None when there is nothing to say."""
    from keepwarm.followups.services import today_items

    items = today_items(user, now)  # plain values: the worker renders one per user each day
    if not items.all():
        return None
    context = {
        "today": items.today, "overdue": items.overdue, "due": items.due, "upcoming": items.upcoming,
        "sections": [("Overdue", items.overdue), ("Due today", items.due), ("Coming up", items.upcoming)],
        "base_url": envstr("KEEPWARM_BASE_URL", ""),
    }
    subject = " ".join(text_engine().get_template("digest/subject.txt").render(Context(context, autoescape=False)).split())
    text = text_engine().get_template("digest/body.txt").render(Context(context, autoescape=False))
    html = render_to_string("mail/digest/body.html", context)
    return subject, text, html


def send_digest(user, now) -> bool:
    """Send the user's digest now; False when the Today list is empty (nothing is sent)."""
    rendered = render_digest(user, now)
    if rendered is None:
        return False
    subject, text, html = rendered
    pref = DigestPreference.objects.filter(user=user).first()
    wanted = pref.to_address if pref and pref.to_address else ""
    account = sending_account(user)
    if account is not None:
        msg = build(account, [wanted or account.email_address], subject, text, html=html)
        deliver(account, msg)
        return True
    to = wanted or user.email
    if not to:
        raise InputError("digest", user.username, "no address to send the digest to: add a mail account or an address")
    msg = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    msg.attach_alternative(html, "text/html")
    try:
        msg.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"could not send the digest: {exc}") from None
    return True


def send_due_digests(now) -> bool:
    """Worker step: send every digest whose hour has come and whose day no worker has claimed yet."""
    did_work = False
    for pref in DigestPreference.objects.filter(hour__isnull=False).select_related("user"):
        local_now = now.astimezone(zone(profile_of(pref.user).time_zone))
        if not is_due(pref.hour, local_now, pref.last_sent_on):
            continue
        today = local_now.date()
        claimed = DigestPreference.objects.filter(id=pref.id).filter(
            Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=today)).update(last_sent_on=today) == 1
        if not claimed:
            continue
        did_work = True
        try:
            send_digest(pref.user, now)
            error = ""
        except (SendError, InputError) as exc:
            # The day stays claimed: a broken server must not mean a digest attempt every loop; the error shows
            # in the settings page.
            error = str(exc)
            log.warning("digest for %s: %s", pref.user.username, error)
        DigestPreference.objects.filter(id=pref.id).update(last_error=error)
    return did_work


def set_digest(user, hour, to_address: str = "") -> DigestPreference:
    """Choose the digest hour (0–23 in the user's zone) or turn it off with "off" / empty."""
    from keepwarm.lib.emails import clean_email

    raw = "" if hour is None else str(hour).strip().lower()
    if raw in ("", "off", "none", "no"):
        value = None
    elif raw.isdigit() and 0 <= int(raw) <= 23:
        value = int(raw)
    else:
        raise InputError("hour", hour, "expected an hour from 0 to 23, or off")
    address = clean_email(to_address, record="digest") if to_address and to_address.strip() else ""
    pref, _ = DigestPreference.objects.get_or_create(user=user)
    pref.hour, pref.to_address = value, address
    pref.save(update_fields=["hour", "to_address"])
    return pref
