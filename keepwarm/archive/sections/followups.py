"""Archive section for follow-ups, the user's own reminders and the engine's, in every state.

Rule-made follow-ups matter even when closed: their rule_key is how the engine knows a reminder was done or
dismissed and must never come back. Those keys embed row ids (see followups.engine: "applied:<job id>:…",
"touch:<contact id>:…", "thanks:interview:<id>:<contact id>"…), so the archive writes them as a template plus
the natural keys of the rows they name, and import puts the new ids back. A key of a shape not known here is
kept verbatim. The user's own reminders match on "<created_at> <kind> <due_on>".
"""

import re

from keepwarm.followups.models import FollowUp, FollowUpOrigin, Kind, State

from ..fields import iso, iso_day, records
from ..registry import ExportContext, ImportContext, Section, unique_keys

BATCH = 500

# The engine's rule-key shapes: which archive section each number in them refers to.
PATTERNS = [
    (re.compile(r"^(?:applied|final|revisit|gracious):(\d+):"), ["opportunities"]),
    (re.compile(r"^touch:job(\d+):"), ["opportunities"]),
    (re.compile(r"^touch:(\d+):"), ["contacts"]),
    (re.compile(r"^thanks:interview:(\d+):(\d+)$"), ["interviews", "contacts"]),
    (re.compile(r"^thanks:touch:(\d+):(\d+)$"), ["interactions", "contacts"]),
]


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def portable(rule_key: str, keys: dict[str, dict[int, str]]) -> dict:
    """'applied:17:2026-11-02:1' -> {"template": "applied:{}:2026-11-02:1", "refs": [["opportunities", key]]}."""
    for pattern, sections in PATTERNS:
        m = pattern.match(rule_key)
        if not m:
            continue
        refs, parts, pos = [], [], 0
        for n, section in enumerate(sections, 1):
            key = keys.get(section, {}).get(int(m[n]))
            if key is None:  # names a row that is gone: keep the key as it was
                return {"template": _escape(rule_key), "refs": []}
            refs.append([section, key])
            parts += [_escape(rule_key[pos:m.start(n)]), "{}"]
            pos = m.end(n)
        return {"template": "".join(parts) + _escape(rule_key[pos:]), "refs": refs}
    return {"template": _escape(rule_key), "refs": []}


def reminder_keys(rows) -> list[str]:
    """rows: (created_at, kind, due_on) in (created_at, id) order."""
    return unique_keys([f"{iso(c)} {k} {iso_day(d)}" for c, k, d in rows])


def export_followups(ctx: ExportContext) -> list:
    rows = list(FollowUp.objects.filter(owner=ctx.user).order_by("created_at", "id"))
    contacts, jobs = ctx.keys["contacts"], ctx.keys["opportunities"]
    return [{
        "kind": f.kind, "due_on": iso_day(f.due_on), "contact": contacts[f.contact_id] if f.contact_id else None,
        "opportunity": jobs[f.opportunity_id] if f.opportunity_id else None, "reason": f.reason,
        "topics": list(f.topics or []), "state": f.state, "snoozed_until": iso_day(f.snoozed_until),
        "origin": f.origin, "rule": portable(f.rule_key, ctx.keys) if f.rule_key else None,
        "created_at": iso(f.created_at), "closed_at": iso(f.closed_at), "closed_note": f.closed_note,
    } for f in rows]


def validate_followups(data, ctx: ImportContext) -> list:
    mine = FollowUp.objects.filter(owner=ctx.user)
    ctx.existing["followups"] = set(mine.exclude(rule_key="").values_list("rule_key", flat=True))
    user_rows = mine.filter(rule_key="").order_by("created_at", "id").values_list("created_at", "kind", "due_on")
    ctx.existing["reminders"] = set(reminder_keys(list(user_rows)))
    out = []
    for _, rec in records(data, "followups", "reason"):
        rule = rec.mapping("rule") if rec.data.get("rule") is not None else None
        if rule is not None:
            template = rule.get("template")
            refs = rule.get("refs", [])
            if not isinstance(template, str) or not template or not isinstance(refs, list):
                rec.fail("rule", rule, "expected {template: text, refs: [[section, key], …]}")
            for ref in refs:
                if not (isinstance(ref, list) and len(ref) == 2 and ref[0] in ctx.file_keys | ctx.existing):
                    rec.fail("rule", ref, "a reference is [section, key]")
                ctx.check_ref(ref[0], ref[1], "rule", rec.label, null=False)
            try:
                template.format(*(["0"] * len(refs)))
            except (IndexError, ValueError, KeyError):
                rec.fail("rule", template, "the template does not fit its references")
        out.append(dict(
            kind=rec.choice("kind", Kind), due_on=rec.date("due_on", null=False),
            contact=ctx.check_ref("contacts", rec.data.get("contact"), "contact", rec.label),
            opportunity=ctx.check_ref("opportunities", rec.data.get("opportunity"), "opportunity", rec.label),
            reason=rec.str("reason", required=True), topics=rec.strings("topics"),
            state=rec.choice("state", State, default=State.OPEN), snoozed_until=rec.date("snoozed_until"),
            origin=rec.choice("origin", FollowUpOrigin, default=FollowUpOrigin.USER), rule=rule,
            created_at=rec.datetime("created_at"), closed_at=rec.datetime("closed_at", null=True),
            closed_note=rec.str("closed_note", max_len=300),
        ))
    return out


def write_followups(clean, ctx: ImportContext):
    rule_keys, reminders = ctx.existing["followups"], ctx.existing["reminders"]
    own = [r for r in clean if not r["rule"]]
    key_of = {id(r): k for r, k in zip(own, reminder_keys([(r["created_at"], r["kind"], r["due_on"]) for r in own]))}
    new = []
    for r in clean:
        if r["rule"]:
            rule_key = r["rule"]["template"].format(*(ctx.ids[s][k] for s, k in r["rule"]["refs"]))
            if rule_key in rule_keys:
                continue
            rule_keys.add(rule_key)
        else:
            rule_key = ""
            if key_of[id(r)] in reminders:
                continue
        fields = {k: v for k, v in r.items() if k not in ("rule", "contact", "opportunity")}
        new.append(FollowUp(owner=ctx.user, rule_key=rule_key, contact_id=ctx.resolve("contacts", r["contact"]),
                            opportunity_id=ctx.resolve("opportunities", r["opportunity"]), **fields))
    FollowUp.objects.bulk_create(new, batch_size=BATCH)
    return len(new), len(clean) - len(new)


FOLLOWUPS = Section("followups", export_followups, validate_followups, write_followups)
