"""Run the checks on stored opportunities and interactions, record them, and apply the user's feedback.

Other apps call `check_and_record_opportunity(opp)` after capturing a posting and
`check_and_record_interaction(interaction, raw=...)` after syncing or importing a message; the worker
step in steps.py catches anything they missed.
"""

import collections
import hashlib
import re

from django.db import transaction
from django.utils import timezone

from keepwarm.lib.errors import InputError

from . import checks
from . import model as model_mod
from .models import Kind, Label, ScamCheck, ScamFeedback

FEEDBACK_SOURCE = "your own feedback in keepwarm"


def posting_key(text: str = "", *, key: str = "", url: str = "") -> str:
    """The identity of a posting for feedback: the board's key, else its URL, else a hash of its text."""
    if key:
        return key
    if url:
        return url
    norm = " ".join(re.findall(r"\w+", (text or "").lower()))
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


def opportunity_key(opp) -> str:
    return posting_key(opp.posting_text, key=opp.posting_key, url=opp.posting_url)


def company_domains(company) -> set[str]:
    if company is None:
        return set()
    found = {d.lower() for d in (company.email_domains or []) if d}
    if company.website:
        host = re.sub(r"^[a-z]+://", "", company.website.lower()).split("/", 1)[0].split(":", 1)[0]
        if host.startswith("www."):
            host = host[4:]
        if host:
            found.add(host)
    return found


_BLANK_LINES = (b"\n\n", b"\r\n\r\n")


def _header_part(raw: bytes) -> bytes:
    """The raw message up to its first blank line. The e-mail parser never reads headers past a blank line,
    so parsing this part finds the same headers as parsing the whole message, without the body's cost."""
    ends = [i + len(sep) // 2 for sep in _BLANK_LINES if (i := raw.find(sep)) >= 0]
    return raw[:min(ends)] if ends else raw


def sender_key(interaction=None, raw=None) -> str:
    """The sender's address from the raw message, else the first contact's address, else the interaction."""
    if raw and checks.looks_like_rfc822(raw):
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")  # as checks.parse_message does
        addr = checks.parse_message(_header_part(raw)).from_addr
        if addr:
            return addr
    if interaction is not None:
        for contact in interaction.contacts.all():
            if contact.primary_email:
                return contact.primary_email.lower()
            return f"contact:{contact.pk}"
        return f"interaction:{interaction.pk}"
    return ""


def apply_feedback(owner, kind: str, key: str, result: checks.Result) -> checks.Result:
    """After "not a scam" the same sender/posting is not flagged again; after "scam" it always is."""
    if owner is None or not key:
        return result
    return with_feedback(ScamFeedback.objects.filter(owner=owner, kind=kind, key=key).first(), kind, key, result)


def with_feedback(fb, kind: str, key: str, result: checks.Result) -> checks.Result:
    """The result once the user's feedback row on this sender/posting (or None) is applied: a pure function."""
    if fb is None:
        return result
    what = "sender" if kind == Kind.MESSAGE else "posting"
    if fb.label == Label.NOT_SCAM:
        return checks.Result(checks.NO_FLAGS, 0.0, [], note=f"You marked this {what} as not a scam.")
    reasons = [{"flag": "marked_scam_by_you", "evidence": key, "source": FEEDBACK_SOURCE,
                "explanation": f"You marked this {what} as a scam."}] + list(result.reasons)
    return checks.Result(checks.LIKELY_SCAM, max(result.score, 0.99), reasons)


def check_for_user(owner, raw, *, kind=None, company_domains_=()) -> checks.Result:
    """A check as the user sees it: their own model when retrained, and their feedback applied."""
    model = model_mod.model_for_user(owner.pk if owner is not None else None)
    kind = kind or ("message" if checks.looks_like_rfc822(raw) else "posting")
    result = checks.check(raw, kind=kind, company_domains=company_domains_, model=model)
    if kind == "message":
        key = sender_key(raw=raw)
    else:
        key = posting_key(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)
    return apply_feedback(owner, kind, key, result)


CHECK_FIELDS = ["verdict", "score", "reasons", "note", "checked_at", "model_version"]


def _check_fields(result: checks.Result, model, now) -> dict:
    """A ScamCheck row's values for a result (shared by the single and the batched recording)."""
    return {"verdict": result.verdict, "score": result.score, "reasons": result.reasons,
            "note": result.note[:300], "checked_at": now,
            "model_version": (model.meta.get("created", "") if model else "")[:80]}


def _record(owner, result: checks.Result, model, **subject) -> ScamCheck:
    row, _ = ScamCheck.objects.update_or_create(
        **subject, defaults={"owner": owner, **_check_fields(result, model, timezone.now())})
    return row


def check_and_record_opportunity(opp) -> ScamCheck:
    """Check the opportunity's posting and record the verdict (one row per opportunity, updated)."""
    model = model_mod.model_for_user(opp.owner_id)
    domains = company_domains(opp.company)
    text = opp.posting_text or opp.title
    result = checks.check_posting(text, company_domain=next(iter(sorted(domains)), None), model=model)
    result = apply_feedback(opp.owner, Kind.POSTING, opportunity_key(opp), result)
    return _record(opp.owner, result, model, opportunity=opp)


def check_and_record_interaction(interaction, raw=None) -> ScamCheck:
    """Check a message (the raw e-mail when there is one, else its subject and body) and record the verdict."""
    model = model_mod.model_for_user(interaction.owner_id)
    domains = company_domains(interaction.opportunity.company) if interaction.opportunity_id else set()
    for contact in interaction.contacts.all():
        if contact.company_id:
            domains |= company_domains(contact.company)
    text = raw if raw else f"{interaction.summary}\n{interaction.body}"
    result = checks.check_message(text, known_company_domains=domains, model=model)
    result = apply_feedback(interaction.owner, Kind.MESSAGE, sender_key(interaction, raw), result)
    return _record(interaction.owner, result, model, interaction=interaction)


def check_and_record_interactions(owner, items) -> list[ScamCheck]:
    """The batched form of check_and_record_interaction, for sync and imports: the same verdicts and stored
    rows, with the per-message queries done once per batch.

    1. `items` are (interaction, raw message or None) pairs, all the owner's; an interaction given twice is
       checked once, with its last raw message (one upsert cannot write one row twice).
    2. The model is picked once; the companies of the interactions' jobs and contacts are read in three
       queries; the feedback on all the senders in one.
    3. Each message is checked as check_and_record_interaction would, then all checks are written with one
       upsert (a row already there, from an earlier check, is updated as update_or_create would).
    """
    items = list({interaction.pk: (interaction, raw) for interaction, raw in items}.values())
    if not items:
        return []
    if any(interaction.owner_id != owner.pk for interaction, _ in items):
        raise ValueError("every interaction must be the owner's")
    model = model_mod.model_for_user(owner.pk)
    domains = _domains_by_interaction(owner, [interaction for interaction, _ in items])
    keys = [sender_key(interaction, raw) for interaction, raw in items]
    feedback = {fb.key: fb for fb in ScamFeedback.objects.filter(owner=owner, kind=Kind.MESSAGE, key__in=set(keys))}
    now, rows = timezone.now(), []
    for (interaction, raw), key in zip(items, keys):
        text = raw if raw else f"{interaction.summary}\n{interaction.body}"
        result = checks.check_message(text, known_company_domains=domains[interaction.pk], model=model)
        result = with_feedback(feedback.get(key), Kind.MESSAGE, key, result)
        rows.append(ScamCheck(owner=owner, interaction=interaction, **_check_fields(result, model, now)))
    return ScamCheck.objects.bulk_create(rows, update_conflicts=True, unique_fields=["interaction"],
                                         update_fields=["owner", *CHECK_FIELDS])


def _domains_by_interaction(owner, interactions) -> dict:
    """Interaction id → the e-mail domains of its job's company and of its contacts' companies, as
    check_and_record_interaction gathers them one message at a time."""
    from keepwarm.jobs.models import Opportunity
    from keepwarm.people.models import Company
    from keepwarm.timeline.models import Participant

    opp_company = dict(Opportunity.objects.filter(
        owner=owner, id__in={i.opportunity_id for i in interactions if i.opportunity_id}).values_list("id", "company_id"))
    contact_companies = collections.defaultdict(set)
    for interaction_id, company_id in Participant.objects.filter(
            owner=owner, interaction_id__in=[i.pk for i in interactions], contact__company__isnull=False
    ).values_list("interaction_id", "contact__company_id"):
        contact_companies[interaction_id].add(company_id)
    wanted = set(opp_company.values()).union(*contact_companies.values()) - {None}
    companies = {c.pk: c for c in Company.objects.filter(owner=owner, id__in=wanted).only("email_domains", "website")}
    out = {}
    for interaction in interactions:
        ids = contact_companies[interaction.pk] | {opp_company.get(interaction.opportunity_id)}
        out[interaction.pk] = set().union(*(company_domains(companies.get(i)) for i in ids))
    return out


@transaction.atomic
def mark(owner, label: str, *, opportunity=None, interaction=None, raw=None) -> ScamFeedback:
    """Store the user's "scam" / "not a scam" and re-check the marked row so its badge changes at once."""
    if label not in Label.values:
        raise InputError("label", label, "must be scam or not_scam")
    if opportunity is not None:
        kind, key, text = Kind.POSTING, opportunity_key(opportunity), opportunity.posting_text
    else:
        kind, key = Kind.MESSAGE, sender_key(interaction, raw)
        text = f"{interaction.summary}\n{interaction.body}"
    fb, _ = ScamFeedback.objects.update_or_create(
        owner=owner, kind=kind, key=key,
        defaults={"label": label, "opportunity": opportunity, "interaction": interaction, "text": text,
                  "created_at": timezone.now()},
    )
    if opportunity is not None:
        check_and_record_opportunity(opportunity)
    else:
        check_and_record_interaction(interaction, raw)
    return fb


def retrain(owner, data_path=None, log=print):
    """Fold the user's feedback into their own model in the data dir (written atomically).

    With the training data (`data_path`), the linear model is refitted on it plus every posting the
    user marked; without it, the shipped weights are kept and the postings marked "scam" join the
    known-scam examples the model compares against. Calibration and thresholds stay the shipped ones.
    """
    from .features import ngrams, plain_text

    shipped = model_mod.get_model(model_mod.SHIPPED)
    with open(model_mod.SHIPPED, "rb") as f:
        import gzip
        import json

        data = json.loads(gzip.decompress(f.read()))
    feedback = list(ScamFeedback.objects.filter(owner=owner).exclude(text=""))
    marked_scam = [plain_text(fb.text) for fb in feedback if fb.label == Label.SCAM]
    if data_path is not None:
        from .train import fit, read_jsonl

        texts, labels = read_jsonl(data_path)
        texts += [plain_text(fb.text) for fb in feedback]
        labels += [1 if fb.label == Label.SCAM else 0 for fb in feedback]
        if len(set(labels)) < 2:
            raise InputError("data", str(data_path), "needs both scam (label 1) and legitimate (label 0) examples")
        new = fit([ngrams(plain_text(t)) for t in texts], labels)
        new["calibration"], new["thresholds"] = data["calibration"], data["thresholds"]
        data = new
    else:
        # A marked posting's new words join the vocabulary with the idf unknown words already get and a
        # zero weight: no other score changes, but the posting now matches itself and its re-posts fully.
        index = {t: i for i, t in enumerate(data["terms"])}
        for text in marked_scam:
            grams = ngrams(text)
            for g in sorted(grams - index.keys()):
                index[g] = len(data["terms"])
                data["terms"].append(g)
                data["idf"].append(data["idf_unknown"])
                data["coef"].append(0.0)
            idxs = sorted(index[g] for g in grams)
            data["exemplars"]["terms"].append(idxs)
            data["exemplars"]["norms"].append(sum(data["idf"][i] ** 2 for i in idxs) ** 0.5 or 1.0)
    data["meta"] = {**shipped.meta, "user": owner.pk, "feedback": len(feedback),
                    "retrained": timezone.now().isoformat(timespec="seconds"),
                    "created": timezone.now().isoformat(timespec="seconds")}
    path = model_mod.user_model_path(owner.pk)
    model_mod.write_model(data, path)
    log(f"wrote {path}: {len(feedback)} feedback item(s) folded in")
    return path
