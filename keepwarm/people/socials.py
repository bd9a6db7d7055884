"""Social profile handles and URLs: parse what people type, and build links to open."""

import re

from keepwarm.lib.errors import InputError

from .models import Network

_BASES = {
    Network.LINKEDIN: "https://www.linkedin.com/in/{}",
    Network.FACEBOOK: "https://www.facebook.com/{}",
    Network.X: "https://x.com/{}",
    Network.INSTAGRAM: "https://www.instagram.com/{}",
    Network.GITHUB: "https://github.com/{}",
}
ALIASES = {"twitter": Network.X, "fb": Network.FACEBOOK, "ig": Network.INSTAGRAM, "li": Network.LINKEDIN}


def parse_network(raw: str, *, record: str = "") -> str:
    value = (raw or "").strip().lower()
    value = ALIASES.get(value, value)
    if value not in Network.values:
        raise InputError("network", raw, f"expected one of {', '.join(Network.values)}", record)
    return value


def parse_social(raw: str, *, record: str = "") -> tuple[str, str, str]:
    """'facebook:jane.doe' or 'linkedin:https://…' → (network, handle, url)."""
    network, sep, rest = (raw or "").partition(":")
    if not sep or not rest.strip():
        raise InputError("social", raw, "expected NETWORK:HANDLE, e.g. facebook:jane.doe", record)
    network = parse_network(network, record=record)
    rest = rest.strip()
    if rest.startswith("//") or re.match(r"^https?:", rest):
        url = rest if rest.startswith("http") else "https:" + rest
        return network, url.rstrip("/").rsplit("/", 1)[-1], url
    return network, rest.lstrip("@"), ""


def profile_url(network: str, handle: str) -> str:
    if not handle:
        return ""
    if network == Network.MASTODON and handle.count("@") == 1 and "@" in handle.strip("@"):
        user, host = handle.strip("@").split("@")
        return f"https://{host}/@{user}"
    base = _BASES.get(network)
    return base.format(handle.lstrip("@")) if base else ""
