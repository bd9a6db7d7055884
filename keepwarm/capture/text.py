"""Pasted posting text: sensible heuristics, since there is no markup to read."""

import re

from .posting import Posting

LABELS = {
    "company": "company", "employer": "company", "organization": "company", "organisation": "company",
    "hiring company": "company", "location": "location", "where": "location", "salary": "salary",
    "pay": "salary", "compensation": "salary", "wage": "salary", "rate": "salary",
    "employment type": "employment_type", "job type": "employment_type", "type": "employment_type",
    "title": "title", "position": "title", "job title": "title", "role": "title",
    "posted": "date_posted", "date posted": "date_posted", "apply by": "valid_through", "deadline": "valid_through",
    "job id": "identifier", "post id": "identifier", "reference": "identifier", "req id": "identifier",
}
MONEY = re.compile(r"[$€£]\s?\d[\d,.]*(?:\s?[kK])?(?:\s?(?:-|–|to)\s?[$€£]?\s?\d[\d,.]*(?:\s?[kK])?)?"
                   r"(?:\s?(?:/|per)\s?(?:hour|hr|year|yr|annum|month|week))?")
AT_COMPANY = re.compile(r"^(?P<title>.{3,120}?)\s+(?:at|@)\s+(?P<company>[^,|\-–—]{2,80})(?:[,|\-–—]\s*(?P<loc>.+))?$")
URL = re.compile(r"https?://[^\s<>\"']+")


TITLE_MAX = 100


def title_from(line: str) -> str:
    """A title from the first line of a paste: a whole paragraph pasted on one line gives its first sentence,
    or its first words, not 300 characters of description."""
    if len(line) <= TITLE_MAX:
        return line
    first = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0].rstrip(".")
    if len(first) <= TITLE_MAX:
        return first
    return line[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:-–— ") + "…"


def parse(text: str) -> Posting:
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    posting = Posting(description=text.strip(), parsed_from="text")
    for line in lines[:60]:
        label, sep, value = line.partition(":")
        field = LABELS.get(label.strip().lower()) if sep and not value.startswith("//") else None
        if field and value.strip() and not getattr(posting, field):
            setattr(posting, field, value.strip()[:300])
    urls = URL.findall(text)
    if urls:
        posting.url = urls[0].rstrip(").,;")
    if not posting.title:
        for line in lines:
            if URL.fullmatch(line) or (":" in line and LABELS.get(line.split(":", 1)[0].strip().lower())):
                continue
            found = AT_COMPANY.match(line)
            if found:
                posting.title = found.group("title").strip()
                posting.company = posting.company or found.group("company").strip()
                posting.location = posting.location or (found.group("loc") or "").strip()
            else:
                posting.title = title_from(line)
            break
    if not posting.salary:
        money = MONEY.search(text)
        posting.salary = money.group(0).strip() if money else ""
    return posting
