"""Raw RFC 822 e-mail → the parts the scam checks read: sender, Reply-To, subject, text body, links, list mail.

Parsing is most of a message check, so it reads as little as it can: the compat32 parser (~4x faster than
policy.default), headers decoded only for the few we read, and for a single-part message (most mail) only
the header block goes through the parser: the rest is the body, as the parser itself would have set it.
"""

import email.policy
import re
from dataclasses import dataclass, field
from email.feedparser import NLCRE
from email.header import decode_header, make_header
from email.message import Message
from email.parser import Parser
from email.utils import getaddresses, parseaddr

from .features import plain_text

# A header's value may start on the next, indented line ("From:\n Name <a@b>"): generators fold long ones so.
HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,60}:(?:[ \t]|\n[ \t])", re.M)
KNOWN_HEADERS = re.compile(r"^(?:from|to|subject|date|message-id|received|return-path|reply-to|mime-version|"
                           r"delivered-to|content-type):", re.I | re.M)
HREF = re.compile(r"""href\s*=\s*["']?\s*(?:https?:)?//([\w.-]+)""", re.I)


def looks_like_rfc822(raw: str | bytes) -> bool:
    """True when the text starts with a header block that has at least one of the usual headers."""
    if isinstance(raw, bytes):
        raw = raw[:4000].decode("utf-8", "replace")
    head = raw.lstrip()[:4000].replace("\r\n", "\n")
    if head.startswith("From "):  # an mbox separator line
        head = head.split("\n", 1)[-1]
    head = head.split("\n\n", 1)[0]
    return bool(HEADER_LINE.match(head)) and bool(KNOWN_HEADERS.search(head))


@dataclass
class ParsedMessage:
    from_addr: str = ""
    from_name: str = ""
    reply_to: str = ""
    subject: str = ""
    body: str = ""
    links: list = field(default_factory=list)
    is_list_mail: bool = False


def _decoded_part(part) -> str:
    """A text part's content as str: transfer encoding undone, then its charset (what the default policy's
    get_content does, done by hand because the faster compat32 parser does not offer it)."""
    payload = part.get_payload(decode=True) or b""
    if isinstance(payload, str):
        return payload
    try:
        return payload.decode(part.get_param("charset", "ASCII"), "replace")
    except (LookupError, TypeError, ValueError):
        return payload.decode("latin-1", "replace")


def _body_of(msg) -> tuple[str, str]:
    """(plain text, raw html) of a message; the plain part preferred, HTML stripped as a fallback."""
    plain, html_ = [], []
    parts = msg.walk() if msg.is_multipart() else [msg]
    for part in parts:
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html"):
            continue
        (plain if ctype == "text/plain" else html_).append(_decoded_part(part))
    raw_html = "\n".join(html_)
    return ("\n".join(plain) if plain else plain_text(raw_html)), raw_html


def parse_message(raw: str | bytes) -> ParsedMessage:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    msg = _message(raw)

    def header(name):
        value = msg.get(name)
        if value is None:
            return ""
        try:
            unfolded = str(value).replace("\r", "").replace("\n", "")  # as the default policy unfolds
            if "=?" not in unfolded:  # no encoded word: decode_header and make_header give it back as it is
                return unfolded
            return str(make_header(decode_header(unfolded)))
        except (ValueError, LookupError, IndexError, TypeError, UnicodeError):  # malformed: go on without it
            return ""

    name, addr = parseaddr(header("From"))
    reply = [a for _, a in getaddresses([header("Reply-To")]) if "@" in a]
    body, raw_html = _body_of(msg)
    is_list = any(header(h) for h in ("List-Id", "List-Post", "List-Unsubscribe", "Mailing-List")) or \
        header("Precedence").lower() in ("list", "bulk")
    return ParsedMessage(from_addr=addr.lower(), from_name=name, reply_to=reply[0].lower() if reply else "",
                         subject=header("Subject"), body=body, links=HREF.findall(raw_html), is_list_mail=is_list)



# The headers the checks read, directly or through Message's content-type, -disposition and payload methods.
READ_HEADERS = frozenset({"from", "reply-to", "subject", "list-id", "list-post", "list-unsubscribe", "mailing-list",
                          "precedence", "content-type", "content-transfer-encoding", "content-disposition"})


def _message(raw: bytes):
    """email.message_from_bytes(raw, policy=compat32) as far as the checks can tell, at a fraction of the cost.

    1. The parser sets a single-part message's payload to the rest of the input after the header block; only
       multipart/* and message/* bodies are parsed further.
    2. So the header block is split here, its lines grouped into headers as email.feedparser does (continuation
       lines, "From " lines, a missing name), and only the headers the checks read are kept, in their order,
       each stored as the parser stores it (policy.header_source_parse, then set_raw).
    3. Messages with parts, and header blocks this shortcut does not cover (a line that is not a header before
       the first blank line, no blank line, lone \r line breaks), go through the parser."""
    text = raw.decode("ascii", "surrogateescape")  # as message_from_bytes decodes
    head = _head_lines(text)
    found = _headers(head[0]) if head is not None else None
    if found is None or found[0].get_content_maintype() in ("multipart", "message"):
        return Parser(policy=email.policy.compat32).parsestr(text)
    msg, pushed_back = found
    msg.set_payload(pushed_back + text[head[1]:])
    return msg


def _head_lines(text: str):
    """(the lines before the first blank line, each with its line ending; where the body starts), or None.

    A blank line starts right after a line ending and begins with \r or \n: "\n\n", "\n\r" (which also
    covers \r\n endings) or "\r\r" (a lone \r ending) mark it."""
    if text[:1] in ("\r", "\n"):
        return [], len(NLCRE.match(text).group())  # a blank first line: no headers at all
    blank = -1
    for mark in ("\n\n", "\n\r", "\r\r"):
        i = text.find(mark, 0, blank + 1 if blank >= 0 else len(text))
        if i >= 0:
            blank = i + 1
    if blank < 0:
        return None
    block = text[:blank]
    end = blank + len(NLCRE.match(text, blank).group())
    if "\r" not in block:
        return [line + "\n" for line in block.split("\n")[:-1]], end
    if block.count("\r\n") == block.count("\r") == block.count("\n"):
        return [line + "\r\n" for line in block.split("\r\n")[:-1]], end
    return None  # lone \r line breaks: rare, left to the parser


def _headers(lines: list[str]):
    """(a Message holding the headers the checks read, what the parser would put back as the body's first line),
    the headers grouped from the lines as email.feedparser.FeedParser._parse_headers groups them; None when a
    line is not a header line (the parser's headerRE: a continuation, a "From " line, or a colon after a name
    of printable ASCII without spaces)."""
    policy = email.policy.compat32
    msg = Message(policy=policy)
    pushed_back = ""
    # As FeedParser._parse_headers, keeping only the headers read: `value` collects the lines of the current
    # header when it is one of them, else is None (the continuation lines of other headers are skipped).
    value = None
    last = len(lines) - 1
    for lineno, line in enumerate(lines):
        if line[0] in " \t":
            if value is not None:
                value.append(line)
            continue  # a continuation of a header not kept, or with no header before it (dropped)
        if line.startswith("From "):
            if value:
                msg.set_raw(*policy.header_source_parse(value))
            value = None
            if lineno == last and lineno:
                pushed_back = line  # a "From " line closing the headers is the body's first line
                break
            continue  # the mbox separator (first line), or a misplaced one: not a header
        i = line.find(":")
        name = line[:i]
        if i < 0 or not (name.isascii() and name.isprintable() and " " not in name):
            return None  # not a header line: the parser would start the body here
        if value:
            msg.set_raw(*policy.header_source_parse(value))
        value = [line] if i and name.lower() in READ_HEADERS else None  # ":" first: no name, dropped
    if value:
        msg.set_raw(*policy.header_source_parse(value))
    return msg, pushed_back
