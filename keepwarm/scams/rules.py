"""Red-flag rules: what consumer-protection agencies warn job seekers about, as patterns over meaning.

Each rule has an id, a plain-language explanation, a weight (how strongly the flag alone suggests a
scam, in [0, 1]) and the source of the warning. Rules are pure: `find_flags(text, headers)` returns the
flags found with the words that triggered them. `check_posting` and `check_message` (in
`keepwarm.scams.checks`) combine them with the trained model into a verdict.

Patterns are written over word variants and allow a few words in between, so they match the meaning
("you will need to purchase your own starter kit", "a one-time registration fee of $85") rather than
one sentence. Each pattern may be cancelled by a negation nearby ("at no cost to you", "we never ask
for…") so legitimate postings that *warn* about a scam are not flagged for it.
"""

import re

from . import domains
from .anchors import GATES, passes
from .prefixes import Caseless
from .features import tokens
from .catalogue import RULES, RULES_BY_ID, _LOWER  # noqa: F401 (re-exported)
from .flags import (BBB_JOBS, Context, FBI_MULES, FBI_PSA, FTC_JOBS, Flag, NEGATION, Rule, W, WARNING,  # noqa: F401
                    WARNING_AFTER, WARNING_BEFORE, WARNING_LIST, WARNING_LIST_REACH, _re)

SPEAKS_FOR_COMPANY = _re(
    r"\b(?:on behalf of|hr (?:department|team|manager|officer|specialist)|human resources?|hiring (?:manager|team|"
    r"department|coordinator)|recruit(?:er|ment|ing)(?: team| department| officer| manager)?|talent acquisition|"
    r"our (?:company|firm|organi[sz]ation|client)|job offer|offer letter|employment (?:offer|contract)|"
    r"(?:position|role|job|vacancy) (?:of|as|at|with|in)|we are (?:hiring|recruiting|looking)|vacanc(?:y|ies)|"
    r"remote (?:position|job|role|work)|interview)\b"
)
COMPANYISH_NAME = _re(r"\b(?:hr|recruit\w*|careers?|talent|hiring|jobs?|staffing|inc|llc|corp\w*|ltd|group|team)\b")
# The same searches on the lower-cased text, started only where their words occur (see prefixes.py).
_SPEAKS, _COMPANYISH = Caseless(SPEAKS_FOR_COMPANY), Caseless(COMPANYISH_NAME)
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.I)
URL_DOMAIN = re.compile(r"\b(?:https?://|www\.)([\w-]+(?:\.[\w-]+)+)", re.I)
_URL_DOMAIN = Caseless(URL_DOMAIN)
_LOCAL_PART_CHAR = re.compile(r"[\w.+-]")
CONTEXT = 40
LONG_TEXT = 20_000  # long texts are cut: scam cues sit near the start and patterns stay fast
_KEYWORDS = frozenset().union(*(r.keywords for r in RULES))
# The rules with patterns that apply to each kind of text, in catalogue order.
_TEXT_RULES = {kind: [r for r in RULES if r.patterns and r.applies_to in ("both", kind)] for kind in ("posting", "message")}


def emails(text: str):
    """Exactly EMAIL.finditer(text), started from each "@" rather than tried at every position.

    A match's local part is a run of [\\w.+-] that ends at its "@" (the "@" is not in the run), so the leftmost
    match through a given "@" starts where that run starts, and no match starts inside a run that does not
    end at an "@". Walking back from each "@" finds the start; EMAIL.match there decides."""
    pos = 0
    at = text.find("@")
    while at >= 0:
        start = at
        while start > pos and _LOCAL_PART_CHAR.match(text, start - 1):
            start -= 1
        m = EMAIL.match(text, start) if start < at else None
        if m is not None:
            yield m
            pos = m.end()
            at = text.find("@", pos)
        else:
            at = text.find("@", at + 1)


def url_domains(text: str, low: str | None = None) -> list[str]:
    """The domain of each URL_DOMAIN match, as written in `text` (URL_DOMAIN.finditer, searched on `low`)."""
    return [text[m.start(1):m.end(1)] for m in _URL_DOMAIN.finditer(text, low)]


def _evidence(text: str, m: re.Match) -> str:
    s = " ".join(text[m.start():m.end()].split())
    return s if len(s) <= 160 else s[:157] + "…"


def _negated(rule: Rule, text: str, m: re.Match) -> bool:
    window = text[max(0, m.start() - 60):m.end() + 40]
    if rule.negatable and NEGATION.search(window):
        return True
    if WARNING.search(text, max(0, m.start() - WARNING_BEFORE), m.end() + WARNING_AFTER):
        return True
    list_from = max(0, m.start() - WARNING_LIST_REACH, text.rfind("\n\n", 0, m.start()))
    if ":" in text[list_from:m.start()] and WARNING_LIST.search(text, list_from, m.start()):
        return True
    if rule.unless_before and rule.unless_before.search(text[max(0, m.start() - 50):m.start()]):
        return True
    return bool(rule.unless and rule.unless.search(text[max(0, m.start() - 120):m.end() + 120]))


def _text_flags(ctx: Context) -> list[Flag]:
    text = ctx.text[:LONG_TEXT]
    low = text.lower()
    seen: dict = {}
    words = set(tokens(low))  # the model tokenises the same text: features.tokens remembers it
    # Offsets in `low` are offsets in `text` unless lower-casing changed the length (e.g. "İ").
    subject = low if len(low) == len(text) else None
    present = _KEYWORDS.intersection(words)  # the few rule keywords in the text: each rule's test below is short
    # The distinct tokens, joined: a shorter place than `low` to look for words (see anchors.passes).
    tokstr = " ".join(words)
    flags = []
    rules = _TEXT_RULES.get(ctx.kind) or [r for r in RULES if r.patterns and r.applies_to in ("both", ctx.kind)]
    for rule in rules:
        if rule.keywords and rule.keywords.isdisjoint(present):
            continue
        gates = GATES.get(rule.id, ())
        candidates = [p for i, p in enumerate(rule.patterns)
                      if i >= len(gates) or passes(gates[i], low, seen, words, tokstr)]
        for pattern in candidates:
            found = None
            matches = _LOWER[id(pattern)].finditer(subject, tokstr) if subject is not None else pattern.finditer(text)
            for m in matches:
                if _negated(rule, text, m):
                    continue
                found = m
                break
            if found:
                flags.append(Flag(rule, _evidence(text, found)))
                break
    return flags


def _freemail_in_text(ctx: Context) -> list[Flag]:
    text = ctx.text[:LONG_TEXT]
    if "@" not in text:
        return []
    speaks = None
    for m in emails(text):
        if domains.is_free_mail(m.group(1)):
            if speaks is None:
                speaks = bool(_SPEAKS.search(text))
            if speaks:
                return [Flag(RULES_BY_ID["freemail_contact"], m.group(0))]
    return []


def _domain_flags(ctx: Context) -> list[Flag]:
    """Look-alike domains among the sender, Reply-To and every link or address in the text."""
    seen = set()
    candidates = [a.rsplit("@", 1)[-1] for a in (ctx.from_addr, ctx.reply_to) if "@" in a]
    candidates += ctx.link_domains
    text = ctx.text[:LONG_TEXT]
    if "@" in text:
        candidates += [m.group(1) for m in emails(text)]
    low = text.lower()
    if "http" in low or "www." in low:
        candidates += url_domains(text, low)
    for d in candidates:
        reg = domains.registrable(d)
        if reg in seen:
            continue
        seen.add(reg)
        real = domains.imitated_brand(reg, ctx.company_domains)
        if real:
            return [Flag(RULES_BY_ID["lookalike_domain"], f"{d} imitates {real}")]
    return []


def _speaks_for_company(ctx: Context) -> bool:
    """The text or the sender's name speaks for a company or a hiring team (asked only of free-mail senders)."""
    return bool(_SPEAKS.search(ctx.text[:LONG_TEXT] + " " + ctx.from_name)) or bool(_COMPANYISH.search(ctx.from_name))


def _header_flags(ctx: Context) -> list[Flag]:
    flags = []
    from_domain = ctx.from_addr.rsplit("@", 1)[-1].lower() if "@" in ctx.from_addr else ""
    company = {domains.registrable(d) for d in ctx.company_domains}
    if from_domain and domains.is_free_mail(from_domain) and _speaks_for_company(ctx):
        flags.append(Flag(RULES_BY_ID["freemail_sender"], ctx.from_addr))
    if from_domain and company and domains.registrable(from_domain) not in company:
        flags.append(Flag(RULES_BY_ID["sender_domain_mismatch"],
                          f"{from_domain} is not {', '.join(sorted(company))}"))
    if ctx.reply_to and "@" in ctx.reply_to and from_domain and not ctx.is_list_mail:
        rt_domain = ctx.reply_to.rsplit("@", 1)[-1].lower()
        if domains.registrable(rt_domain) != domains.registrable(from_domain):
            # A company sender whose replies go to a free-mail account is the stronger sign of the two.
            rule = ("reply_to_freemail" if domains.is_free_mail(rt_domain) and not domains.is_free_mail(from_domain)
                    else "reply_to_mismatch")
            flags.append(Flag(RULES_BY_ID[rule], f"From {ctx.from_addr}, Reply-To {ctx.reply_to}"))
    return flags


_ORDER = {r.id: i for i, r in enumerate(RULES)}


def find_flags(ctx: Context) -> list[Flag]:
    """Every red flag in `ctx`, at most one per rule, in the order of RULES."""
    flags = _text_flags(ctx) + _domain_flags(ctx)
    if ctx.kind == "posting":
        flags += _freemail_in_text(ctx)
    else:
        flags += _header_flags(ctx)
    return sorted(flags, key=lambda f: _ORDER[f.rule.id])


def rules_score(flags: list[Flag]) -> float:
    """Noisy-OR of the flags' weights: each flag is independent evidence; two medium flags beat one."""
    p = 1.0
    for f in flags:
        p *= 1.0 - f.rule.weight
    return 1.0 - p


def check_posting(text_or_html: str, *, company_domain: str | None = None):
    """Rules and model on a job posting → Result (see keepwarm.scams.checks)."""
    from .checks import check_posting as _check

    return _check(text_or_html, company_domain=company_domain)


def check_message(raw_rfc822_bytes_or_text, *, known_company_domains=()):
    """Rules (headers included) and model on a message → Result (see keepwarm.scams.checks)."""
    from .checks import check_message as _check

    return _check(raw_rfc822_bytes_or_text, known_company_domains=known_company_domains)
