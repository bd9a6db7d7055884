"""Reading a posting page's structured data: schema.org JobPosting (JSON-LD, microdata, RDFa via extruct),
then OpenGraph and ordinary page metadata as a fallback."""

import re

import html_text
import lxml.html

from .posting import Posting


def clean_text(html: str) -> str:
    """Posting descriptions are HTML (often HTML escaped inside JSON): readable text with paragraph breaks."""
    if not html or not html.strip():
        return ""
    if "<" not in html and "&lt;" not in html:
        return html.strip()
    if "&lt;" in html and "<" not in html:
        import html as html_lib

        html = html_lib.unescape(html)
    try:
        return html_text.extract_text(html).strip()
    except Exception:  # lxml refuses some fragments (e.g. only control characters): keep nothing, not a crash
        return ""


def _first(value):
    if isinstance(value, list):
        return _first(value[0]) if value else ""
    return value


def _text(value) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value") or ""
    return str(value).strip() if value is not None else ""


def _walk(node):
    """Every dict in a JSON-LD / microdata tree, @graph included."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _is_job(node: dict) -> bool:
    kind = node.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(str(k).rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def _location(value) -> str:
    """jobLocation: Place → PostalAddress (or a list of them; or a plain string)."""
    places = value if isinstance(value, list) else [value]
    found = []
    for place in places:
        if isinstance(place, str):
            found.append(place.strip())
            continue
        if not isinstance(place, dict):
            continue
        address = _first(place.get("address")) or place
        if isinstance(address, str):
            found.append(address.strip())
            continue
        if isinstance(address, dict):
            bits = [_text(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
            text = ", ".join(b for b in bits if b) or _text(address.get("name")) or _text(place.get("name"))
            if text:
                found.append(text)
    return "; ".join(dict.fromkeys(found))


def _salary(value) -> str:
    value = _first(value)
    if not value:
        return ""
    if not isinstance(value, dict):
        return str(value).strip()
    currency = _text(value.get("currency"))
    amount = _first(value.get("value"))
    unit = ""
    if isinstance(amount, dict):
        unit = _text(amount.get("unitText")).lower()
        low, high, exact = amount.get("minValue"), amount.get("maxValue"), amount.get("value")
        if low and high and str(low) != str(high):
            amount = f"{_num(low)}–{_num(high)}"
        else:
            amount = _num(exact or low or high or "")
    else:
        amount = _num(amount or "")
    text = " ".join(b for b in (currency, str(amount)) if b)
    return f"{text} per {unit}" if text and unit else text


def _num(value) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


def _date(value) -> str:
    text = _text(value)
    found = re.match(r"\d{4}-\d{2}-\d{2}", text)
    return found.group(0) if found else text


def from_schema_org(data: dict) -> Posting:
    jobs = [n for syntax in ("json-ld", "microdata", "rdfa") for n in _walk(data.get(syntax, [])) if _is_job(n)]
    if not jobs:
        return Posting()
    job = jobs[0]
    org = _first(job.get("hiringOrganization")) or {}
    if isinstance(org, str):
        org = {"name": org}
    employment = job.get("employmentType") or ""
    employment = ", ".join(str(e) for e in employment) if isinstance(employment, list) else str(employment)
    identifier = _first(job.get("identifier"))
    if isinstance(identifier, dict):
        identifier = identifier.get("value") or identifier.get("@value") or ""
    return Posting(
        title=clean_text(_text(job.get("title")) or _text(job.get("name")))[:300],
        company=_text(org.get("name"))[:200] if isinstance(org, dict) else "",
        company_website=(_text(org.get("sameAs")) or _text(org.get("url"))) if isinstance(org, dict) else "",
        location=_location(job.get("jobLocation"))
        or ("Remote" if _text(job.get("jobLocationType")).upper() == "TELECOMMUTE" else ""),
        salary=_salary(job.get("baseSalary") or job.get("estimatedSalary")),
        employment_type=employment.replace("_", " ").lower(),
        date_posted=_date(job.get("datePosted")),
        valid_through=_date(job.get("validThrough")),
        identifier=str(identifier or "").strip(),
        description=clean_text(_text(job.get("description"))),
        url=_text(job.get("url")),
        parsed_from="schema.org",
    )


def from_metadata(data: dict, tree) -> Posting:
    """OpenGraph first, then <title>, meta description and the page text."""
    og = {}
    for block in data.get("opengraph", []):
        og.update({k: _text(v) for k, v in block.items() if k.startswith("og:")})
    title = og.get("og:title") or (tree.findtext(".//title") or "").strip() if tree is not None else og.get("og:title", "")
    description = og.get("og:description", "")
    canonical = og.get("og:url", "")
    if tree is not None:
        if not description:
            description = _meta(tree, "description")
        link = tree.xpath('//link[@rel="canonical"]/@href')
        canonical = link[0].strip() if link else canonical
    return Posting(
        title=re.sub(r"\s+", " ", title or "").strip()[:300], company=og.get("og:site_name", "")[:200],
        description=description, url=canonical, parsed_from="opengraph" if og else "page metadata",
    )


def _meta(tree, name: str) -> str:
    found = tree.xpath(f'//meta[@name="{name}"]/@content')
    return found[0].strip() if found else ""


def parse_tree(html: str):
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def extract(html: str, base_url: str = "") -> dict:
    import extruct

    try:
        return extruct.extract(html, base_url=base_url or None, uniform=True,
                               syntaxes=["json-ld", "microdata", "rdfa", "opengraph"], errors="ignore")
    except Exception:  # extruct raises from deep inside lxml/rdflib on broken pages; fall back to text parsing
        return {}
