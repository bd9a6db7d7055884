"""A small CardDAV client over httpx: list ETags, get, create, update and delete one card.

Every write carries a precondition (If-None-Match: * to create, If-Match: ETAG to update or delete), so keepwarm
never overwrites a card someone changed on the phone without looking at it first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import unquote, urljoin, urlparse

import httpx

DAV = "{DAV:}"
PROPFIND_ETAGS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>'
)
MKCOL_ADDRESSBOOK = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>'
    "<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
    "<d:displayname>{name}</d:displayname></d:prop></d:set></d:mkcol>"
)
VCARD_TYPE = "text/vcard; charset=utf-8"


class DavError(RuntimeError):
    """The server said no (or could not be reached); the message is shown to the user as the account's error.

    fatal: the whole account is unusable right now (unreachable, wrong password, server error), so a push stops
    instead of failing card after card."""

    def __init__(self, message: str, fatal: bool = False):
        super().__init__(message)
        self.fatal = fatal


class PreconditionFailed(DavError):
    """412: the card changed (or appeared) on the server since keepwarm last saw it."""


class CardDavClient:
    def __init__(self, url: str, username: str = "", password: str = "", *, timeout: float = 20.0,
                 transport: httpx.BaseTransport | None = None):
        self.url = url if url.endswith("/") else url + "/"
        auth = httpx.BasicAuth(username, password) if username else None
        self.http = httpx.Client(auth=auth, timeout=timeout, transport=transport, follow_redirects=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.http.close()

    def href_for(self, uid: str) -> str:
        """The path of keepwarm's card with this UID (paths, as PROPFIND reports them)."""
        return urlparse(self.url).path + f"{uid}.vcf"

    def _abs(self, href: str) -> str:
        return urljoin(self.url, href)

    def _send(self, method, href, **kwargs) -> httpx.Response:
        try:
            return self.http.request(method, self._abs(href), **kwargs)
        except httpx.HTTPError as exc:
            raise DavError(f"{method} {href}: {exc.__class__.__name__}: {exc}", fatal=True) from None

    @staticmethod
    def _fail(resp: httpx.Response, what: str):
        if resp.status_code == 412:
            raise PreconditionFailed(f"{what}: the card changed on the server")
        fatal = resp.status_code in (401, 403) or resp.status_code >= 500
        raise DavError(f"{what}: HTTP {resp.status_code} {resp.reason_phrase}", fatal=fatal)

    def etags(self) -> dict[str, str]:
        """{href: etag} of every card in the address book (one PROPFIND, Depth: 1)."""
        resp = self._send("PROPFIND", self.url, content=PROPFIND_ETAGS,
                          headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
        if resp.status_code != 207:
            self._fail(resp, f"PROPFIND {self.url}")
        result = {}
        base = urlparse(self.url).path
        for response in ET.fromstring(resp.content).iter(f"{DAV}response"):
            href = unquote(urlparse(response.findtext(f"{DAV}href", "")).path)
            if href.rstrip("/") == base.rstrip("/"):
                continue
            etag = None
            for propstat in response.iter(f"{DAV}propstat"):
                if "200" in (propstat.findtext(f"{DAV}status") or ""):
                    etag = propstat.findtext(f"{DAV}prop/{DAV}getetag")
            if etag:
                result[href] = etag
        return result

    def get(self, href: str) -> tuple[str, str]:
        resp = self._send("GET", href)
        if resp.status_code != 200:
            self._fail(resp, f"GET {href}")
        return resp.text, resp.headers.get("ETag", "")

    def _etag_after_put(self, resp: httpx.Response, href: str) -> str:
        # RFC 6352 lets a server omit the ETag when it changed the card on the way in: then ask for it.
        return resp.headers.get("ETag") or self.get(href)[1]

    def create(self, href: str, text: str) -> str:
        resp = self._send("PUT", href, content=text.encode(),
                          headers={"Content-Type": VCARD_TYPE, "If-None-Match": "*"})
        if resp.status_code not in (200, 201, 204):
            self._fail(resp, f"PUT {href}")
        return self._etag_after_put(resp, href)

    def update(self, href: str, text: str, etag: str) -> str:
        resp = self._send("PUT", href, content=text.encode(), headers={"Content-Type": VCARD_TYPE, "If-Match": etag})
        if resp.status_code not in (200, 201, 204):
            self._fail(resp, f"PUT {href}")
        return self._etag_after_put(resp, href)

    def delete(self, href: str, etag: str) -> None:
        resp = self._send("DELETE", href, headers={"If-Match": etag} if etag else {})
        if resp.status_code not in (200, 204, 404):
            self._fail(resp, f"DELETE {href}")

    def make_addressbook(self, name: str = "keepwarm") -> None:
        """Create the address book (extended MKCOL, RFC 5689); fine when it exists already."""
        from xml.sax.saxutils import escape

        resp = self._send("MKCOL", self.url, content=MKCOL_ADDRESSBOOK.replace("{name}", escape(name)),
                          headers={"Content-Type": "application/xml; charset=utf-8"})
        if resp.status_code not in (200, 201, 405):  # 405: already there
            self._fail(resp, f"MKCOL {self.url}")
