"""Domain helpers for the scam rules: free-mail providers, registrable domains and look-alikes.

A look-alike is found by reducing both names to a "skeleton" (digits and letter pairs that read like
other letters, Cyrillic homoglyphs, hyphens) and comparing skeletons, then allowing one edit.
"""

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


def skeleton(name: str) -> str:
    s = name.lower().translate(_CONFUSABLE)
    for pair, one in _PAIRS:
        s = s.replace(pair, one)
    return re.sub(r"[^a-z]", "", s)


def within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def imitates(domain: str, real: str) -> bool:
    """True when `domain` is not `real` (nor under it) but looks like it, e.g. amaz0n-careers.com vs amazon.com."""
    d, r = registrable(domain), registrable(real)
    if not d or not r or d == r:
        return False
    dl, rl = skeleton(label(d)), skeleton(label(r))
    if len(rl) < 4:
        return False
    if dl == rl:
        return True  # same name once look-alike characters are read as letters: amaz0n.com, rnicrosoft.com
    if len(rl) >= 6 and within_one_edit(dl, rl):
        return True
    if rl in dl:  # the real name plus a job word: amazon-careers.com, jobs-amazon.net, amazonhiring.com
        rest = dl.replace(rl, "", 1)
        return bool(JOB_WORDS.search(rest))
    return False


def imitated_brand(domain: str, known: set[str] = frozenset()) -> str:
    """The real domain that `domain` imitates, among `known` company domains and well-known brands; else ''."""
    reg = registrable(domain)
    if not reg or reg in {registrable(k) for k in known}:
        return ""
    for real in known:
        if imitates(reg, real):
            return registrable(real)
    for brand, official in BRANDS.items():
        if reg in official:
            return ""
        if imitates(reg, brand + ".com"):
            return sorted(official)[0] if brand + ".com" not in official else brand + ".com"
    return ""
