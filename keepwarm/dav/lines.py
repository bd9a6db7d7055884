"""Content lines shared by the vCard and iCalendar writers: TEXT escaping and folding at 75 octets."""


def escape(value: str) -> str:
    """TEXT escaping of RFC 2426 §4: backslash, semicolon, comma and newline."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param(value: str) -> str:
    value = value.replace('"', "")
    return f'"{value}"' if any(ch in value for ch in ":;,") else value


def fold(line: str) -> str:
    """Fold at 75 octets (RFC 2425 §5.8.1) without splitting a UTF-8 character; CRLF line ends."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    parts, current, size, limit = [], [], 0, 75
    for ch in line:
        n = len(ch.encode())
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # a continuation line starts with one space
        current.append(ch)
        size += n
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"
