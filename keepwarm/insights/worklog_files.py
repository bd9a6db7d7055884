"""The work-search log as CSV (for a spreadsheet or an online claim form) and as a printable PDF (fpdf2).

The PDF is landscape A4 or US Letter, one table per week headed by its dates and count, so it can be
printed and handed in as it is. DejaVu Sans (Debian's fonts-dejavu-core) is used when present so names
in any Latin, Greek or Cyrillic script print correctly; otherwise the PDF core font with a fallback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from keepwarm.lib.errors import InputError

from .worklog import COLUMNS, Week

PAPERS = {"a4": "A4", "letter": "Letter"}
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
WIDTHS = (9, 15, 17, 14, 11, 15, 19)  # relative column widths, in the order of COLUMNS


def to_csv(weeks: list[Week]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Week starting", "Week ending", "Contacts that week", *COLUMNS])
    for week in weeks:
        for row in week.rows:
            writer.writerow([week.start.isoformat(), week.end.isoformat(), week.count, *row.cells()])
    return out.getvalue()


def parse_paper(raw: str) -> str:
    value = (raw or "a4").strip().lower()
    if value not in PAPERS:
        raise InputError("paper", raw, "expected a4 or letter")
    return PAPERS[value]


def _font(pdf) -> tuple[str, bool]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def to_pdf(weeks: list[Week], *, name: str, start: dt.date, end: dt.date, paper: str = "A4",
           generated: dt.date | None = None) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="landscape", unit="mm", format=paper)
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=14)
    family, unicode_ok = _font(pdf)

    def text(value: str) -> str:
        return value if unicode_ok else value.encode("latin-1", "replace").decode("latin-1")

    pdf.set_title(f"Work-search log {start} to {end}")
    pdf.set_author(name)
    pdf.add_page()
    pdf.set_font(family, "B", 15)
    pdf.cell(0, 8, text(f"Work-search log: {name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    total = sum(w.count for w in weeks)
    made = f"; made {generated.isoformat()}" if generated else ""
    pdf.cell(0, 6, text(f"{start.isoformat()} to {end.isoformat()}: {total} employer contacts in {len(weeks)} "
                        f"weeks{made}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    for week in weeks:
        pdf.set_font(family, "B", 11)
        noun = "contact" if week.count == 1 else "contacts"
        pdf.cell(0, 7, text(f"Week {week.start.isoformat()} to {week.end.isoformat()}: {week.count} {noun}"),
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 8.5)
        if not week.rows:
            pdf.cell(0, 6, "No employer contacts logged this week.", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            continue
        with pdf.table(col_widths=WIDTHS, headings_style=heading, line_height=4.5, padding=1,
                       text_align="LEFT", repeat_headings=1) as table:
            table.row([text(c) for c in COLUMNS])
            for row in week.rows:
                table.row([text(c) for c in row.cells()])
        pdf.ln(3)
    return bytes(pdf.output())
