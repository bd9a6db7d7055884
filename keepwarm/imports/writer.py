"""The one writer every importer shares: records in, a report of what was created, merged, left unchanged
or skipped out.

1. Everything happens in one transaction: a bad record fails the whole import (nothing written), unless
   skip_bad, where each record gets its own savepoint and a bad one is reported and left out.
2. A dry run is the real run rolled back at the end, so its preview can never disagree with the import.
3. Every record finds what already exists first (contacts by email, E.164 phone, profile or name; jobs by
   posting link or title and company; messages by external id), so importing a file twice changes nothing.
"""

import dataclasses

from django.db import transaction

from keepwarm.accounts.services import profile_of
from keepwarm.lib.errors import InputError

from .contacts import write_contact
from .jobs import write_job
from .matching import ContactIndex
from .messages import write_message
from .records import BadRecord


DRY_VERBS = {"created": "would create", "merged": "would merge", "skipped": "would skip",
             "unchanged": "would leave unchanged"}


@dataclasses.dataclass
class Outcome:
    ref: str
    kind: str  # contact, job, message
    action: str  # created, merged, unchanged, skipped
    label: str
    detail: str = ""
    bad: bool = False  # skipped because the record is wrong (not merely "not one of your contacts")

    def line(self, dry_run=False) -> str:
        extra = f" — {self.detail}" if self.detail else ""
        action = DRY_VERBS.get(self.action, self.action) if dry_run else self.action
        if self.bad:
            return f"{self.ref}: {action}{extra}"
        return f"{self.ref}: {action} {self.kind} {self.label}{extra}"


@dataclasses.dataclass
class Report:
    dry_run: bool = False
    outcomes: list = dataclasses.field(default_factory=list)

    def count(self, action: str, kind: str | None = None) -> int:
        return sum(1 for o in self.outcomes if o.action == action and (kind is None or o.kind == kind))

    @property
    def bad(self) -> list:
        return [o for o in self.outcomes if o.bad]

    def counts(self) -> dict:
        return {a: self.count(a) for a in ("created", "merged", "unchanged", "skipped")}

    def summary(self) -> str:
        kinds = sorted({o.kind for o in self.outcomes if o.kind != "record"}) or ["record"]
        parts = []
        for action in ("created", "merged", "unchanged", "skipped"):
            per_kind = [f"{self.count(action, k)} {k}{'s' if self.count(action, k) != 1 else ''}"
                        for k in kinds if self.count(action, k)]
            if action == "skipped" and self.count(action, "record"):
                per_kind.append(f"{self.count(action, 'record')} bad record(s)")
            if per_kind:
                parts.append(f"{action}: {', '.join(per_kind)}")
        head = "dry run — nothing written; " if self.dry_run else ""
        return head + ("; ".join(parts) if parts else "nothing to import")

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "counts": self.counts(),
                "outcomes": [dataclasses.asdict(o) for o in self.outcomes]}


class Writer:
    def __init__(self, owner, *, tz=None, region=None):
        self.owner = owner
        profile = profile_of(owner)
        self.region = region or profile.phone_region or "US"
        from keepwarm.lib.dates import zone

        self.tz = tz or zone(profile.time_zone)
        self.index = ContactIndex(owner)
        self.jobs = None  # jobs.JobIndex, loaded when the first job record comes

    def reset(self):
        """After a rolled-back record: the indexes may name rows that no longer exist."""
        self.index = ContactIndex(self.owner)
        self.jobs = None

    def one(self, record) -> Outcome:
        if isinstance(record, BadRecord):
            raise record.error
        if record.kind == "contact":
            action, label, detail = write_contact(self, record)
        elif record.kind == "job":
            action, label, detail = write_job(self, record)
        else:
            action, label, detail = write_message(self, record)
        return Outcome(record.ref, record.kind, action, label, detail)


def write(owner, records, *, dry_run=False, skip_bad=False, progress=None) -> Report:
    """Write records (any iterable; `progress` may wrap it, e.g. click.progressbar)."""
    report = Report(dry_run=dry_run)
    with transaction.atomic():
        writer = Writer(owner)
        for record in progress(records) if progress else records:
            if not skip_bad:
                report.outcomes.append(writer.one(record))
                continue
            try:
                with transaction.atomic():  # a savepoint: a bad record leaves no trace, the others stay
                    report.outcomes.append(writer.one(record))
            except InputError as exc:
                writer.reset()
                kind = getattr(record, "kind", "record")
                error = f"{exc.field}: {exc.message}: {exc.value!r}"  # the ref is already in the line
                report.outcomes.append(Outcome(record.ref, "record" if kind == "bad" else kind, "skipped", "",
                                               error, bad=True))
        if dry_run:
            transaction.set_rollback(True)
    return report
