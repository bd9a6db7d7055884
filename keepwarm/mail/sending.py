"""Sending mail through the user's own SMTP account: follow-ups (logged as touches) and the digest.

1. Everything is validated before the SMTP conversation, so bad input sends nothing.
2. The message is sent; only then is it logged as an outbound touch (fulfilling the follow-up it answers),
   so a failed send leaves no trace of a touch that did not happen.
3. A copy goes to the account's Sent folder over IMAP; failing that is a warning, not an error — the mail left.
"""

import dataclasses
import smtplib
import ssl
from email.utils import formataddr, formatdate, make_msgid

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from keepwarm.lib.emails import clean_email, domain_of
from keepwarm.lib.errors import InputError
from keepwarm.timeline.services import log_interaction

from . import imap
from .models import MailAccount, Security

TIMEOUT = 30


class SendError(Exception):
    """The SMTP server refused or could not be reached: one line for the user."""


def smtp_connection(account: MailAccount):
    if not account.smtp_host:
        raise InputError("account", str(account), "this mail account has no SMTP server for sending")
    if account.smtp_security == Security.NONE and not imap.is_loopback(account.smtp_host):
        raise InputError("smtp_security", "none", "refusing to send a password unencrypted: choose TLS or STARTTLS")
    return get_connection(
        backend="django.core.mail.backends.smtp.EmailBackend", host=account.smtp_host, port=account.smtp_port,
        username=account.smtp_username or account.username, password=account.smtp_password or account.password,
        use_tls=account.smtp_security == Security.STARTTLS, use_ssl=account.smtp_security == Security.TLS,
        timeout=TIMEOUT, fail_silently=False,
    )


def sender_of(account: MailAccount) -> str:
    name = (account.owner.get_full_name() or "").strip()
    return formataddr((name, account.email_address)) if name else account.email_address


def build(account, to: list[str], subject: str, body: str, *, html: str = "") -> EmailMessage:
    """An EmailMessage with its own Message-ID and Date fixed up front, so the copy in Sent and the touch's
    external id are the very message that left."""
    message_id = make_msgid(domain=domain_of(account.email_address) or "keepwarm.local")
    msg = EmailMultiAlternatives(subject, body, from_email=sender_of(account), to=to,
                                 headers={"Message-ID": message_id, "Date": formatdate(localtime=False)})
    if html:
        msg.attach_alternative(html, "text/html")
    return msg


def deliver(account, msg: EmailMessage) -> None:
    msg.connection = smtp_connection(account)
    try:
        msg.send()
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise SendError(f"could not send through {account.smtp_host}:{account.smtp_port}: {exc}") from None


def append_to_sent(account, raw: bytes) -> str:
    """Put a copy in the Sent folder; returns a warning ('' when done or not configured)."""
    if not account.sent_folder or not account.imap_host:
        return ""
    try:
        conn = imap.connect(account)
        try:
            imap.append(conn, imap.resolve_folder(conn, account.sent_folder), raw)
        finally:
            imap.close(conn)
    except imap.MailError as exc:
        return f"sent, but not copied to {account.sent_folder}: {exc}"
    return ""


@dataclasses.dataclass
class Sent:
    interaction: object
    message_id: str
    warning: str = ""


def send_follow_up(account, *, to, subject, body, contacts, opportunity=None, followup=None, now=None) -> Sent:
    """Send a note to contacts and log it as an outbound email touch (done on `followup` when given)."""
    now = now or timezone.now()
    addresses = [clean_email(a, record="to") for a in (to if isinstance(to, (list, tuple)) else to.split(","))
                 if a.strip()]
    if not addresses:
        raise InputError("to", to, "who should receive it? give an email address")
    if not subject.strip():
        raise InputError("subject", subject, "a message needs a subject")
    if not body.strip():
        raise InputError("body", "", "the message is empty")
    if not contacts:
        raise InputError("contact", "", "a follow-up goes to a contact")
    msg = build(account, addresses, subject.strip(), body)
    deliver(account, msg)
    message_id = msg.extra_headers["Message-ID"]
    with transaction.atomic():
        interaction = log_interaction(account.owner, contacts, channel="email", direction="out", summary=subject,
                                      body=body, happened_at=now, opportunity=opportunity, external_id=message_id)
        if followup is not None:
            from keepwarm.followups.services import mark_done

            mark_done(account.owner, followup.id, now, note="sent by email", quietly=True)
    warning = append_to_sent(account, msg.message().as_bytes())
    return Sent(interaction=interaction, message_id=message_id, warning=warning)


def sending_account(user) -> MailAccount | None:
    return MailAccount.objects.filter(owner=user, enabled=True).exclude(smtp_host="").order_by("id").first()
