"""Domain helpers for the scam rules: free-mail providers, registrable domains and look-alikes.

A look-alike is found by reducing both names to a "skeleton" (digits and letter pairs that read like
other letters, Cyrillic homoglyphs, hyphens) and comparing skeletons, then allowing one edit.
"""

import functools
import re

FREE_MAIL = {
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "outlook.com", "hotmail.com",
    "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
    "pm.me", "gmx.com", "gmx.net", "gmx.de", "mail.com", "email.com", "zoho.com", "yandex.com", "yandex.ru",
    "mail.ru", "qq.com", "163.com", "126.com", "tutanota.com", "tuta.io", "fastmail.com", "inbox.com",
    "usa.com", "consultant.com", "myself.com", "post.com", "hushmail.com", "mailfence.com", "aim.com",
}
FREE_MAIL_PREFIXES = ("yahoo.", "hotmail.", "outlook.", "live.", "gmx.", "yandex.")

# Brands often impersonated in job scams, with the registrable domains they really use.
BRANDS = {
    "amazon": {"amazon.com", "amazon.jobs", "amazonaws.com", "amazonses.com", "amazon.co.uk", "amazon.de"},
    "google": {"google.com", "googlemail.com", "gmail.com", "youtube.com"},
    "microsoft": {"microsoft.com", "outlook.com", "hotmail.com", "live.com", "office.com", "office365.com"},
    "apple": {"apple.com", "icloud.com", "me.com"},
    "paypal": {"paypal.com"},
    "facebook": {"facebook.com", "facebookmail.com", "meta.com", "fb.com"},
    "netflix": {"netflix.com"},
    "walmart": {"walmart.com", "walmartcareers.com"},
    "fedex": {"fedex.com"},
    "linkedin": {"linkedin.com"},
    "indeed": {"indeed.com", "indeedemail.com"},
    "ziprecruiter": {"ziprecruiter.com"},
    "glassdoor": {"glassdoor.com"},
    "deloitte": {"deloitte.com"},
    "coinbase": {"coinbase.com"},
    "costco": {"costco.com"},
    "pfizer": {"pfizer.com"},
    "usps": {"usps.com", "usps.gov"},
    "docusign": {"docusign.com", "docusign.net"},
}
JOB_WORDS = re.compile(r"career|jobs?|hr|hiring|recruit|talent|staff|employ|work|onboard|people|team|hire|offer")

_CONFUSABLE = str.maketrans({
    "0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
    "9": "g", "$": "s", "@": "a",
    # Cyrillic and Greek letters that look Latin
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "l", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ɡ": "g", "ο": "o", "α": "a", "ν": "v", "κ": "k", "ι": "l",
})
_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))
_MULTI_SUFFIX = {"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"}


def decode(domain: str) -> str:
    domain = (domain or "").strip().strip(".").lower()
    if "xn--" in domain:
        try:
            domain = domain.encode("ascii").decode("idna")
        except UnicodeError:
            pass
    return domain


def registrable(domain: str) -> str:
    """`mail.jobs.example.co.uk` → `example.co.uk` (a small heuristic, no public-suffix list)."""
    parts = decode(domain).split(".")
    if len(parts) >= 3 and parts[-2] in _MULTI_SUFFIX and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def is_free_mail(domain: str) -> bool:
    reg = registrable(domain)
    return reg in FREE_MAIL or reg.startswith(FREE_MAIL_PREFIXES)


def label(domain: str) -> str:
    """The name part of the registrable domain: `careers.amaz0n-jobs.com` → `amaz0n-jobs`."""
    return registrable(domain).split(".")[0]


_NOT_LETTER = re.compile(r"[^a-z]")


def skeleton(name: str) -> str:
    s = name.lower().translate(_CONFUSABLE)
    for pair, one in _PAIRS:
        s = s.replace(pair, one)
    return _NOT_LETTER.sub("", s)


def within_one_edit(a: str, b: str) -> bool:
    """One substitution, one swap of neighbours, or one letter more or fewer."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i, n = 0, min(la, lb)
    while i < n and a[i] == b[i]:  # the first difference: every edit must sit there
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    short, long_ = (a, b) if la < lb else (b, a)
    return long_[i + 1:] == short[i:]


def imitates(domain: str, real: str) -> bool:
    """True when `domain` is not `real` (nor under it) but looks like it, e.g. amaz0n-careers.com vs amazon.com."""
    d, r = registrable(domain), registrable(real)
    return _looks_like(d, skeleton(label(d)), r, skeleton(label(r)))


def _looks_like(d: str, dl: str, r: str, rl: str) -> bool:
    """`imitates` on registrable domains `d` and `r` whose name parts read as the skeletons `dl` and `rl`."""
    if not d or not r or d == r:
        return False
    if len(rl) < 4:
        return False
    if dl == rl:
        return True  # same name once look-alike characters are read as letters: amaz0n.com, rnicrosoft.com
    if len(rl) >= 6 and -1 <= len(dl) - len(rl) <= 1 and within_one_edit(dl, rl):
        return True
    if rl in dl:  # the real name plus a job word: amazon-careers.com, jobs-amazon.net, amazonhiring.com
        rest = dl.replace(rl, "", 1)
        return bool(JOB_WORDS.search(rest))
    return False


# Per brand, worked out once (a message may hold dozens of link domains, each compared with every brand):
# its official domains, the domain compared against, that domain's skeleton, and the domain to name.
_BRAND_CHECKS = [
    (official, registrable(brand + ".com"), skeleton(label(brand + ".com")),
     sorted(official)[0] if brand + ".com" not in official else brand + ".com")
    for brand, official in BRANDS.items()
]


def imitated_brand(domain: str, known: set[str] = frozenset()) -> str:
    """The real domain that `domain` imitates, among `known` company domains and well-known brands; else ''."""
    return _imitated_brand(domain, tuple(known))  # a tuple keeps `known`'s order: the first imitated one is named


# A pure function of its arguments, asked again and again for the same link and sender domains in a mailbox.
@functools.lru_cache(maxsize=4096)
def _imitated_brand(domain: str, known: tuple) -> str:
    reg = registrable(domain)
    if not reg or reg in {registrable(k) for k in known}:
        return ""
    d = registrable(reg)
    dl = skeleton(label(d))
    for real in known:
        r = registrable(real)
        if _looks_like(d, dl, r, skeleton(label(r))):
            return r
    for official, r, rl, answer in _BRAND_CHECKS:
        if reg in official:
            return ""
        if _looks_like(d, dl, r, rl):
            return answer
    return ""
