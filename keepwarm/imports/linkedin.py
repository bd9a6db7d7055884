"""LinkedIn's data export (ZIP or folder): Connections.csv → contacts; messages.csv → social messages.

Quirks: Connections.csv opens with "Notes:" lines explaining missing emails before its header row;
emails are blank for most connections; "Connected On" is "02 Dec 2011"; messages.csv has one row per
message with profile URLs for sender and recipients, and the account owner is in every conversation.
"""

import csv
import datetime as dt
import hashlib
import io
from collections import Counter

from keepwarm.lib.errors import InputError

from .bundle import Bundle
from .dates import parse_any_date
from .records import BadRecord, ContactRecord, MessageRecord, PersonRef
from .spreadsheet import decode


def _table(raw: bytes, name: str, first_header: str) -> list[dict]:
    """Rows as dicts, starting at the header line (skipping LinkedIn's "Notes:" preamble). Each row's "_line"
    is its line in the file (as a spreadsheet shows it), so errors point where the user can look."""
    text = decode(raw, name)
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.lstrip('"').lower().startswith(first_header.lower())),
                 None)
    if start is None:
        raise InputError("header", name, f"no header row starting with {first_header!r}")
    try:
        reader = csv.DictReader(io.StringIO("".join(lines[start:]), newline=""))
        rows = []
        for row in reader:
            row["_line"] = start + reader.line_num
            rows.append(row)
        return rows
    except csv.Error as exc:
        raise InputError("file", name, f"not a readable CSV file ({exc})") from None


def _url(value: str) -> str:
    value = (value or "").strip()
    return value if value.lower().startswith("http") else ""


def _handle(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


def connections(rows: list[dict]):
    for row in rows:
        ref = f"Connections.csv line {row['_line']}"
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        name = " ".join(x for x in (row.get("first name", ""), row.get("last name", "")) if x)
        if not name:
            yield BadRecord(ref, InputError("name", "", "first and last name are both empty", ref))
            continue
        url = _url(row.get("url", ""))
        how_met = "LinkedIn connection"
        try:
            day = parse_any_date(row.get("connected on"), field="connected on", record=ref)
        except InputError as exc:
            yield BadRecord(ref, exc)
            continue
        if day:
            how_met += f" since {day:%-d %b %Y}"
        yield ContactRecord(
            ref=ref, name=name, emails=[row["email address"]] if row.get("email address") else [],
            socials=[("linkedin", _handle(url), url)] if url else [], company=row.get("company", ""),
            role=row.get("position", ""), how_met=how_met,
        )


def _split_urls(value: str) -> list[str]:
    return [u.strip() for u in (value or "").replace(";", ",").split(",") if u.strip().lower().startswith("http")]


def find_me(rows: list[dict], connection_urls: set, my_name: str = "") -> str:
    """The account owner's profile URL: in every conversation, never one of their own connections."""
    per_conversation = {}
    for row in rows:
        urls = set(_split_urls(row.get("SENDER PROFILE URL", ""))) | set(_split_urls(row.get("RECIPIENT PROFILE URLS", "")))
        per_conversation.setdefault(row.get("CONVERSATION ID", ""), set()).update(urls)
    if my_name:
        for row in rows:
            if row.get("FROM", "").strip().lower() == my_name.lower() and _url(row.get("SENDER PROFILE URL", "")):
                return _url(row["SENDER PROFILE URL"]).rstrip("/")
    counts = Counter(u.rstrip("/") for urls in per_conversation.values() for u in urls)
    known = {u.rstrip("/").lower() for u in connection_urls}
    candidates = [(n, u) for u, n in counts.items() if u.lower() not in known]
    candidates.sort(reverse=True)
    return candidates[0][1] if candidates else ""


def messages(rows: list[dict], me: str):
    for row in rows:
        ref = f"messages.csv line {row['_line']}"
        if (row.get("IS MESSAGE DRAFT") or "").strip().lower() in ("yes", "true"):
            continue
        try:
            when = _when(row.get("DATE", ""), ref)
        except InputError as exc:
            yield BadRecord(ref, exc)
            continue
        sender = _url(row.get("SENDER PROFILE URL", "")).rstrip("/")
        outgoing = bool(me) and sender.lower() == me.lower()
        if outgoing:
            names = [n.strip() for n in (row.get("TO") or "").split(",")]
            urls = _split_urls(row.get("RECIPIENT PROFILE URLS", ""))
            people = [PersonRef(names[i] if i < len(names) and len(names) == len(urls) else "", u.rstrip("/"),
                                "linkedin") for i, u in enumerate(urls)] or \
                     [PersonRef(n, "", "linkedin") for n in names if n]
        else:
            people = [PersonRef((row.get("FROM") or "").strip(), sender, "linkedin")]
        body = (row.get("CONTENT") or "").strip()
        subject = (row.get("SUBJECT") or "").strip()
        digest = hashlib.sha256("|".join([row.get("CONVERSATION ID", ""), row.get("DATE", ""), sender,
                                          body[:200]]).encode()).hexdigest()[:24]
        yield MessageRecord(
            ref=ref, external_id=f"linkedin:{digest}", network="linkedin", direction="out" if outgoing else "in",
            happened_at=when, people=people, body=body, summary=(subject or body.split("\n", 1)[0])[:120],
        )


def _when(raw: str, ref: str) -> dt.datetime:
    text = (raw or "").strip().replace(" UTC", "+00:00")
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError("date", raw, "expected a date-time like 2023-05-04 15:22:11 UTC", ref) from None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def parse(bundle: Bundle, *, with_messages=True):
    """Records in order: every connection first, so that messages find the contacts made from them."""
    conn_name = bundle.find("Connections.csv")
    msg_name = bundle.find("messages.csv") if with_messages else None
    if conn_name is None and msg_name is None:
        raise InputError("path", str(bundle.path), "no Connections.csv or messages.csv in this LinkedIn export")
    records, urls = [], set()
    if conn_name:
        rows = _table(bundle.read(conn_name), conn_name, "First Name")
        for record in connections(rows):
            records.append(record)
            if isinstance(record, ContactRecord):
                urls.update(u for _, _, u in record.socials)
    if msg_name:
        rows = _table(bundle.read(msg_name), msg_name, "CONVERSATION ID")
        my_name = _my_name(bundle)
        records.extend(messages(rows, find_me(rows, urls, my_name)))
    return records


def _my_name(bundle: Bundle) -> str:
    name = bundle.find("Profile.csv")
    if not name:
        return ""
    try:
        rows = _table(bundle.read(name), name, "First Name")
    except InputError:
        return ""
    return " ".join(x for x in (rows[0].get("First Name", ""), rows[0].get("Last Name", "")) if x).strip() if rows else ""
