"""Reading raw messages: a fast header pass for every message, a full parse only for the few that matter.

Most of a mailbox is not about the job search, so the header pass is hand-rolled over the header block
(no email.message objects) and the MIME parse happens only for a message that matched a contact.
"""

import dataclasses
import datetime as dt
import hashlib
import html
import re
from email import message_from_bytes
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime

import nh3

WANTED = {"from", "to", "cc", "date", "subject", "message-id", "in-reply-to", "references", "x-gm-thrid",
          "x-gmail-labels"}
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MSGID = re.compile(rb"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
_ANGLE = re.compile(r"<[^<>\s]+>")
_BODY_LIMIT = 20000  # characters of a matched message kept on its interaction


class Malformed(ValueError):
    """A message keepwarm cannot read; it is recorded with this text and the run goes on."""


@dataclasses.dataclass
class MessageInfo:
    message_id: str
    from_name: str
    from_addr: str
    to: list  # [(name, address)]
    cc: list
    date: dt.datetime | None
    subject: str
    references: list  # Message-IDs this one answers, oldest first
    gm_thread: str = ""
    labels: tuple = ()

    @property
    def thread_key(self) -> str:
        return self.gm_thread or (self.references[0] if self.references else self.message_id)

    @property
    def recipients(self) -> list:
        return [a for _, a in self.to + self.cc]


def header_block(raw: bytes) -> bytes:
    found = _HEADER_END.search(raw)
    return raw[: found.start()] if found else raw


def _text(block: bytes) -> str:
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError:
        return block.decode("latin-1")


def parse_header_fields(block: bytes) -> dict:
    """Header name (lower-case) → unfolded value, first occurrence, for the headers sync needs."""
    fields, current = {}, None
    for line in _text(block).splitlines():
        if line[:1] in (" ", "\t"):
            if current:
                fields[current] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        name = name.strip().lower()
        current = name if sep and name in WANTED and name not in fields else None
        if current:
            fields[current] = value.strip()
    return fields


def decoded(value: str) -> str:
    """RFC 2047 words (=?utf-8?q?…?=) to text; undecodable input is kept as it came."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


def ids_in(value: str) -> list:
    return _ANGLE.findall(value or "")


def synthetic_id(raw: bytes) -> str:
    """A stable identity for a message without a Message-ID (same bytes, same id, whatever the line ends)."""
    digest = hashlib.sha256(header_block(raw).replace(b"\r\n", b"\n")).hexdigest()[:40]
    return f"<{digest}@no-message-id.keepwarm>"


def quick_message_id(raw: bytes) -> str:
    """Just the Message-ID, found with one regex: a re-run skips messages it has seen without parsing them."""
    found = _MSGID.search(header_block(raw))
    ids = ids_in(_text(found.group(1))) if found else []
    return ids[0][:500] if ids else synthetic_id(raw)


def _addresses(value: str) -> list:
    return [(decoded(name).strip(), addr.strip().lower()) for name, addr in getaddresses([value])
            if "@" in addr]


_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def rough_addresses(fields: dict) -> set:
    """Every address-looking string in From, To and Cc, lower-cased: a superset of the real addresses (it
    also finds some in display names), good enough to tell quickly that a message concerns nobody known."""
    return {a.lower() for name in ("from", "to", "cc") for a in _ADDRESS.findall(fields.get(name, ""))}


def thread_key_of(fields: dict, message_id: str) -> str:
    refs = ids_in(fields.get("references", "")) or ids_in(fields.get("in-reply-to", ""))
    return (fields.get("x-gm-thrid", "").strip() or (refs[0] if refs else message_id))[:500]


def parse_info(raw: bytes, fields: dict | None = None) -> MessageInfo:
    """The identity and the people of a message; raises Malformed when there is no sender to go on."""
    fields = parse_header_fields(header_block(raw)) if fields is None else fields
    senders = _addresses(fields.get("from", ""))
    if not senders:
        raise Malformed(f"no sender address (From: {fields.get('from', '')[:80]!r})" if fields
                        else "no mail headers found")
    ids = ids_in(fields.get("message-id", ""))
    date = None
    if fields.get("date"):
        try:
            date = parsedate_to_datetime(fields["date"])
            if date.tzinfo is None:
                date = date.replace(tzinfo=dt.timezone.utc)
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
    refs = ids_in(fields.get("references", "")) or ids_in(fields.get("in-reply-to", ""))
    labels = tuple(x.strip().lower() for x in decoded(fields.get("x-gmail-labels", "")).split(",") if x.strip())
    return MessageInfo(
        message_id=(ids[0] if ids else synthetic_id(raw))[:500],
        from_name=senders[0][0], from_addr=senders[0][1],
        to=_addresses(fields.get("to", "")), cc=_addresses(fields.get("cc", "")),
        date=date, subject=decoded(fields.get("subject", "")).strip()[:500], references=refs,
        gm_thread=fields.get("x-gm-thrid", "").strip()[:100], labels=labels,
    )


# --- Full parse, only for matched messages ------------------------------------------------------------

def html_to_text(markup: str) -> str:
    """Text of an HTML body: nh3 with no tags allowed drops scripts, styles and every element."""
    text = html.unescape(nh3.clean(markup, tags=set(), clean_content_tags={"script", "style", "head", "title"}))
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text)).strip()


def clean_html(markup: str) -> str:
    """HTML safe to show in a page: no scripts or handlers, and no remote images (they tell the sender you read
    it); only inline data: images survive."""

    def keep_attr(element, attribute, value):
        if element == "img" and attribute == "src" and not value.startswith("data:"):
            return None
        return value

    return nh3.clean(markup, attribute_filter=keep_attr, url_schemes={"http", "https", "mailto", "data"},
                     link_rel="noopener noreferrer nofollow")


def _part_text(part) -> str:
    payload = part.get_payload(decode=True) or b""
    try:
        return payload.decode(part.get_content_charset() or "utf-8", "replace")
    except LookupError:  # an unknown charset name
        return payload.decode("utf-8", "replace")


@dataclasses.dataclass
class Body:
    text: str
    invitations: list  # iCalendar texts with METHOD:REQUEST or CANCEL (an interview moved or called off)


def parse_body(raw: bytes) -> Body:
    """Plain text preferred; HTML only when there is no text part; attachments skipped; calendar invitations
    collected. The compat32 parser is used: several times faster than policy.default and enough here."""
    plain = markup = None
    invitations = []
    for part in message_from_bytes(raw).walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/calendar":
            ics = _part_text(part)
            if re.search(r"^METHOD:\s*(REQUEST|CANCEL)", ics, re.MULTILINE | re.IGNORECASE):
                invitations.append(ics)
        elif part.get_filename() or "attachment" in str(part.get("Content-Disposition", "")).lower():
            continue
        elif kind == "text/plain" and plain is None:
            plain = _part_text(part)
        elif kind == "text/html" and markup is None:
            markup = _part_text(part)
    text = plain.strip() if plain is not None else html_to_text(markup) if markup is not None else ""
    return Body(text=text[:_BODY_LIMIT], invitations=invitations)
