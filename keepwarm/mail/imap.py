"""A thin layer over imaplib: connect, select, list new UIDs, fetch, append.

imaplib rather than imap-tools because sync needs the raw bytes (for Message-ID dedupe and the scam
check) and the UIDVALIDITY of each folder; imaplib gives both without a second parse.
"""

import imaplib
import ipaddress
import re
import ssl
import time

from .models import Security

TIMEOUT = 30
_UID = re.compile(rb"UID (\d+)")


class MailError(Exception):
    """One line for the account's status: what failed, never the password."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        value = b" ".join(v if isinstance(v, bytes) else str(v).encode() for v in value)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def connect(account, *, timeout=TIMEOUT) -> imaplib.IMAP4:
    host, port = account.imap_host, account.imap_port
    if account.imap_security == Security.NONE and not is_loopback(host):
        raise MailError(f"refusing to send the password unencrypted to {host}: choose TLS or STARTTLS")
    try:
        if account.imap_security == Security.TLS:
            conn = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=timeout)
        else:
            conn = imaplib.IMAP4(host, port, timeout=timeout)
            if account.imap_security == Security.STARTTLS:
                conn.starttls(ssl.create_default_context())
    except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
        raise MailError(f"cannot connect to {host}:{port}: {exc}") from None
    try:
        conn.login(account.username, account.password)
    except imaplib.IMAP4.error as exc:
        close(conn)
        raise MailError(f"login failed for {account.username} at {host}: {_text(exc.args[0] if exc.args else '')}"
                        ) from None
    return conn


def close(conn) -> None:
    try:
        conn.logout()
    except (OSError, imaplib.IMAP4.error):
        pass



def quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def select(conn, folder: str) -> int:
    """Open a folder read-only and return its UIDVALIDITY."""
    try:
        typ, data = conn.select(quote(folder), readonly=True)
    except imaplib.IMAP4.error as exc:
        raise MailError(f"folder {folder}: {_text(exc.args[0] if exc.args else '')}") from None
    if typ != "OK":
        raise MailError(f"folder {folder}: {_text(data)}")
    _, values = conn.response("UIDVALIDITY")
    if not values or values[0] is None:
        raise MailError(f"folder {folder}: the server gave no UIDVALIDITY")
    return int(values[0])


def uids_after(conn, last_uid: int) -> list[int]:
    # "N:*" always includes the highest UID even when it is below N, hence the filter.
    typ, data = conn.uid("SEARCH", "UID", f"{last_uid + 1}:*")
    if typ != "OK":
        raise MailError(f"search failed: {_text(data)}")
    return sorted(u for u in (int(x) for x in b" ".join(d for d in data if d).split()) if u > last_uid)


def fetch(conn, uids: list[int], *, headers_only=False):
    """Yield (uid, raw bytes) for these UIDs — whole messages, or just their headers — without marking them
    read."""
    part = "BODY.PEEK[HEADER]" if headers_only else "BODY.PEEK[]"
    typ, data = conn.uid("FETCH", ",".join(map(str, uids)), f"(UID {part})")
    if typ != "OK":
        raise MailError(f"fetch failed: {_text(data)}")
    for item in data:
        if isinstance(item, tuple):
            found = _UID.search(item[0])
            if found:
                yield int(found.group(1)), item[1]


def append(conn, folder: str, raw: bytes) -> None:
    typ, data = conn.append(quote(folder), r"(\Seen)", imaplib.Time2Internaldate(time.time()), raw)
    if typ != "OK":
        raise MailError(f"could not append to {folder}: {_text(data)}")


_LIST = re.compile(rb'^\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)$')
_SENT_NAMES = {"sent", "sent mail", "sent items", "sent messages"}


def parse_list_line(line: bytes) -> tuple[set, str] | None:
    """(flags, folder name) of one LIST response line, e.g. (\\HasNoChildren \\Sent) "/" "[Gmail]/Sent Mail"."""
    found = _LIST.match(line.strip())
    if not found:
        return None
    name = found.group("name").decode("utf-8", "replace")
    if name.startswith('"') and name.endswith('"'):
        name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return {f.lower() for f in found.group("flags").decode().split()}, name


def resolve_folder(conn, wanted: str) -> str:
    """The server's name for a folder: "Sent" finds Gmail's "[Gmail]/Sent Mail" or Outlook's "Sent Items" by
    its \\Sent special-use flag (RFC 6154) when no folder is called exactly that."""
    typ, data = conn.list()
    if typ != "OK":
        return wanted
    entries = [e for e in (parse_list_line(d) for d in data if isinstance(d, bytes)) if e]
    names = {name for _, name in entries}
    if wanted in names or wanted.lower() not in _SENT_NAMES:
        return wanted
    for flags, name in entries:
        if "\\sent" in flags:
            return name
    return next((name for _, name in entries if name.lower() in _SENT_NAMES), wanted)
