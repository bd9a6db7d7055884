"""A streaming mbox reader: memory holds one message and one read buffer, whatever the file's size.

The standard library's mailbox.mbox indexes the whole file first (and keeps the index), which is what
we must not do with a 10 GB Google Takeout.
"""

import re

from keepwarm.lib.errors import InputError

READ_SIZE = 1 << 20
_SEPARATOR = b"\nFrom "
_ESCAPED_FROM = re.compile(rb"\n>(>*From )")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def _message(buf: bytes, start: int, end: int) -> bytes:
    """buf[start:end] is one mbox entry: cut it without its "From " envelope line and blank separator line in a
    single copy, and undo mboxrd's >From quoting."""
    start = buf.find(b"\n", start, end) + 1 or end
    if buf.endswith(b"\r\n\r\n", start, end):
        end -= 2
    elif buf.endswith(b"\n\n", start, end):
        end -= 1
    return _unescaped(buf[start:end])


def _unescaped(body: bytes) -> bytes:
    return _ESCAPED_FROM.sub(rb"\n\1", body) if b"\n>" in body else body


def _spans(fh, on_read, read_size, base=0):
    """Yield (buffer, start, end, file offset of start) for each mbox entry, reading from `fh` positioned at
    file offset `base` (the start of an entry); the buffer is only valid until the next item. Memory holds one read buffer plus the longest message, whatever the file's size; the
    buffer is consumed with an offset (not re-sliced per message), so a message costs its own size only."""
    buf = b""
    while len(buf) < 5:
        data = fh.read(read_size)
        if not data:
            break
        buf += data
    if on_read:
        on_read(len(buf))
    if not buf.strip():
        return
    if not buf.startswith(b"From "):
        raise InputError("mbox", getattr(fh, "name", ""), "not an mbox file: it does not start with a 'From ' line")
    pos, searched = 0, 1  # base: file offset of buf[0]
    while True:
        found = buf.find(_SEPARATOR, searched)
        if found >= 0:
            yield buf, pos, found + 1, base + pos
            pos, searched = found + 1, found + 2
            continue
        data = fh.read(read_size)
        if not data:
            break
        if on_read:
            on_read(len(data))
        base += pos
        buf = buf[pos:] + data
        searched = max(searched - pos, len(buf) - len(data) - len(_SEPARATOR), 1)
        pos = 0
    if buf[pos:].strip():
        yield buf, pos, len(buf), base + pos


def split_mbox(fh, *, on_read=None, read_size: int = READ_SIZE):
    """Yield each message's raw bytes from a binary file object, reading it once front to back.

    on_read(n) is called with the number of bytes read, for a progress bar.
    """
    for buf, start, end, _ in _spans(fh, on_read, read_size):
        yield _message(buf, start, end)


HEADER_LIMIT = 256 * 1024


def scan_mbox(fh, *, on_read=None, read_size: int = READ_SIZE, start: int = 0):
    """Yield (file offset, length, header bytes) for each entry, copying only its header block (unquoted as
    the whole message is, so it reads the same as the whole message's header block). With `start` (the
    offset of an entry), reading begins there.

    A re-run decides from the headers alone that it has seen a message, so it never copies the bodies;
    `read_entry` fetches a whole message by its offset when it is needed.
    """
    if start:
        fh.seek(start)
    for buf, start, end, offset in _spans(fh, on_read, read_size, base=start):
        line_end = buf.find(b"\n", start, end) + 1 or end
        limit = min(end, line_end + HEADER_LIMIT)
        blank = _HEADER_END.search(buf, line_end, limit)  # the same rule as parse.header_block
        yield offset, end - start, _unescaped(buf[line_end: blank.start() if blank else limit])


def read_entry(fh, offset: int, length: int) -> bytes:
    """One message by its place in the file (see scan_mbox), as split_mbox would give it."""
    fh.seek(offset)
    chunk = fh.read(length)
    return _message(chunk, 0, len(chunk))
