"""Writing one contact record: merge into the contact it matches, or create it. Never a duplicate."""

from keepwarm.lib.emails import clean_email, domain_of
from keepwarm.lib.errors import InputError
from keepwarm.lib.phones import to_e164
from keepwarm.people.models import Contact, ContactEmail, ContactPhone, SocialProfile
from keepwarm.people.services import FREE_MAIL, create_contact, get_or_create_company


def normalise(record, region: str):
    """Validated emails, (label, e164) phones and socials; InputError names the record and the field."""
    emails = list(dict.fromkeys(clean_email(e, record=record.ref) for e in record.emails if (e or "").strip()))
    phones, seen = [], set()
    for label, raw in record.phones:
        if not (raw or "").strip():
            continue
        e164 = to_e164(raw, region, record=record.ref)
        if e164 not in seen:
            seen.add(e164)
            phones.append(((label or "")[:40], e164))
    socials = list(dict.fromkeys((n, (h or "")[:200], (u or "")[:500]) for n, h, u in record.socials if h or u))
    return emails, phones, socials


def write_contact(writer, record) -> tuple[str, str, str]:
    return upsert_contact(writer, record)[1:]


def upsert_contact(writer, record) -> tuple[int, str, str, str]:
    """(contact id, action, label, detail)."""
    name = " ".join((record.name or "").split())[:200]
    if not name:
        raise InputError("name", record.name, "a contact needs a name", record.ref)
    emails, phones, socials = normalise(record, writer.region)
    cid = writer.index.find(emails, [p for _, p in phones], socials, name)
    if cid is None:
        contact = create_contact(
            writer.owner, name, company=record.company[:200], role=record.role[:200], notes=record.notes,
            how_met=record.how_met[:500], emails=emails, phones=[f"{label}={e164}" for label, e164 in phones],
            region=writer.region,
        )
        for network, handle, url in socials:
            SocialProfile.objects.get_or_create(owner=writer.owner, contact=contact, network=network, handle=handle,
                                                url=url)
        writer.index.add(contact.id, emails, [p for _, p in phones], socials, name)
        writer.index.fill(contact.id, contact)
        return contact.id, "created", name, ""
    if writer.index.brings_nothing_new(cid, record, emails, [p for _, p in phones], socials):
        return cid, "unchanged", writer.index.names.get(cid, name), ""
    contact = Contact.objects.select_related("company").get(id=cid)
    changes = merge_into(writer, contact, record, emails, phones, socials)
    writer.index.add(contact.id, emails, [p for _, p in phones], socials, name)
    writer.index.fill(contact.id, contact)
    if changes:
        return contact.id, "merged", contact.name, "added " + ", ".join(changes)
    return contact.id, "unchanged", contact.name, ""


def merge_into(writer, contact, record, emails, phones, socials) -> list:
    """Add what the contact lacks; never overwrite what the user already wrote."""
    owner, changes = writer.owner, []
    have_emails = set(contact.emails.values_list("address", flat=True))
    for address in emails:
        if address not in have_emails:
            ContactEmail.objects.create(owner=owner, contact=contact, address=address, primary=not have_emails)
            have_emails.add(address)
            changes.append(f"email {address}")
    have_phones = set(contact.phones.values_list("e164", flat=True))
    for label, e164 in phones:
        if e164 not in have_phones:
            ContactPhone.objects.create(owner=owner, contact=contact, e164=e164, label=label)
            have_phones.add(e164)
            changes.append(f"phone {e164}")
    have_socials = {(n, h, u) for n, h, u in contact.socials.values_list("network", "handle", "url")}
    have_keys = {(n, h.lower()) for n, h, _ in have_socials} | {(n, u.lower().rstrip("/")) for n, _, u in have_socials}
    for network, handle, url in socials:
        if (network, handle.lower()) in have_keys or (url and (network, url.lower().rstrip("/")) in have_keys):
            continue
        SocialProfile.objects.create(owner=owner, contact=contact, network=network, handle=handle, url=url)
        have_keys |= {(network, handle.lower()), (network, url.lower().rstrip("/"))}
        changes.append(f"{network} profile")
    fields = []
    if record.company and contact.company is None:
        contact.company = get_or_create_company(owner, record.company[:200])
        fields.append("company")
    for field in ("role", "how_met", "notes"):
        value = (getattr(record, field) or "").strip()
        if value and not getattr(contact, field):
            setattr(contact, field, value[: 500 if field == "how_met" else 200 if field == "role" else None])
            fields.append(field)
    if fields:
        contact.save(update_fields=[*fields, "updated_at"])
        changes.extend(fields)
    if contact.company and any(domain_of(e) not in FREE_MAIL for e in emails):
        domains = [d for d in dict.fromkeys(domain_of(e) for e in emails) if d not in FREE_MAIL]
        new = [d for d in domains if d not in contact.company.email_domains]
        if new:
            contact.company.email_domains = [*contact.company.email_domains, *new]
            contact.company.save(update_fields=["email_domains"])
    return changes


def find_or_create_person(writer, ref, person, *, create: bool):
    """A message's participant: matched by profile URL or exact name; created only when the user chose it."""
    socials = [(person.network, person.profile_url.rstrip("/").rsplit("/", 1)[-1], person.profile_url)] \
        if person.profile_url else []
    cid = writer.index.find([], [], socials, person.name)
    if cid is not None:
        return Contact.objects.get(id=cid), False
    if not create or not (person.name or "").strip():
        return None, False
    from .records import ContactRecord

    record = ContactRecord(ref=ref, name=person.name, socials=socials,
                           how_met=f"{person.network.title()} conversation" if person.network else "")
    cid = upsert_contact(writer, record)[0]
    return Contact.objects.get(id=cid), True
