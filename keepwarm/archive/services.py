"""Export everything one user has to a JSON-ready dict, and import such a dict back.

    export_user(user) -> {"format": "keepwarm", "version": 1, "user": {...}, "companies": [...], ...}
    import_user(user, data) -> {"companies": {"created": n, "existing": m}, ...}

Import validates the whole file first (an InputError names the record and the field), then writes everything in
one transaction. Records are matched by natural keys (see sections/*), so importing the same file twice, or a
user's own export, creates nothing new; a record already there is left as it is. Export → import into a fresh
user → export gives the same document apart from the user name (and, beside the original user in the same
database, interview calendar uids, which are unique database-wide).
"""

import json

from django.db import IntegrityError, transaction

from keepwarm.accounts.services import profile_of
from keepwarm.followups.engine import Rules
from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError

from .fields import Record
from .registry import ExportContext, ImportContext, sections

FORMAT = "keepwarm"
VERSION = 1


def export_user(user) -> dict:
    profile = profile_of(user)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "user": {"username": user.username, "email": user.email, "time_zone": profile.time_zone,
                 "phone_region": profile.phone_region, "rules": dict(profile.rules or {})},
    }
    ctx = ExportContext(user)
    for section in sections():
        doc[section.name] = section.export(ctx)
    return doc


def _validate_header(data) -> dict:
    if not isinstance(data, dict):
        raise InputError("archive", type(data).__name__, "expected a JSON object", "archive")
    if data.get("format") != FORMAT:
        raise InputError("format", data.get("format"), f"not a keepwarm archive (expected {FORMAT!r})", "archive")
    if data.get("version") != VERSION:
        raise InputError("version", data.get("version"), f"unsupported version (this keepwarm reads {VERSION})",
                         "archive")
    rec = Record(data.get("user") or {}, "user")
    email = rec.str("email", max_len=254)
    time_zone = rec.str("time_zone", max_len=64) or "UTC"
    zone(time_zone)
    region = rec.str("phone_region", max_len=2) or "US"
    rules = rec.mapping("rules")
    Rules.from_overrides(rules)
    return dict(email=email, time_zone=time_zone, phone_region=region.upper(), rules=rules)


def import_user(user, data) -> dict:
    """Validate everything, then write everything (or nothing). Returns counts per section."""
    settings = _validate_header(data)
    ctx = ImportContext(user)
    plan = []
    for section in sections():
        plan.append((section, section.validate(data.get(section.name) or [], ctx)))
    summary = {}
    try:
        with transaction.atomic():
            for section, clean in plan:
                created, existing = section.write(clean, ctx)
                summary[section.name] = {"created": created, "existing": existing}
            _restore_settings(user, settings)
    except IntegrityError as exc:  # validation should have caught it; never leave half an import behind
        raise InputError("archive", str(exc).splitlines()[0], "conflicts with data already here", "archive") from None
    return summary


def _restore_settings(user, settings):
    profile = profile_of(user)
    profile.time_zone, profile.phone_region, profile.rules = (settings["time_zone"], settings["phone_region"],
                                                               settings["rules"])
    profile.save(update_fields=["time_zone", "phone_region", "rules"])
    if settings["email"] and not user.email:
        user.email = settings["email"]
        user.save(update_fields=["email"])


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def loads(text: str, source: str = "file") -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("json", f"line {exc.lineno} column {exc.colno}", exc.msg, source) from None
