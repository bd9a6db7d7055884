"""Writing one job record (a spreadsheet row): create the opportunity, or bring the existing one up to date."""

import datetime as dt

from django.utils import timezone

from keepwarm.capture.sources import canonical_url, infer_source, posting_key
from keepwarm.jobs.models import Opportunity, OpportunityContact, Stage, StageChange
from keepwarm.jobs.services import change_stage, create_opportunity
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact
from keepwarm.people.services import get_or_create_company

from .contacts import upsert_contact

IMPORTED = "imported"
# Stages that come after applying: a row saying "interview" with a date applied gets both steps in its history.
PAST_APPLIED = {Stage.SCREENING, Stage.INTERVIEWING, Stage.SHORTLISTED, Stage.FINAL_INTERVIEW, Stage.OFFER,
                Stage.HIRED, Stage.ON_HOLD, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED}


class JobIndex:
    """The user's jobs by posting key and by (title, company): one query per import, not two per row."""

    def __init__(self, owner):
        self.by_key, self.by_title = {}, {}
        rows = Opportunity.objects.filter(owner=owner).order_by("-id").values_list(
            "id", "posting_key", "title", "company__name")
        for oid, key, title, company in rows:  # newest first, so the oldest match wins, as before
            if key:
                self.by_key[key] = oid
            self.by_title[self.title_key(title, company)] = oid

    @staticmethod
    def title_key(title, company) -> tuple:
        return (title or "").strip().lower(), (company or "").strip().lower()

    def find(self, record, key: str) -> int | None:
        return (key and self.by_key.get(key)) or self.by_title.get(self.title_key(record.title, record.company))

    def add(self, oid: int, record, key: str):
        if key:
            self.by_key.setdefault(key, oid)
        self.by_title.setdefault(self.title_key(record.title, record.company), oid)


def find_job(writer, record, key: str) -> Opportunity | None:
    if getattr(writer, "jobs", None) is None:
        writer.jobs = JobIndex(writer.owner)
    oid = writer.jobs.find(record, key)
    return Opportunity.objects.select_related("company").get(id=oid) if oid else None


def write_job(writer, record) -> tuple[str, str, str]:
    title = " ".join((record.title or "").split())[:300]
    if not title:
        raise InputError("title", record.title, "a job needs a title", record.ref)
    url = canonical_url(record.url) if record.url else ""
    if record.url and not url:
        raise InputError("link", record.url, "not an http(s) link", record.ref)
    key = posting_key(url) if url else ""
    label = f"{title} at {record.company}" if record.company else title
    contact_id, contact_note = None, ""
    if record.contact is not None:
        contact_id, action, name, _ = upsert_contact(writer, record.contact)
        contact_note = f"contact {name} {action}" if action != "unchanged" else ""
    existing = find_job(writer, record, key)
    if existing is None:
        opp = create(writer, record, title, url, key, contact_id)
        writer.jobs.add(opp.id, record, key)
        stage = f"stage {Stage(record.stage).label.lower()}"
        return "created", label, ", ".join(x for x in (stage, contact_note) if x)
    changes = update(writer, existing, record, url, key, contact_id)
    if contact_note:
        changes.append(contact_note)
    return ("merged", label, ", ".join(changes)) if changes else ("unchanged", label, "")


def _stage_is_imported(opp) -> bool:
    """A newer spreadsheet may move a job on, but never undo a stage the user set in keepwarm since."""
    last = opp.stage_changes.order_by("-at", "-id").first()
    return last is not None and last.note == IMPORTED


def _at(writer, day: dt.date | None):
    if day is None:
        return timezone.now()
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=writer.tz)


def create(writer, record, title, url, key, contact_id):
    source, source_name = (record.source, "") if record.source else infer_source(url) if url else ("other", "")
    first_stage = Stage.APPLIED if record.applied_on and record.stage in PAST_APPLIED else record.stage
    opp = create_opportunity(
        writer.owner, title, company=record.company[:200], source=source, source_name=source_name, url=url,
        stage=first_stage, location=record.location[:200], salary_text=record.salary[:200], notes=record.notes,
        at=_at(writer, record.applied_on),
    )
    if key:
        opp.posting_key = key
        opp.save(update_fields=["posting_key"])
    StageChange.objects.filter(opportunity=opp).update(note=IMPORTED)
    if first_stage != record.stage:
        change_stage(opp, record.stage, note=IMPORTED)
    if contact_id:
        OpportunityContact.objects.get_or_create(owner=writer.owner, opportunity=opp, contact_id=contact_id)
    return opp


def update(writer, opp, record, url, key, contact_id) -> list:
    changes = []
    if record.stage and record.stage != opp.stage and _stage_is_imported(opp):
        change_stage(opp, record.stage, note=IMPORTED)
        changes.append(f"stage {Stage(record.stage).label.lower()}")
    fields = []
    for field, value in (("posting_url", url), ("location", record.location[:200]),
                         ("salary_text", record.salary[:200]), ("notes", record.notes), ("posting_key", key)):
        if value and not getattr(opp, field):
            setattr(opp, field, value)
            fields.append(field)
    if record.company and opp.company is None:
        opp.company = get_or_create_company(writer.owner, record.company[:200])
        fields.append("company")
    if fields:
        opp.save(update_fields=[*fields, "updated_at"])
        changes.extend(f for f in fields if f != "posting_key")
    if contact_id and not OpportunityContact.objects.filter(opportunity=opp, contact_id=contact_id).exists():
        OpportunityContact.objects.create(owner=writer.owner, opportunity=opp, contact_id=contact_id)
        changes.append(f"contact {Contact.objects.get(id=contact_id).name}")
    return changes
