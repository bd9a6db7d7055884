"""A streaming mbox reader: memory holds one message and one read buffer, whatever the file's size.

The standard library's mailbox.mbox indexes the whole file first (and keeps the index), which is what
we must not do with a 10 GB Google Takeout.
"""

import re

from keepwarm.lib.errors import InputError

READ_SIZE = 1 << 20
_SEPARATOR = b"\nFrom "
_ESCAPED_FROM = re.compile(rb"\n>(>*From )")


def _message(buf: bytes, start: int, end: int) -> bytes:
    """buf[start:end] is one mbox entry: cut it without its "From " envelope line and blank separator line in a
    single copy, and undo mboxrd's >From quoting."""
    start = buf.find(b"\n", start, end) + 1 or end
    if buf.endswith(b"\r\n\r\n", start, end):
        end -= 2
    elif buf.endswith(b"\n\n", start, end):
        end -= 1
    body = buf[start:end]
    return _ESCAPED_FROM.sub(rb"\n\1", body) if b"\n>" in body else body


def split_mbox(fh, *, on_read=None, read_size: int = READ_SIZE):
    """Yield each message's raw bytes from a binary file object, reading it once front to back.

    on_read(n) is called with the number of bytes read, for a progress bar. The buffer is consumed with
    an offset (not re-sliced per message), so cutting out a message costs its own size only.
    """
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
    pos, searched = 0, 1
    while True:
        found = buf.find(_SEPARATOR, searched)
        if found >= 0:
            yield _message(buf, pos, found + 1)
            pos, searched = found + 1, found + 2
            continue
        data = fh.read(read_size)
        if not data:
            break
        if on_read:
            on_read(len(data))
        buf = buf[pos:] + data
        searched = max(searched - pos, len(buf) - len(data) - len(_SEPARATOR), 1)
        pos = 0
    if buf[pos:].strip():
        yield _message(buf, pos, len(buf))
