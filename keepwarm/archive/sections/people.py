"""Archive sections for companies and contacts (with their emails, phones and social profiles).

Natural keys: a company is its name (case-insensitive, as people.services matches it); a contact is
"<created_at> <name>" — creation time never changes, so renaming nobody breaks a match, and two people of the
same name created apart are told apart. A record already there is left as it is (the database wins).
"""

from django.utils import timezone

from keepwarm.lib.emails import clean_email
from keepwarm.lib.phones import to_e164
from keepwarm.people.models import Company, Contact, ContactEmail, ContactPhone, Network, SocialProfile
from keepwarm.people.services import MAX_CADENCE_DAYS

from ..bulk import insert_as_is
from ..fields import iso, records, unique_in_file
from ..registry import ExportContext, ImportContext, Section, unique_keys

BATCH = 500


# --- companies -------------------------------------------------------------------------------------------------
def export_companies(ctx: ExportContext) -> list:
    rows = list(Company.objects.filter(owner=ctx.user).order_by("name", "id"))
    ctx.keys["companies"] = {c.id: c.name for c in rows}
    return [{"name": c.name, "website": c.website, "email_domains": list(c.email_domains or []), "notes": c.notes,
             "created_at": iso(c.created_at)} for c in rows]


def validate_companies(data, ctx: ImportContext) -> list:
    ctx.existing["companies"] = {
        name.lower(): pk for pk, name in Company.objects.filter(owner=ctx.user).values_list("id", "name")}
    seen, out = set(), []
    for _, rec in records(data, "companies", "name"):
        name = rec.str("name", max_len=200, required=True, blank=False).strip()
        unique_in_file(seen, name.lower(), rec, "name")
        domains = rec.strings("email_domains")
        out.append(dict(name=name, website=rec.url("website"), email_domains=[d.lower() for d in domains],
                        notes=rec.str("notes"), created_at=rec.datetime("created_at")))
    ctx.file_keys["companies"] = seen
    return out


def write_companies(clean, ctx: ImportContext):
    ids = dict(ctx.existing["companies"])
    new = [Company(owner=ctx.user, name=r["name"], website=r["website"], email_domains=r["email_domains"],
                   notes=r["notes"], created_at=r["created_at"]) for r in clean if r["name"].lower() not in ids]
    insert_as_is(Company, new)
    for c in new:
        ids[c.name.lower()] = c.id
    ctx.ids["companies"] = ids
    return len(new), len(clean) - len(new)


# --- contacts --------------------------------------------------------------------------------------------------
def contact_keys(rows) -> list[str]:
    """rows: (created_at, name) in (created_at, name, id) order."""
    return unique_keys([f"{iso(created)} {name}" for created, name in rows])


def export_contacts(ctx: ExportContext) -> list:
    rows = list(Contact.objects.filter(owner=ctx.user).select_related("company")
                .prefetch_related("emails", "phones", "socials").order_by("created_at", "name", "id"))
    keys = contact_keys([(c.created_at, c.name) for c in rows])
    ctx.keys["contacts"] = {c.id: k for c, k in zip(rows, keys)}
    return [{
        "key": key, "name": c.name, "company": c.company.name if c.company_id else None, "role": c.role,
        "how_met": c.how_met, "notes": c.notes, "topics": list(c.topics or []), "cadence_days": c.cadence_days,
        "created_at": iso(c.created_at),
        "emails": [{"address": e.address, "primary": e.primary} for e in c.emails.all()],
        "phones": [{"label": p.label, "e164": p.e164} for p in c.phones.all()],
        "socials": [{"network": s.network, "handle": s.handle, "url": s.url} for s in c.socials.all()],
    } for c, key in zip(rows, keys)]


def validate_contacts(data, ctx: ImportContext) -> list:
    rows = Contact.objects.filter(owner=ctx.user).order_by("created_at", "name", "id")
    existing = list(rows.values_list("id", "created_at", "name"))
    ctx.existing["contacts"] = dict(zip(contact_keys([(c, n) for _, c, n in existing]), [i for i, _, _ in existing]))
    seen, out = set(), []
    for _, rec in records(data, "contacts", "name"):
        key = rec.str("key", max_len=400, required=True, blank=False)
        unique_in_file(seen, key, rec)
        company = rec.str("company", max_len=200).strip() or None
        if company:
            ctx.check_ref("companies", company.lower(), "company", rec.label)
        out.append(dict(
            key=key, name=rec.str("name", max_len=200, required=True, blank=False).strip(), company=company,
            role=rec.str("role", max_len=200), how_met=rec.str("how_met", max_len=500), notes=rec.str("notes"),
            topics=rec.strings("topics"), cadence_days=rec.int("cadence_days", minimum=1, maximum=MAX_CADENCE_DAYS),
            created_at=rec.datetime("created_at"),
            emails=_emails(rec), phones=_phones(rec), socials=_socials(rec),
        ))
    ctx.file_keys["contacts"] = seen
    return out


def _emails(rec):
    out, seen = [], set()
    for i, item in records(rec.objects("emails"), f"{rec.label} emails"):
        address = clean_email(item.str("address", required=True), record=item.label)
        unique_in_file(seen, address, item, "address")
        out.append((address, item.bool("primary")))
    return out


def _phones(rec):
    out, seen = [], set()
    for i, item in records(rec.objects("phones"), f"{rec.label} phones"):
        e164 = to_e164(item.str("e164", required=True), "US", record=item.label)
        unique_in_file(seen, e164, item, "e164")
        out.append((item.str("label", max_len=40), e164))
    return out


def _socials(rec):
    out, seen = [], set()
    for i, item in records(rec.objects("socials"), f"{rec.label} socials"):
        social = (item.choice("network", Network), item.str("handle", max_len=200), item.url("url"))
        if not social[1] and not social[2]:
            item.fail("handle", "", "a social profile needs a handle or a url")
        unique_in_file(seen, social, item, "handle")
        out.append(social)
    return out


def write_contacts(clean, ctx: ImportContext):
    user, ids, now = ctx.user, dict(ctx.existing["contacts"]), timezone.now()
    todo = [r for r in clean if r["key"] not in ids]
    new = [Contact(owner=user, name=r["name"], company_id=ctx.ids["companies"][r["company"].lower()]
                   if r["company"] else None, role=r["role"], how_met=r["how_met"], notes=r["notes"],
                   topics=r["topics"], cadence_days=r["cadence_days"], created_at=r["created_at"], updated_at=now)
           for r in todo]
    insert_as_is(Contact, new)
    emails, phones, socials = [], [], []
    for contact, r in zip(new, todo):
        ids[r["key"]] = contact.id
        emails += [ContactEmail(owner=user, contact=contact, address=a, primary=p) for a, p in r["emails"]]
        phones += [ContactPhone(owner=user, contact=contact, label=label, e164=n) for label, n in r["phones"]]
        socials += [SocialProfile(owner=user, contact=contact, network=n, handle=h, url=u) for n, h, u in r["socials"]]
    for model, rows in ((ContactEmail, emails), (ContactPhone, phones), (SocialProfile, socials)):
        model.objects.bulk_create(rows, batch_size=BATCH)
    ctx.ids["contacts"] = ids
    return len(new), len(clean) - len(new)


COMPANIES = Section("companies", export_companies, validate_companies, write_companies)
CONTACTS = Section("contacts", export_contacts, validate_contacts, write_contacts)
