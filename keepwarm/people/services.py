"""Creating and finding companies and contacts. Validation happens before anything is written."""

from django.db import transaction

from keepwarm.lib.emails import clean_email, domain_of
from keepwarm.lib.errors import InputError
from keepwarm.lib.phones import to_e164

from .models import Company, Contact, ContactEmail, ContactPhone, SocialProfile
from .socials import parse_social

FREE_MAIL = {"gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com",
             "live.com", "msn.com", "proton.me", "protonmail.com", "gmx.com", "mail.com", "yandex.com"}


# Ten years: a longer cadence means "never" and its due date would overflow the engine's dates.
MAX_CADENCE_DAYS = 3650


def check_cadence(cadence_days):
    if cadence_days is not None and not 1 <= cadence_days <= MAX_CADENCE_DAYS:
        raise InputError("cadence", cadence_days, f"expected a number of days from 1 to {MAX_CADENCE_DAYS}")

def get_or_create_company(owner, name: str, *, website: str = "") -> Company | None:
    name = (name or "").strip()
    if not name:
        return None
    company = Company.objects.filter(owner=owner, name__iexact=name).first()
    if company is None:
        company = Company.objects.create(owner=owner, name=name, website=website)
    return company


def find_contact(owner, ref: str, field: str = "contact") -> Contact:
    """A contact by id or by (case-insensitive, unambiguous) name."""
    ref = (ref or "").strip()
    qs = Contact.objects.filter(owner=owner)
    if ref.isdigit():
        found = qs.filter(id=int(ref)).first()
        if found:
            return found
    qs = qs.select_related("company").order_by("id")
    matches = list(qs.filter(name__iexact=ref)[:6]) or list(qs.filter(name__icontains=ref)[:6]) if ref else []
    if not matches:
        raise InputError(field, ref, "no such contact")
    if len(matches) > 1:  # name them, with their ids: two people may well share a name
        listed = "; ".join(f"{c.id} {c.name}" + (f" ({c.company.name})" if c.company else "") for c in matches[:5])
        more = "; …" if len(matches) > 5 else ""
        raise InputError(field, ref, f"several contacts match, give the id: {listed}{more}")
    return matches[0]


def parse_phone(raw: str, region: str) -> tuple[str, str]:
    """'mobile=+1 555 123 4567' or '+1 555…' → (label, e164)."""
    label, sep, number = raw.partition("=")
    if not sep:
        label, number = "", raw
    return label.strip(), to_e164(number, region)


@transaction.atomic
def create_contact(owner, name, *, company="", role="", how_met="", notes="", emails=(), phones=(), socials=(),
                   topics=(), cadence_days=None, region="US") -> Contact:
    name = (name or "").strip()
    if not name:
        raise InputError("name", name, "a contact needs a name")
    check_cadence(cadence_days)
    # Validate everything first: a bad phone must not leave a half-made contact behind.
    clean_emails = [clean_email(e) for e in emails]
    clean_phones = [parse_phone(p, region) for p in phones]
    clean_socials = [parse_social(s) for s in socials]
    company_obj = get_or_create_company(owner, company)
    contact = Contact.objects.create(
        owner=owner, name=name, company=company_obj, role=role, how_met=how_met, notes=notes,
        topics=[t.strip() for t in topics if t.strip()], cadence_days=cadence_days,
    )
    for i, address in enumerate(dict.fromkeys(clean_emails)):
        ContactEmail.objects.create(owner=owner, contact=contact, address=address, primary=i == 0)
        if company_obj and domain_of(address) not in FREE_MAIL and domain_of(address) not in company_obj.email_domains:
            company_obj.email_domains = [*company_obj.email_domains, domain_of(address)]
            company_obj.save(update_fields=["email_domains"])
    for label, e164 in dict.fromkeys(clean_phones):
        ContactPhone.objects.get_or_create(owner=owner, contact=contact, e164=e164, defaults={"label": label})
    for network, handle, url in dict.fromkeys(clean_socials):
        SocialProfile.objects.get_or_create(owner=owner, contact=contact, network=network, handle=handle, url=url)
    return contact
