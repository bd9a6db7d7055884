"""Application spreadsheets (CSV or .xlsx) → job records.

Quirks handled: Excel's UTF-8 with BOM and its Windows-1252 files, semicolon- or tab-separated files
(European Excel), header rows below a title line, common header names in several spellings, and
`--map COLUMN=FIELD` for everything else.
"""

import csv
import io
import re

from keepwarm.lib.errors import InputError

from .dates import parse_any_date
from .records import BadRecord, ContactRecord, JobRecord
from .statuses import stage_for

FIELDS = ["title", "company", "date_applied", "status", "link", "contact", "email", "phone", "notes", "salary",
          "location", "source", "ignore"]
SYNONYMS = {
    "title": ["title", "position", "role", "job", "job title", "position title", "job role", "role title", "job name",
              "opening", "vacancy", "position applied for"],
    "company": ["company", "employer", "organization", "organisation", "company name", "business", "firm"],
    "date_applied": ["date applied", "applied", "applied on", "date", "application date", "applied date",
                     "date of application", "submitted", "date submitted", "applied at"],
    "status": ["status", "stage", "result", "outcome", "state", "response", "current status"],
    "link": ["link", "url", "posting", "job link", "posting url", "job url", "posting link", "job posting", "website"],
    "contact": ["contact", "recruiter", "hiring manager", "contact name", "contact person", "point of contact",
                "who", "person"],
    "email": ["email", "e mail", "contact email", "email address", "recruiter email"],
    "phone": ["phone", "contact phone", "phone number", "telephone"],
    "notes": ["notes", "note", "comments", "comment", "remarks", "details", "next steps", "follow up"],
    "salary": ["salary", "pay", "compensation", "salary range", "wage", "rate", "pay rate"],
    "location": ["location", "city", "where", "place", "remote"],
    "source": ["source", "found on", "where found", "job board", "found via", "found", "site"],
}
HEADER_TO_FIELD = {word: field for field, words in SYNONYMS.items() for word in words}
MAX_ROWS = 100_000


def norm(header) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(header or "").lower()).strip()


def decode(raw: bytes, name: str = "file") -> str:
    if b"\x00" in raw[:4096]:
        raise InputError("file", name, "binary data, not a CSV text file (for Excel, save as .xlsx or CSV)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="strict") if _is_cp1252(raw) else _undecodable(name)


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _undecodable(name):
    raise InputError("file", name, "not UTF-8 or Windows-1252 text")


def read_csv(text: str) -> list[list[str]]:
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=lambda d: sample.count(d))
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputError("file", "csv", f"not a readable CSV file ({exc})") from None


def read_xlsx(raw: bytes, name: str = "file") -> list[list]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError("file", name, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # openpyxl raises many kinds on damaged sheets; the user needs one clear line
        raise InputError("file", name, f"damaged .xlsx workbook ({type(exc).__name__})") from None
    finally:
        book.close()


def read_table(raw: bytes, name: str) -> list[list]:
    if name.lower().endswith((".xlsx", ".xlsm")) or raw[:4] == b"PK\x03\x04":
        return read_xlsx(raw, name)
    return read_csv(decode(raw, name))


def find_header(rows: list[list]) -> int:
    """The first row with at least two known header names (a title line may sit above it)."""
    for i, row in enumerate(rows[:20]):
        if sum(1 for cell in row if norm(cell) in HEADER_TO_FIELD) >= 2:
            return i
    for i, row in enumerate(rows[:20]):
        if any(str(cell).strip() for cell in row):
            return i
    raise InputError("file", "", "the spreadsheet is empty")


def parse_map_options(options) -> dict:
    """['Job=title', 'Where=location'] → {'job': 'title', 'where': 'location'} (column names normalised)."""
    mapping = {}
    for option in options or ():
        column, sep, field = option.rpartition("=")
        field = field.strip().lower().replace(" ", "_").replace("-", "_")
        if not sep or not column.strip():
            raise InputError("map", option, "expected COLUMN=FIELD, e.g. 'Job=title'")
        if field not in FIELDS:
            raise InputError("map", option, f"unknown field; expected one of {', '.join(FIELDS)}")
        mapping[norm(column)] = field
    return mapping


def detect_mapping(headers: list, overrides: dict | None = None) -> dict:
    """{column index: field}: the user's --map first, then the header names we recognise."""
    overrides = overrides or {}
    unknown = set(overrides) - {norm(h) for h in headers}
    if unknown:
        raise InputError("map", sorted(unknown)[0], f"no such column; the columns are {', '.join(map(str, headers))}")
    mapping, taken = {}, set()
    for i, header in enumerate(headers):
        field = overrides.get(norm(header)) or HEADER_TO_FIELD.get(norm(header))
        if field and field != "ignore" and (field not in taken or field == "notes"):
            mapping[i] = field
            taken.add(field)
    if "title" not in taken:
        raise InputError("header", ", ".join(map(str, headers))[:200],
                         "no job title column found; name one with --map COLUMN=title")
    return mapping


def rows_to_records(rows: list[list], mapping: dict, header_index: int, *, month_first=True):
    """Yield a JobRecord (or BadRecord) per non-empty row; the row number is the spreadsheet's line number."""
    if len(rows) > MAX_ROWS:
        raise InputError("file", f"{len(rows)} rows", f"more than {MAX_ROWS} rows; split the file")
    headers = rows[header_index]
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(str(cell).strip() for cell in row):
            continue
        ref = f"row {offset}"
        try:
            yield row_to_record(ref, row, mapping, headers, month_first)
        except InputError as exc:
            yield BadRecord(ref, exc)


def row_to_record(ref, row, mapping, headers, month_first) -> JobRecord:
    values, notes = {}, []
    for i, field in mapping.items():
        cell = row[i] if i < len(row) else ""
        if field == "notes":
            if str(cell).strip():
                notes.append(str(cell).strip() if len([f for f in mapping.values() if f == "notes"]) == 1
                             else f"{headers[i]}: {str(cell).strip()}")
            continue
        values[field] = cell if field == "date_applied" else str(cell).strip()
    title = values.get("title", "")
    if not title:
        raise InputError("title", title, "empty job title", ref)
    applied = parse_any_date(values.get("date_applied"), field="date applied", record=ref, month_first=month_first)
    contact = None
    if values.get("contact") or values.get("email"):
        contact = ContactRecord(
            ref=ref, name=values.get("contact") or values.get("email", "").split("@")[0],
            emails=[values["email"]] if values.get("email") else [],
            phones=[("", values["phone"])] if values.get("phone") else [], company=values.get("company", ""),
        )
    source = _source(values.get("source", ""))
    return JobRecord(
        ref=ref, title=title, company=values.get("company", ""), applied_on=applied,
        stage=stage_for(values.get("status"), has_date=applied is not None, record=ref),
        url=values.get("link", ""), location=values.get("location", ""), salary=values.get("salary", ""),
        notes="\n".join(notes), source=source, contact=contact,
    )


def _source(text: str) -> str:
    value = norm(text)
    if not value:
        return ""
    if "craigslist" in value:
        return "craigslist"
    if "referr" in value or "friend" in value:
        return "referral"
    if "recruit" in value:
        return "recruiter"
    if value in ("company site", "company website", "careers page", "company"):
        return "company_site"
    return "job_board" if any(b in value for b in ("linkedin", "indeed", "glassdoor", "ziprecruiter", "monster",
                                                   "dice", "board")) else "other"


def parse_file(raw: bytes, name: str, overrides: dict | None = None, *, month_first=True):
    """(headers, mapping, records iterator) for a spreadsheet's bytes."""
    rows = read_table(raw, name)
    header_index = find_header(rows)
    headers = [str(h).strip() for h in rows[header_index]]
    mapping = detect_mapping(headers, overrides)
    return headers, mapping, rows_to_records(rows, mapping, header_index, month_first=month_first)
