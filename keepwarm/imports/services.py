"""Each format's importer in one call: parse into records, then the shared writer. The CLI and the upload
pages both call these, so their previews and results are the same."""

from keepwarm.accounts.services import profile_of
from keepwarm.people.models import Contact, SocialProfile

from . import facebook, linkedin, spreadsheet, vcard
from .bundle import Bundle
from .dates import MONTH_FIRST_REGIONS
from .writer import write

FORMATS = {"csv": "Spreadsheet of applications (CSV or .xlsx)", "linkedin": "LinkedIn data export (ZIP)",
           "facebook": "Facebook data download, JSON (ZIP)", "vcard": "Contacts (vCard .vcf)"}


def month_first(owner) -> bool:
    return (profile_of(owner).phone_region or "US").upper() in MONTH_FIRST_REGIONS


def csv_records(owner, raw: bytes, name: str, overrides: dict | None = None):
    headers, mapping, records = spreadsheet.parse_file(raw, name, overrides, month_first=month_first(owner))
    return headers, mapping, list(records)


def import_csv(owner, raw: bytes, name: str, overrides=None, **options):
    return write(owner, csv_records(owner, raw, name, overrides)[2], **options)


def import_linkedin(owner, bundle: Bundle, *, with_messages=True, **options):
    return write(owner, linkedin.parse(bundle, with_messages=with_messages), **options)


def known_names(owner) -> set:
    """Who is "in the search": every contact's name and Facebook handle, lower-case."""
    names = {n.strip().lower() for n in Contact.objects.filter(owner=owner).values_list("name", flat=True)}
    names |= {h.strip().lower() for h in SocialProfile.objects.filter(owner=owner, network="facebook")
              .values_list("handle", flat=True) if h}
    return names


def import_facebook(owner, bundle: Bundle, *, me="", chosen=(), everything=False, **options):
    records = facebook.parse(bundle, known_names=known_names(owner), me=me, chosen=chosen, everything=everything)
    return write(owner, records, **options)


def import_vcard(owner, raw: bytes, name: str, **options):
    return write(owner, list(vcard.parse(raw, name)), **options)
