"""The vCard 3.0 writer (the version every phone imports); vobject reads server cards (merge.py, kept_properties)."""

import hashlib
import re

import vobject

from .context import CardData, display_name, job_context, split_name
from .lines import escape, fold, param

PRODID = "-//keepwarm//keepwarm//EN"
# TYPE values phones understand (RFC 2426 plus the CELL/IPHONE habits of iOS and Android).
PHONE_TYPES = {
    "mobile": ["CELL", "VOICE"], "cell": ["CELL", "VOICE"], "cellphone": ["CELL", "VOICE"],
    "work": ["WORK", "VOICE"], "office": ["WORK", "VOICE"], "business": ["WORK", "VOICE"],
    "home": ["HOME", "VOICE"], "fax": ["FAX"], "pager": ["PAGER"],
}
# Everything keepwarm writes; on a merge, any other property found on the server card (a photo added on the
# phone, a birthday) is kept rather than wiped.
MANAGED = {"VERSION", "PRODID", "UID", "N", "FN", "ORG", "TITLE", "TEL", "EMAIL", "URL", "X-SOCIALPROFILE", "NOTE",
           "CATEGORIES", "REV"}


def phone_types(label: str) -> list[str]:
    return PHONE_TYPES.get((label or "").strip().lower(), ["VOICE"])


def prop(name: str, value: str, **params) -> str:
    head = name + "".join(f";{k.upper().replace('_', '-')}={','.join(param(v) for v in vs)}"
                          for k, vs in params.items() if vs)
    return fold(f"{head}:{value}")


def kept_lines(kept: str) -> list[str]:
    """The unmanaged properties stored on a CardState, refolded (see kept_properties)."""
    if not kept:
        return []
    unfolded = re.sub(r"\r?\n[ \t]", "", kept)
    out = []
    for line in unfolded.splitlines():
        name = re.split(r"[;:]", line, maxsplit=1)[0].split(".")[-1].upper()
        if line and name not in MANAGED and name not in ("BEGIN", "END"):
            out.append(fold(line))
    return out


def to_vcard(card: CardData, *, name_context: bool = False, kept: str = "", compact: bool = False) -> str:
    """One vCard 3.0. compact drops the note and profiles (for a QR code's small capacity).

    Written by hand rather than through vobject: a push rebuilds every card each time, and vobject's object
    model made that a minute at 20,000 contacts. The tests parse every card back with vobject."""
    given, family = split_name(card.name)
    out = ["BEGIN:VCARD\r\n", "VERSION:3.0\r\n", prop("PRODID", PRODID), prop("UID", escape(card.uid)),
           prop("N", f"{escape(family)};{escape(given)};;;"), prop("FN", escape(display_name(card, name_context)))]
    if card.company:
        out.append(prop("ORG", escape(card.company)))
    if card.title:
        out.append(prop("TITLE", escape(card.title)))
    for i, (label, e164) in enumerate(card.phones):
        out.append(prop("TEL", e164, type=phone_types(label) + (["PREF"] if i == 0 else [])))
    for i, address in enumerate(card.emails):
        out.append(prop("EMAIL", escape(address), type=["INTERNET"] + (["PREF"] if i == 0 else [])))
    if not compact:
        for network, handle, link in card.socials:
            # iOS reads X-SOCIALPROFILE; Android and Google read URL: write both.
            if link:
                out.append(prop("X-SOCIALPROFILE", link, type=[network], x_user=[handle] if handle else []))
                out.append(prop("URL", link))
        note = job_context(card)
        if note:
            out.append(prop("NOTE", escape(note)))
    out.append(prop("CATEGORIES", "keepwarm"))
    out += kept_lines(kept)
    out.append("END:VCARD\r\n")
    return "".join(out)


def many_to_vcard(cards, *, name_context: bool = False) -> str:
    return "".join(to_vcard(c, name_context=name_context) for c in cards)


def card_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def kept_properties(server_text: str) -> str:
    """A small vCard holding the server card's properties keepwarm does not manage ('' when none)."""
    server = vobject.readOne(server_text)
    # Grouped properties (item1.X-ABLabel) label a managed TEL or EMAIL: they go with it, not kept alone.
    extra = [c for c in server.getChildren() if c.name.upper() not in MANAGED and not c.group]
    if not extra:
        return ""
    v = vobject.vCard()
    v.add("version").value = "3.0"
    v.add("fn").value = "kept"  # vobject insists on an FN; FN is managed, so it is never copied back
    for child in extra:
        v.add(child)
    return v.serialize()
