"""vCard files (3.0 and 4.0; Outlook's 2.1 too) → contact records.

Quirks: Apple groups a number with its label (item1.TEL + item1.X-ABLabel:_$!<Mobile>!$_) and embeds
photos as base64 (skipped); Google writes TYPE=CELL and custom labels; vCard 4.0 writes tel: URIs and
TYPE="cell,voice"; Outlook writes bare type words (TEL;WORK;VOICE) and quoted-printable notes;
social profiles arrive as X-SOCIALPROFILE, IMPP or plain URLs.
"""

import re

from keepwarm.lib.errors import InputError

from .records import BadRecord, ContactRecord
from .spreadsheet import decode

LABELS = {"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "work": "work", "home": "home", "main": "main",
          "fax": "fax", "pager": "pager", "other": "other", "workfax": "fax", "homefax": "fax"}
SOCIAL_HOSTS = {"linkedin.com": "linkedin", "facebook.com": "facebook", "fb.com": "facebook", "twitter.com": "x",
                "x.com": "x", "instagram.com": "instagram", "github.com": "github"}
MAX_CARDS = 50_000


def _types(line) -> list[str]:
    values = []
    for key, params in line.params.items():
        if key.upper() == "TYPE":
            for param in params:
                values.extend(p.strip().strip('"').lower() for p in param.split(","))
    values.extend(p.lower() for p in getattr(line, "singletonparams", []))
    return values


def _label(line, ab_labels: dict) -> str:
    if line.group and line.group.lower() in ab_labels:
        raw = ab_labels[line.group.lower()]
        found = re.fullmatch(r"_\$!<(.+)>!\$_", raw)
        return (found.group(1) if found else raw).strip().lower()[:40]
    for value in _types(line):
        if value in LABELS:
            return LABELS[value]
    return ""


def _social(url: str, network_hint: str = ""):
    host = re.sub(r"^https?://(www\.|m\.)?", "", url.lower()).split("/", 1)[0]
    network = next((n for h, n in SOCIAL_HOSTS.items() if host == h or host.endswith("." + h)), "")
    network = network or {"twitter": "x", "linkedin": "linkedin", "facebook": "facebook", "instagram": "instagram",
                          "github": "github"}.get(network_hint, "")
    if not network:
        return None
    if url.lower().startswith(("http://", "https://")):
        return network, url.rstrip("/").rsplit("/", 1)[-1], url
    return network, url.rsplit(":", 1)[-1].lstrip("@/"), ""  # x-apple:janedoe, or a bare handle


def card_to_record(card, number: int) -> ContactRecord:
    lines = list(card.lines())
    ab_labels = {l.group.lower(): str(l.value) for l in lines if l.name == "X-ABLABEL" and l.group}
    fn = next((str(l.value).strip() for l in lines if l.name == "FN"), "")
    if not fn:
        n = next((l.value for l in lines if l.name == "N"), None)
        fn = " ".join(x for x in (getattr(n, "prefix", ""), getattr(n, "given", ""), getattr(n, "additional", ""),
                                  getattr(n, "family", "")) if isinstance(x, str) and x).strip() if n else ""
    org = next((l.value for l in lines if l.name == "ORG"), "")
    org = (org[0] if isinstance(org, list) and org else org if isinstance(org, str) else "").strip()
    emails = [str(l.value).strip() for l in lines if l.name == "EMAIL" and str(l.value).strip()]
    name = fn or org or (emails[0] if emails else "")
    ref = f"card {number}" + (f" ({name})" if name else "")
    if not name:
        raise InputError("FN", "", "the card has no name, organisation or email", ref)
    record = ContactRecord(ref=ref, name=name, emails=emails, company=org if fn else "")
    notes, urls = [], []
    for line in lines:
        value = line.value if isinstance(line.value, str) else ""
        if line.name == "TEL" and value.strip():
            record.phones.append((_label(line, ab_labels), re.sub(r"^tel:", "", value.strip(), flags=re.I)))
        elif line.name == "TITLE" and value.strip():
            record.role = record.role or value.strip()
        elif line.name == "NOTE" and value.strip():
            notes.append(value.strip())
        elif line.name in ("URL", "X-SOCIALPROFILE", "IMPP") and value.strip():
            hint = next(iter(_types(line)), "")
            social = _social(value.strip(), hint)
            if social:
                record.socials.append(social)
            elif line.name == "URL":
                urls.append(value.strip())
    if urls:
        notes.append("Web: " + " ".join(urls))
    record.notes = "\n".join(notes)
    return record


def parse(raw: bytes, name: str = "file"):
    import vobject

    text = decode(raw, name)
    if "BEGIN:VCARD" not in text.upper():
        raise InputError("file", name, "not a vCard file (no BEGIN:VCARD)")
    # Unfold nothing by hand: vobject does it. Only normalise line ends, which exporters mix.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    number = 0
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            if card.name.upper() != "VCARD":
                continue
            number += 1
            if number > MAX_CARDS:
                raise InputError("file", name, f"more than {MAX_CARDS} cards; split the file")
            try:
                yield card_to_record(card, number)
            except InputError as exc:
                yield BadRecord(f"card {number}", exc)
    except InputError:
        raise
    except Exception as exc:  # vobject raises ParseError and assorted errors on broken cards
        raise InputError("vcard", str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__,
                         "not a readable vCard", f"card {number + 1}") from None
    if number == 0:
        raise InputError("file", name, "no contact cards found")
