"""Archive section for opportunities, with their stage history, their people and their interviews.

Natural keys: a job is "<created_at> <title>"; an interview is "<job key> @ <starts_at>". An interview keeps its
calendar uid when it is free; when another user of this database already has it (a restore beside the
original), a new one is made, since uids are unique across the whole database.
"""

import uuid
from collections import defaultdict

from keepwarm.jobs.models import (
    Interview, InterviewFormat, Opportunity, OpportunityContact, Role, Source, Stage, StageChange,
)
from keepwarm.jobs.services import MAX_INTERVIEW_MINUTES

from ..fields import iso, iso_day, records, unique_in_file
from ..registry import ExportContext, ImportContext, Section, unique_keys

BATCH = 500


def job_keys(rows) -> list[str]:
    """rows: (created_at, title) in (created_at, title, id) order."""
    return unique_keys([f"{iso(created)} {title}" for created, title in rows])


def interview_keys(pairs) -> list[str]:
    """pairs: (job key, starts_at) in (job order, starts_at, id) order."""
    return unique_keys([f"{job} @ {iso(start)}" for job, start in pairs])


def export_jobs(ctx: ExportContext) -> list:
    jobs = list(Opportunity.objects.filter(owner=ctx.user).select_related("company")
                .prefetch_related("stage_changes", "people", "interviews__interviewers")
                .order_by("created_at", "title", "id"))
    keys = job_keys([(o.created_at, o.title) for o in jobs])
    ctx.keys["opportunities"] = {o.id: k for o, k in zip(jobs, keys)}
    contacts = ctx.keys["contacts"]
    meetings = [(o, k, iv) for o, k in zip(jobs, keys) for iv in sorted(o.interviews.all(),
                                                                      key=lambda i: (i.starts_at, i.id))]
    iv_keys = interview_keys([(k, iv.starts_at) for _, k, iv in meetings])
    ctx.keys["interviews"] = {iv.id: k for (_, _, iv), k in zip(meetings, iv_keys)}
    by_job = defaultdict(list)
    for (o, _, iv) in meetings:
        by_job[o.id].append({
            "uid": str(iv.uid), "starts_at": iso(iv.starts_at), "minutes": iv.minutes, "format": iv.format,
            "where": iv.where, "interviewers": sorted(contacts[c.id] for c in iv.interviewers.all()),
            "prep_notes": iv.prep_notes, "outcome": iv.outcome, "cancelled": iv.cancelled,
        })
    return [{
        "key": key, "title": o.title, "company": o.company.name if o.company_id else None, "source": o.source,
        "source_name": o.source_name, "posting_url": o.posting_url, "posting_key": o.posting_key,
        "posting_text": o.posting_text, "location": o.location, "salary_text": o.salary_text, "stage": o.stage,
        "stage_changed_at": iso(o.stage_changed_at), "revisit_on": iso_day(o.revisit_on),
        "next_step": o.next_step, "notes": o.notes, "created_at": iso(o.created_at),
        "stage_history": [{"from": s.from_stage, "to": s.to_stage, "at": iso(s.at), "revisit_on": iso_day(s.revisit_on),
                           "note": s.note} for s in o.stage_changes.all()],
        "people": [{"contact": contacts[p.contact_id], "role": p.role, "keep_in_touch": p.keep_in_touch}
                   for p in o.people.all()],
        "interviews": by_job[o.id],
    } for o, key in zip(jobs, keys)]


def _existing(ctx: ImportContext):
    jobs = list(Opportunity.objects.filter(owner=ctx.user).order_by("created_at", "title", "id")
                .values_list("id", "created_at", "title"))
    keys = job_keys([(c, t) for _, c, t in jobs])
    ctx.existing["opportunities"] = dict(zip(keys, [i for i, _, _ in jobs]))
    key_of = {i: k for (i, _, _), k in zip(jobs, keys)}
    order = {i: n for n, (i, _, _) in enumerate(jobs)}
    ivs = sorted(Interview.objects.filter(owner=ctx.user).values_list("id", "opportunity_id", "starts_at"),
                 key=lambda r: (order[r[1]], r[2], r[0]))
    ctx.existing["interviews"] = dict(zip(interview_keys([(key_of[o], s) for _, o, s in ivs]), [i for i, _, _ in ivs]))


def validate_jobs(data, ctx: ImportContext) -> list:
    _existing(ctx)
    seen, iv_seen, out = set(), [], []
    for _, rec in records(data, "opportunities", "title"):
        key = rec.str("key", max_len=600, required=True, blank=False)
        unique_in_file(seen, key, rec)
        company = rec.str("company", max_len=200).strip() or None
        if company:
            ctx.check_ref("companies", company.lower(), "company", rec.label)
        job = dict(
            key=key, title=rec.str("title", max_len=300, required=True, blank=False).strip(), company=company,
            source=rec.choice("source", Source, default=Source.OTHER), source_name=rec.str("source_name", max_len=100),
            posting_url=rec.url("posting_url", max_len=1000), posting_key=rec.str("posting_key", max_len=500),
            posting_text=rec.str("posting_text"), location=rec.str("location", max_len=200),
            salary_text=rec.str("salary_text", max_len=200), stage=rec.choice("stage", Stage),
            stage_changed_at=rec.datetime("stage_changed_at"), revisit_on=rec.date("revisit_on"),
            next_step=rec.str("next_step", max_len=300), notes=rec.str("notes"), created_at=rec.datetime("created_at"),
            history=[], people=[], interviews=[],
        )
        for _, item in records(rec.objects("stage_history"), f"{rec.label} stage_history"):
            job["history"].append(dict(from_stage=item.choice("from", Stage, blank=True, default=""),
                                       to_stage=item.choice("to", Stage), at=item.datetime("at"),
                                       revisit_on=item.date("revisit_on"), note=item.str("note", max_len=300)))
        people = set()
        for _, item in records(rec.objects("people"), f"{rec.label} people"):
            contact = ctx.check_ref("contacts", item.str("contact", required=True), "contact", item.label, null=False)
            unique_in_file(people, contact, item, "contact")
            job["people"].append(dict(contact=contact, role=item.choice("role", Role, default=Role.OTHER),
                                      keep_in_touch=item.bool("keep_in_touch")))
        for _, item in records(rec.objects("interviews"), f"{rec.label} interviews"):
            raw_uid = item.str("uid")
            try:
                uid = uuid.UUID(raw_uid) if raw_uid else None
            except ValueError:
                item.fail("uid", raw_uid, "not a UUID")
            job["interviews"].append(dict(
                uid=uid, starts_at=item.datetime("starts_at"), minutes=item.int("minutes", null=False, minimum=1, maximum=MAX_INTERVIEW_MINUTES),
                format=item.choice("format", InterviewFormat), where=item.str("where", max_len=500),
                interviewers=list(dict.fromkeys(ctx.check_ref("contacts", c, "interviewers", item.label, null=False)
                                                for c in item.strings("interviewers"))),
                prep_notes=item.str("prep_notes"), outcome=item.str("outcome"), cancelled=item.bool("cancelled"),
            ))
            iv_seen.append((key, job["interviews"][-1]["starts_at"]))
        out.append(job)
    ctx.file_keys["opportunities"] = seen
    ctx.file_keys["interviews"] = set(interview_keys(iv_seen))
    return out


def write_jobs(clean, ctx: ImportContext):
    user, ids = ctx.user, dict(ctx.existing["opportunities"])
    company_ids, contact_ids = ctx.ids["companies"], ctx.ids["contacts"]
    todo = [r for r in clean if r["key"] not in ids]
    new = [Opportunity(owner=user, company_id=company_ids[r["company"].lower()] if r["company"] else None,
                       **{k: v for k, v in r.items() if k not in ("key", "company", "history", "people", "interviews")})
           for r in todo]
    Opportunity.objects.bulk_create(new, batch_size=BATCH)
    changes, people, interviews = [], [], []
    for job, r in zip(new, todo):
        ids[r["key"]] = job.id
        changes += [StageChange(owner=user, opportunity=job, **h) for h in r["history"]]
        people += [OpportunityContact(owner=user, opportunity=job, contact_id=contact_ids[p["contact"]],
                                      role=p["role"], keep_in_touch=p["keep_in_touch"]) for p in r["people"]]
        interviews += [(r["key"], iv) for iv in r["interviews"]]
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    OpportunityContact.objects.bulk_create(people, batch_size=BATCH)
    ctx.ids["opportunities"] = ids
    _write_interviews(ctx, interviews)
    return len(new), len(clean) - len(new)


def _write_interviews(ctx: ImportContext, interviews):
    """interviews: (job key, cleaned interview) of new jobs, in file order."""
    wanted = [iv["uid"] for _, iv in interviews if iv["uid"]]
    taken = set()
    for start in range(0, len(wanted), BATCH):
        taken |= set(Interview.objects.filter(uid__in=wanted[start:start + BATCH]).values_list("uid", flat=True))
    rows = []
    for job_key, iv in interviews:
        uid = iv["uid"] if iv["uid"] and iv["uid"] not in taken else uuid.uuid4()
        rows.append(Interview(owner=ctx.user, opportunity_id=ctx.ids["opportunities"][job_key], uid=uid,
                              **{k: v for k, v in iv.items() if k not in ("uid", "interviewers")}))
    Interview.objects.bulk_create(rows, batch_size=BATCH)
    Through = Interview.interviewers.through
    Through.objects.bulk_create([Through(interview_id=row.id, contact_id=ctx.ids["contacts"][c])
                                 for row, (_, iv) in zip(rows, interviews) for c in iv["interviewers"]],
                                batch_size=BATCH)
    # Keys of every interview of the user, existing and new, for later sections (follow-up rule keys).
    keys = interview_keys([(job_key, iv["starts_at"]) for job_key, iv in interviews])
    ctx.ids["interviews"] = {**ctx.existing["interviews"], **{k: row.id for k, row in zip(keys, rows)}}


OPPORTUNITIES = Section("opportunities", export_jobs, validate_jobs, write_jobs)
