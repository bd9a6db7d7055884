"""The vCard 3.0 writer (the version every phone imports), serialised by vobject for folding and escaping."""

import hashlib

import vobject

from .context import CardData, display_name, job_context, split_name

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


def build_card(card: CardData, *, name_context: bool = False, compact: bool = False) -> vobject.base.Component:
    """A vobject vCard for one contact. compact drops the note and profiles (for a QR code's small capacity)."""
    v = vobject.vCard()
    v.add("version").value = "3.0"
    v.add("prodid").value = PRODID
    v.add("uid").value = card.uid
    given, family = split_name(card.name)
    v.add("n").value = vobject.vcard.Name(family=family, given=given)
    v.add("fn").value = display_name(card, name_context)
    if card.company:
        v.add("org").value = [card.company]
    if card.title:
        v.add("title").value = card.title
    for i, (label, e164) in enumerate(card.phones):
        tel = v.add("tel")
        tel.value = e164
        tel.type_param = phone_types(label) + (["PREF"] if i == 0 else [])
    for i, address in enumerate(card.emails):
        email = v.add("email")
        email.value = address
        email.type_param = ["INTERNET"] + (["PREF"] if i == 0 else [])
    if not compact:
        for network, handle, link in card.socials:
            # iOS reads X-SOCIALPROFILE; Android and Google read URL: write both.
            if link:
                profile = v.add("x-socialprofile")
                profile.value = link
                profile.type_param = network
                if handle:
                    profile.params["X-USER"] = [handle]
                v.add("url").value = link
        note = job_context(card)
        if note:
            v.add("note").value = note
    v.add("categories").value = ["keepwarm"]
    return v


def add_kept(v, kept: str) -> None:
    """Carry over properties that only the server card had (see models.CardState.kept)."""
    if not kept:
        return
    for child in vobject.readOne(kept).getChildren():
        if child.name.upper() not in MANAGED:
            v.add(child)


def to_vcard(card: CardData, *, name_context: bool = False, kept: str = "", compact: bool = False) -> str:
    v = build_card(card, name_context=name_context, compact=compact)
    add_kept(v, kept)
    return v.serialize()


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
