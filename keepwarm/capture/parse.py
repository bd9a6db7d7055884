"""One entry point for every kind of posting input: HTML (saved, fetched or sent by the bookmarklet) or text.

1. HTML: schema.org JobPosting first; Craigslist markup when it is a Craigslist page; OpenGraph and page
   metadata fill what is still missing.
2. Text: labelled lines and "Title at Company" heuristics.
3. Then the URL decides the source and the key that makes a second capture update the first.
"""

import re

from keepwarm.lib.errors import InputError

from . import craigslist, structured, text
from .posting import Posting
from .sources import canonical_url, infer_source, posting_key

MAX_BYTES = 5_000_000
HIRING = re.compile(r"^(?P<company>.+?) hiring (?P<title>.+?)(?: in (?P<loc>.+?))?(?: \| LinkedIn)?$")
BOARD_SUFFIX = re.compile(r"\s*[|\-–]\s*(LinkedIn|Indeed(\.com)?|Glassdoor|ZipRecruiter|craigslist|Monster(\.com)?)\s*$",
                          re.I)


def looks_like_html(content: str) -> bool:
    return bool(re.search(r"<(html|head|body|div|p|meta|title|script|section|h1)\b", content[:5000], re.I))


def parse_posting(content: str, url: str = "", *, record: str = "posting") -> Posting:
    if content is None or not content.strip():
        raise InputError("content", "", "the posting is empty", record)
    if len(content) > MAX_BYTES:
        raise InputError("content", f"{len(content)} characters", "too large for a job posting", record)
    if "\x00" in content:
        raise InputError("content", content[:20], "binary data, not a web page or text", record)
    if looks_like_html(content):
        posting = _parse_html(content, url)
    else:
        posting = text.parse(content)
    return finish(posting, url, record=record)


def _parse_html(html: str, url: str) -> Posting:
    tree = structured.parse_tree(html)
    data = structured.extract(html, url)
    posting = structured.from_schema_org(data)
    if tree is not None and craigslist.looks_like_craigslist(tree, url):
        posting.fill_from(craigslist.parse(tree, url))
        posting.source, posting.source_name = "craigslist", "Craigslist"
    meta = structured.from_metadata(data, tree)
    site_name, meta.company = meta.company, ""
    if infer_source(meta.url or url)[0] not in ("job_board", "craigslist"):
        meta.company = site_name  # on a company's own site, og:site_name is the employer; on a board, the board
    hiring = HIRING.match(meta.title)
    if hiring:  # LinkedIn: "Acme hiring Software Engineer in Chicago, IL | LinkedIn"
        meta.title, meta.company = hiring.group("title"), meta.company or hiring.group("company")
        meta.location = hiring.group("loc") or ""
    meta.title = BOARD_SUFFIX.sub("", meta.title)
    posting.fill_from(meta)
    if not posting.description and tree is not None:
        body = tree.find(".//body")
        if body is not None:
            import lxml.html

            posting.description = structured.clean_text(lxml.html.tostring(body, encoding="unicode"))[:20000]
    return posting


def finish(posting: Posting, url: str, *, record: str = "posting") -> Posting:
    posting.title = re.sub(r"\s+", " ", posting.title or "").strip()[:300]
    posting.company = re.sub(r"\s+", " ", posting.company or "").strip()[:200]
    if not posting.title:
        raise InputError("title", "", "no job title found in the posting", record)
    # The page's canonical link beats the address it was reached by (tracking redirects, mobile hosts).
    page_url = canonical_url(posting.url) if posting.url and canonical_url(posting.url) else ""
    posting.url = page_url or canonical_url(url)
    if posting.source == "other" or not posting.source:
        posting.source, posting.source_name = infer_source(posting.url or url, posting.company_website)
    if posting.source == "craigslist" and posting.identifier.isdigit():
        posting.posting_key = f"craigslist:{posting.identifier}"
    else:
        posting.posting_key = posting_key(posting.url or url, identifier=posting.identifier,
                                          company=posting.company, title=posting.title)
    return posting
