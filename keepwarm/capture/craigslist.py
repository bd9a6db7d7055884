"""Craigslist posting pages carry no schema.org JobPosting: read their own markup (2011-era and current)."""

import re

from .posting import Posting


def looks_like_craigslist(tree, url: str) -> bool:
    if "craigslist.org" in (url or "").lower():
        return True
    return tree is not None and bool(tree.xpath('//*[@id="postingbody"] | //*[@id="titletextonly"]'))


def _text(nodes) -> str:
    return re.sub(r"\s+", " ", " ".join(n.text_content() for n in nodes)).strip()


def _attributes(tree) -> dict:
    """'compensation: $18/hr' pairs, from <div class="attr"><span class="labl">… (current) or <span>label: <b>…
    (older pages)."""
    found = {}
    for node in tree.xpath('//*[contains(concat(" ", @class, " "), " attrgroup ")]//*[self::span or self::div]'):
        text = re.sub(r"\s+", " ", node.text_content()).strip()
        label, sep, value = text.partition(":")
        if sep and value.strip() and len(label) < 40:
            found.setdefault(label.strip().lower(), value.strip())
    return found


def parse(tree, url: str) -> Posting:
    title = _text(tree.xpath('//*[@id="titletextonly"]')) or _text(tree.xpath('//*[contains(@class,"postingtitle")]'))
    location = _text(tree.xpath('//*[contains(@class,"postingtitle")]//small | '
                                '//*[contains(@class,"postingtitle-location")]')).strip("() ")
    if not location:  # older pages: "Title (Place)" in one heading
        found = re.match(r"^(.*\S)\s*\(([^()]{2,60})\)$", title)
        if found:
            title, location = found.group(1), found.group(2)
    body_nodes = tree.xpath('//*[@id="postingbody"]')
    description = ""
    if body_nodes:
        body = body_nodes[0]
        for junk in body.xpath('.//*[contains(@class,"print-information") or contains(@class,"print-qrcode")]'):
            junk.drop_tree()
        from .structured import clean_text
        import lxml.html

        description = clean_text(lxml.html.tostring(body, encoding="unicode"))
    info = " ".join(n.text_content() for n in tree.xpath('//*[contains(@class,"postinginfo")]'))
    post_id = re.search(r"post id:\s*(\d+)", info)
    posted = tree.xpath('//*[contains(@class,"postinginfo")]//time/@datetime')
    attrs = _attributes(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or tree.xpath('//meta[@property="og:url"]/@content')
    return Posting(
        title=title[:300], location=location[:200], description=description,
        salary=attrs.get("compensation", "")[:200], employment_type=attrs.get("employment type", ""),
        identifier=post_id.group(1) if post_id else "",
        date_posted=posted[0][:10] if posted else "",
        url=canonical[0].strip() if canonical else url,
        source="craigslist", source_name="Craigslist", parsed_from="craigslist",
    )
