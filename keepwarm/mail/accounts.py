"""Creating and changing mail accounts, and acting on suggested contacts. Validation before any write."""

from django.db import transaction
from django.utils import timezone

from keepwarm.lib.emails import clean_email
from keepwarm.lib.errors import InputError

from .imap import is_loopback
from .models import ContactSuggestion, MailAccount, Security, SuggestionState

FIELDS = ["label", "email_address", "imap_host", "imap_port", "imap_security", "username", "password", "folders",
          "sent_folder", "smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_password", "enabled",
          "sync_every_minutes"]


def clean_account(values: dict, *, record: str = "mail account") -> dict:
    """Check and normalise account fields; raise InputError naming the first bad one."""
    out = dict(values)
    out["email_address"] = clean_email(out.get("email_address", ""), record=record)
    for host_field, security_field, port_field in (("imap_host", "imap_security", "imap_port"),
                                                   ("smtp_host", "smtp_security", "smtp_port")):
        host = (out.get(host_field) or "").strip()
        out[host_field] = host
        if host_field == "imap_host" and not host:
            raise InputError("imap_host", host, "an IMAP server is needed to read your mail", record)
        security = out.get(security_field) or Security.TLS
        if security not in Security.values:
            raise InputError(security_field, security, f"expected one of {', '.join(Security.values)}", record)
        if host and security == Security.NONE and not is_loopback(host):
            raise InputError(security_field, security, "unencrypted connections are for 127.0.0.1 only", record)
        out[security_field] = security
        port = out.get(port_field)
        if port is not None and not (isinstance(port, int) and 0 < port < 65536):
            raise InputError(port_field, port, "expected a port number between 1 and 65535", record)
    if not (out.get("username") or "").strip():
        raise InputError("username", "", "the IMAP user name is needed", record)
    folders = out.get("folders")
    if isinstance(folders, str):
        folders = [f.strip() for f in folders.split(",") if f.strip()]
    out["folders"] = list(folders or ["INBOX", "Sent"])
    every = out.get("sync_every_minutes")
    if every is not None and (not isinstance(every, int) or every < 1):
        raise InputError("sync_every_minutes", every, "expected a whole number of minutes, 1 or more", record)
    return {k: v for k, v in out.items() if k in FIELDS and v is not None}


@transaction.atomic
def create_account(owner, **values) -> MailAccount:
    clean = clean_account(values)
    return MailAccount.objects.create(owner=owner, next_sync_at=timezone.now(), **clean)


@transaction.atomic
def update_account(account: MailAccount, **values) -> MailAccount:
    """Blank passwords keep the stored ones (the form never shows them back)."""
    current = {f: getattr(account, f) for f in FIELDS}
    for secret in ("password", "smtp_password"):
        if not values.get(secret):
            values.pop(secret, None)
    clean = clean_account({**current, **values})
    for field, value in clean.items():
        setattr(account, field, value)
    account.last_error, account.failures, account.next_sync_at = "", 0, timezone.now()
    account.save()
    return account


@transaction.atomic
def accept_suggestion(suggestion: ContactSuggestion, name: str = ""):
    """Make the suggested person a contact at their company (their address and company domain known)."""
    from keepwarm.accounts.services import profile_of
    from keepwarm.people.models import ContactEmail
    from keepwarm.people.services import create_contact

    if suggestion.state != SuggestionState.OPEN:
        raise InputError("suggestion", suggestion.id, "already handled")
    existing = ContactEmail.objects.filter(owner=suggestion.owner, address=suggestion.address).first()
    if existing:
        contact = existing.contact
    else:
        contact = create_contact(
            suggestion.owner, (name or suggestion.name or suggestion.address.split("@")[0]).strip(),
            company=suggestion.company.name if suggestion.company_id else "", emails=[suggestion.address],
            how_met=f"email: {suggestion.subject}"[:500], region=profile_of(suggestion.owner).phone_region,
        )
    suggestion.state, suggestion.contact = SuggestionState.ACCEPTED, contact
    suggestion.save(update_fields=["state", "contact"])
    if suggestion.message_id:
        # The message that prompted the suggestion was their first touch (its body was never kept).
        from keepwarm.timeline.services import log_interaction

        log_interaction(suggestion.owner, [contact], channel="email", direction="in", summary=suggestion.subject,
                        happened_at=suggestion.seen_at, origin="synced", external_id=suggestion.message_id)
    return contact


def dismiss_suggestion(suggestion: ContactSuggestion) -> None:
    """Dismissed addresses are never suggested again (the row stays, in state "dismissed")."""
    suggestion.state = SuggestionState.DISMISSED
    suggestion.save(update_fields=["state"])
