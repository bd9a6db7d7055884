"""Turn messages into touches and suggestions — shared by IMAP sync and mbox/eml import.

The Recorder loads what it needs to decide once (addresses, company domains, which job each contact is
on), so each message costs no query unless it is about the search.
"""

import collections
import dataclasses
import logging

from django.db import transaction

from keepwarm.jobs.models import ACTIVE_STAGES, Opportunity, OpportunityContact
from keepwarm.people.models import Company, Contact, ContactEmail
from keepwarm.timeline.models import Interaction

from . import hooks
from .decide import Known, concerns_nobody_known, decide
from .models import ContactSuggestion, MailAccount, ProcessedMessage, Status, SuggestionState
from .parse import (Malformed, header_block, ids_in, parse_body, parse_header_fields, parse_info,
                    quick_message_id, rough_addresses, synthetic_id, thread_key_of)
from keepwarm.timeline.batch import Touch, log_interactions

from .records import Record
from .threads import ThreadJobs, thread_jobs

log = logging.getLogger("keepwarm.mail")


def load_known(owner, extra_mine=()) -> Known:
    contacts = {}
    for address, contact_id in ContactEmail.objects.filter(owner=owner).order_by("id").values_list(
            "address", "contact_id"):
        contacts.setdefault(address.lower(), contact_id)
    domains = {}
    for company_id, company_domains in Company.objects.filter(owner=owner).values_list("id", "email_domains"):
        for domain in company_domains or []:
            domains.setdefault(domain.lower(), company_id)
    mine = {a.lower() for a in MailAccount.objects.filter(owner=owner).values_list("email_address", flat=True)}
    mine |= {a.lower() for a in extra_mine if a}
    if owner.email:
        mine.add(owner.email.lower())
    return Known(contacts=contacts, domains=domains, mine=frozenset(mine - {""}))


def _single(mapping) -> dict:
    return {key: next(iter(values)) for key, values in mapping.items() if len(values) == 1}


@dataclasses.dataclass
class Counts:
    read: int = 0
    matched: int = 0
    new: int = 0  # interactions created by this run (a matched message may already be logged)
    suggested: int = 0
    ignored: int = 0
    skipped: int = 0  # seen by an earlier run
    errors: int = 0

    def line(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in dataclasses.asdict(self).items())


class Recorder:
    def __init__(self, owner, *, source, origin, now, account=None, extra_mine=(), dry_run=False):
        self.owner, self.source, self.origin, self.now, self.account = owner, source, origin, now, account
        self.dry_run = dry_run
        self.known = load_known(owner, extra_mine)
        self.counts = Counts()
        by_contact, by_company = collections.defaultdict(set), collections.defaultdict(set)
        for contact_id, opp_id in OpportunityContact.objects.filter(
                owner=owner, opportunity__stage__in=ACTIVE_STAGES).values_list("contact_id", "opportunity_id"):
            by_contact[contact_id].add(opp_id)
        for opp_id, company_id in Opportunity.objects.filter(
                owner=owner, stage__in=ACTIVE_STAGES, company__isnull=False).values_list("id", "company_id"):
            by_company[company_id].add(opp_id)
        self.opp_by_contact, self.opp_by_company = by_contact, _single(by_company)
        self.company_of = dict(Contact.objects.filter(owner=owner, company__isnull=False).values_list(
            "id", "company_id"))
        self._contacts, self._opportunities = {}, {}
        self.logged = {}  # Message-ID → interaction id, for the current batch
        self.pending, self.waiting = {}, []  # touches to write at flush(), records to link to them
        self.to_link = {}  # Message-ID → (info, contact ids) of pending touches, linked to jobs at flush()

    def begin_batch(self, message_ids) -> None:
        """Look up, in one query, which of a batch's messages are already logged touches (from any source)."""
        self.logged = dict(Interaction.objects.filter(owner=self.owner, external_id__in=list(message_ids))
                           .values_list("external_id", "id"))

    def _contacts_for(self, ids) -> list:
        missing = [i for i in ids if i not in self._contacts]
        if missing:
            self._contacts.update((c.id, c) for c in Contact.objects.filter(owner=self.owner, id__in=missing))
        return [self._contacts[i] for i in ids if i in self._contacts]

    def _opportunity(self, opp_id):
        if opp_id not in self._opportunities:
            self._opportunities[opp_id] = Opportunity.objects.filter(owner=self.owner, id=opp_id).first()
        return self._opportunities[opp_id]

    def _quick_ignore(self, fields) -> bool:
        addresses = rough_addresses(fields)
        return bool(fields.get("from") and addresses and concerns_nobody_known(addresses, self.known))

    def needs_body(self, header_bytes: bytes) -> bool:
        """False when the headers alone show the message concerns nobody known (it will be "ignored")."""
        return not self._quick_ignore(parse_header_fields(header_block(header_bytes)))

    def process(self, raw: bytes, *, folder="", uidvalidity=0, uid=0, load=None) -> Record:
        """Decide about one message. Suggestions are written now; touches wait for flush(), which writes a
        whole batch at once. Never raises for a bad message: it is recorded with status "error" and why.

        With `load`, `raw` is the message's header block only and load() reads the whole message, only when
        the headers do not settle it: most of a mailbox is ignored from its headers, and is then never read."""
        self.counts.read += 1
        row = Record(owner_id=self.owner.pk, account_id=self.account.pk if self.account else None,
                     source=self.source, folder=folder, uidvalidity=uidvalidity, uid=uid, processed_at=self.now)
        fields = parse_header_fields(header_block(raw))
        if self._quick_ignore(fields):
            ids = ids_in(fields.get("message-id", ""))
            if not ids and load is not None:
                raw = load()  # the id made up for it hashes the header block exactly as the message has it
            row.message_id = (ids[0] if ids else synthetic_id(raw))[:500]
            row.thread_key, row.status = thread_key_of(fields, row.message_id), Status.IGNORED
            self._count(Status.IGNORED, created=False)
            return row
        if load is not None:
            raw = load()
        try:
            info = parse_info(raw, fields)
        except Malformed as exc:
            return self._error(row, raw, str(exc))
        row.message_id, row.thread_key = info.message_id, info.thread_key[:500]
        decision = decide(info, self.known)
        row.status = decision.status
        if self.dry_run:
            self._count(decision.status, created=decision.status == Status.MATCHED)
            return row
        try:
            if decision.status == Status.MATCHED:
                self._queue_touch(raw, info, decision)
                self.waiting.append(row)
            for name, address, company_id in decision.suggestions:
                with transaction.atomic():  # a savepoint: a failure undoes this suggestion only
                    self._suggest(info, name, address, company_id)
        except Exception as exc:  # noqa: BLE001 — one bad message must not stop a sync of thousands
            log.exception("mail: could not record %s", row.message_id)
            return self._error(row, raw, f"{type(exc).__name__}: {exc}")
        self._count(decision.status, created=False)
        return row

    def flush(self) -> None:
        """Link the batch's touches to jobs, write them, link their records, and let the scam and calendar
        hooks see new inbound mail. Call inside the batch's transaction, before saving the records."""
        if self.pending:
            self._link_jobs()
            ids, created = log_interactions(self.owner, [t for t, _, _ in self.pending.values()], origin=self.origin)
            self.logged.update(ids)
            self.counts.new += len(created)
            fresh = {mid: extra for mid, (t, *extra) in self.pending.items() if mid in created and t.direction == "in"}
            if fresh:
                interactions = list(Interaction.objects.filter(owner=self.owner, external_id__in=list(fresh)))
                hooks.check_scams(self.owner, [(i, fresh[i.external_id][0]) for i in interactions])
                for interaction in interactions:
                    for ics in fresh[interaction.external_id][1]:
                        hooks.apply_invitation(self.owner, ics, self._contacts_for(
                            self.pending[interaction.external_id][0].contact_ids))
        for row in self.waiting:
            row.interaction_id = self.logged.get(row.message_id)
        self.pending, self.waiting = {}, []

    def _count(self, status, created):
        if status == Status.MATCHED:
            self.counts.matched += 1
            self.counts.new += int(created)
        elif status == Status.SUGGESTED:
            self.counts.suggested += 1
        else:
            self.counts.ignored += 1

    def _error(self, row, raw, text):
        self.counts.errors += 1
        row.status, row.error = Status.ERROR, text[:2000]
        row.message_id = row.message_id or quick_message_id(raw)
        return row

    def _link_jobs(self) -> None:
        """Set each pending touch's job, in the order the messages came, with the threads' jobs read for the
        whole batch at once (nothing is written before this, so they are what per-message lookups saw)."""
        unlinked = [(info, cids) for info, cids in self.to_link.values()
                    if len(self._contact_jobs(cids)) != 1]
        jobs = thread_jobs(self.owner, {r for info, _ in unlinked for r in info.references},
                           {info.thread_key for info, _ in unlinked if info.gm_thread})
        before = set()  # the batch's messages queued before this one
        for message_id, (info, contact_ids) in self.to_link.items():
            opportunity = self.opportunity_for(info, contact_ids, jobs, before)
            self.pending[message_id][0].opportunity_id = opportunity.id if opportunity else None
            before.add(message_id)
        self.to_link = {}

    def _contact_jobs(self, contact_ids) -> set:
        return set().union(*(self.opp_by_contact.get(c, set()) for c in contact_ids))

    def opportunity_for(self, info, contact_ids, jobs: ThreadJobs, before=frozenset()):
        """1. The one active job its contacts are on. 2. Else the job of the thread it answers: a message
        queued before it in this batch, else a logged touch or a processed message of the thread. 3. Else the
        one active job at their company. Otherwise none: a wrong link is worse than no link."""
        opps = self._contact_jobs(contact_ids)
        if len(opps) == 1:
            return self._opportunity(next(iter(opps)))
        found = self._thread_opportunity(info, jobs, before)
        if found:
            return self._opportunity(found)
        companies = {self.company_of.get(c) for c in contact_ids} - {None}
        if not opps and len(companies) == 1 and companies <= self.opp_by_company.keys():
            return self._opportunity(self.opp_by_company[companies.pop()])
        return None

    def _thread_opportunity(self, info, jobs: ThreadJobs, before):
        in_batch = [self.pending[r][0].opportunity_id for r in info.references if r in before]
        if any(in_batch):
            return next(o for o in in_batch if o)
        found = jobs.of_references(info.references) if info.references else None
        if found is None and info.gm_thread:
            found = jobs.of_thread(info.thread_key)
        return found

    def _queue_touch(self, raw, info, decision) -> None:
        if info.message_id in self.logged or info.message_id in self.pending:
            return  # the same message in another folder, or logged by an earlier run: one touch
        body = parse_body(raw)
        touch = Touch(message_id=info.message_id, contact_ids=decision.contact_ids, direction=decision.direction,
                      summary=info.subject or "(no subject)", body=body.text, happened_at=info.date or self.now)
        self.pending[info.message_id] = (touch, raw if decision.direction == "in" else b"", body.invitations)
        self.to_link[info.message_id] = (info, decision.contact_ids)  # its job is set at flush()

    def _suggest(self, info, name, address, company_id):
        suggestion, created = ContactSuggestion.objects.get_or_create(
            owner=self.owner, address=address,
            defaults=dict(name=name[:200], company_id=company_id, subject=info.subject,
                          message_id=info.message_id, seen_at=info.date or self.now),
        )
        if not created and suggestion.state == SuggestionState.OPEN and suggestion.message_id != info.message_id:
            ContactSuggestion.objects.filter(id=suggestion.id).update(
                times_seen=suggestion.times_seen + 1, subject=info.subject, message_id=info.message_id,
                seen_at=max(suggestion.seen_at, info.date or self.now))


def seen_message_ids(owner, message_ids, *, account=None) -> set:
    """Which of these Message-IDs an earlier import (account None) or sync of this account already handled."""
    qs = ProcessedMessage.objects.filter(owner=owner, message_id__in=list(message_ids))
    qs = qs.filter(account__isnull=True) if account is None else qs.filter(account=account)
    return set(qs.values_list("message_id", flat=True))
