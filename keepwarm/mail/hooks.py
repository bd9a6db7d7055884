"""Calls into apps other engineers own (scams, dav), imported lazily so mail works while they are absent.

A missing hook is logged once as a warning — never skipped silently — because it means a feature is off.
"""

import logging

log = logging.getLogger("keepwarm.mail")
_warned = set()


def _find(module_name, attribute):
    from importlib import import_module

    try:
        return getattr(import_module(module_name), attribute)
    except (ImportError, AttributeError):
        if (module_name, attribute) not in _warned:
            _warned.add((module_name, attribute))
            log.warning("mail: %s.%s is not available; that check is off", module_name, attribute)
        return None


def _guarded(what, func, *args, **kwargs) -> None:
    """A failing hook is logged with its traceback; it must not undo the sync of a batch of mail."""
    from django.db import transaction

    try:
        with transaction.atomic():  # a savepoint, so a database error inside the hook stays inside it
            func(*args, **kwargs)
    except Exception:  # noqa: BLE001
        log.exception("mail: %s failed", what)


def check_scam(interaction, raw: bytes) -> None:
    """Let the scam rules look at an inbound message (they flag it on the interaction)."""
    check = _find("keepwarm.scams.services", "check_and_record_interaction")
    if check is not None:
        _guarded(f"scam check of interaction {interaction.id}", check, interaction, raw=raw)


def check_scams(owner, items) -> None:
    """Let the scam rules look at a batch of new inbound messages, [(interaction, raw), ...], in one call (the
    per-message queries were half an import's time). Imported mail carries its verdict when the import ends,
    so a failing batch is not given up: each message is then checked on its own, and one bad message costs
    only its own check."""
    from django.db import transaction

    items = list(items)
    check_all = _find("keepwarm.scams.services", "check_and_record_interactions")
    if check_all is not None and items:
        try:
            with transaction.atomic():  # a savepoint: a failure undoes the hook's writes, not the mail batch
                check_all(owner, items)
            return
        except Exception:  # noqa: BLE001
            log.exception("mail: scam check of %d messages failed; checking them one at a time", len(items))
    for interaction, raw in items:
        check_scam(interaction, raw)


def apply_invitation(owner, ics_text: str, contacts) -> None:
    """A calendar invitation (METHOD:REQUEST) from a known contact becomes or moves an interview."""
    apply = _find("keepwarm.dav.invites", "apply_invitation")
    if apply is not None:
        _guarded("calendar invitation", apply, owner, ics_text, contacts)
