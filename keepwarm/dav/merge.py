"""Bring phones and emails added on the phone into keepwarm before pushing a card over the server's copy."""

import vobject
from django.db import transaction

from keepwarm.lib.emails import clean_email
from keepwarm.lib.errors import InputError
from keepwarm.lib.phones import try_e164
from keepwarm.people.models import ContactEmail, ContactPhone

LABELS = {"CELL": "mobile", "IPHONE": "mobile", "WORK": "work", "HOME": "home", "FAX": "fax", "PAGER": "pager"}


def phone_label(types) -> str:
    for t in types or []:
        label = LABELS.get(str(t).upper())
        if label:
            return label
    return ""


def new_on_server(server_text: str, known_phones: set[str], known_emails: set[str], region: str):
    """Pure: the (label, e164) phones and the emails on the server card that keepwarm does not have yet.

    Numbers that do not parse as real numbers (a short code, a typo) are left on the phone and not imported."""
    card = vobject.readOne(server_text)
    phones, emails = [], []
    for tel in card.contents.get("tel", []):
        e164 = try_e164(str(tel.value), region)
        if e164 and e164 not in known_phones and e164 not in {p for _, p in phones}:
            phones.append((phone_label(tel.params.get("TYPE")), e164))
    for email in card.contents.get("email", []):
        try:
            address = clean_email(str(email.value))
        except InputError:
            continue
        if address not in known_emails and address not in emails:
            emails.append(address)
    return phones, emails


@transaction.atomic
def merge_server_card(contact, server_text: str, region: str) -> tuple[list, list]:
    """Add the server card's new phones and emails to the contact; returns what was added."""
    known_phones = set(ContactPhone.objects.filter(contact=contact).values_list("e164", flat=True))
    known_emails = set(ContactEmail.objects.filter(contact=contact).values_list("address", flat=True))
    phones, emails = new_on_server(server_text, known_phones, known_emails, region)
    for label, e164 in phones:
        ContactPhone.objects.get_or_create(owner_id=contact.owner_id, contact=contact, e164=e164,
                                           defaults={"label": label})
    for address in emails:
        ContactEmail.objects.get_or_create(owner_id=contact.owner_id, contact=contact, address=address,
                                           defaults={"primary": not known_emails})
    return phones, emails
