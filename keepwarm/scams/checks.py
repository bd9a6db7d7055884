"""The checks: a posting or a message in, a verdict with its reasons out. Pure functions, no database.

Score = noisy-OR of the rules' weights and the posting model's rescaled probability (see model.py);
`likely scam` from 0.5, `suspicious` from 0.3. The wording never says "safe": a clean result means
only that no red flag was found.
"""

import re
from dataclasses import dataclass, field

from . import model as model_mod
from .features import plain_text
from .message import HREF, ParsedMessage, looks_like_rfc822, parse_message  # noqa: F401 (re-exported)
from .prefixes import Caseless
from .rules import Context, find_flags, rules_score

LIKELY_SCAM = "likely scam"
SUSPICIOUS = "suspicious"
NO_FLAGS = "no red flags found"
MODEL_SOURCE = ("keepwarm's posting model, trained on the DIFrauD job_scams data (from EMSCAD, University of the "
                "Aegean; MIT licence)")
# Messages are not postings: the posting model only counts, at half weight, when the message is about a job.
JOB_TALK = re.compile(r"\b(?:job|position|role|hiring|hire|recruit\w*|interview\w*|salary|resume|résumé|cv|"
                      r"vacanc\w+|employ\w*|candidate|work from home|remote work|onboarding)\b", re.I)
_JOB_TALK = Caseless(JOB_TALK)  # searched on the lower-cased text from where its words occur (prefixes.py)


@dataclass
class Result:
    verdict: str
    score: float
    reasons: list = field(default_factory=list)
    note: str = ""

    def as_dict(self) -> dict:
        out = {"verdict": self.verdict, "score": round(self.score, 3), "reasons": self.reasons}
        if self.note:
            out["note"] = self.note
        return out


def verdict_for(score: float) -> str:
    if score >= model_mod.LIKELY:
        return LIKELY_SCAM
    if score >= model_mod.SUSPICIOUS:
        return SUSPICIOUS
    return NO_FLAGS


def _result(flags, p_model: float, top_terms, model, model_weight: float = 1.0) -> Result:
    model_part = model_mod.rescale(p_model, model.thresholds) * model_weight if model else 0.0
    score = 1.0 - (1.0 - rules_score(flags)) * (1.0 - model_part)
    verdict = verdict_for(score)
    if verdict == NO_FLAGS:
        return Result(NO_FLAGS, score, [])
    reasons = [f.as_dict() for f in flags]
    if model_part >= model_mod.SUSPICIOUS:
        reasons.append({
            "flag": "resembles_known_scams",
            "evidence": ", ".join(f'"{t}"' for t in top_terms) or "the wording as a whole",
            "source": MODEL_SOURCE,
            "explanation": "The wording resembles job postings known to be fraudulent.",
        })
    return Result(verdict, score, reasons)


def check_posting(text_or_html: str, *, company_domain: str | None = None, model=None) -> Result:
    """Check a job posting (plain text or HTML)."""
    text = plain_text(text_or_html or "")
    domains_known = {company_domain.lower()} if company_domain else set()
    raw = text_or_html or ""
    links = HREF.findall(raw) if "href" in raw.lower() else []  # the case-insensitive scan costs more than lower()
    flags = find_flags(Context(text, kind="posting", company_domains=domains_known, link_domains=links))
    model = model or model_mod.get_model()
    return _scored(flags, text, model)


def _scored(flags, text: str, model, model_weight: float = 1.0) -> Result:
    """The result; the model's top terms are looked up only when the model's part will be shown."""
    s = model.score(text)
    if model_mod.rescale(s.probability, model.thresholds) * model_weight >= model_mod.SUSPICIOUS:
        s = model.score(text, explain=True)
    return _result(flags, s.probability, s.top_terms, model, model_weight)


def check_message(raw_rfc822_bytes_or_text: str | bytes, *, known_company_domains=(), model=None) -> Result:
    """Check a message: a raw RFC 822 e-mail (headers are used) or the plain text of a text/social message."""
    raw = raw_rfc822_bytes_or_text or ""
    if looks_like_rfc822(raw):
        return check_parsed_message(parse_message(raw), known_company_domains=known_company_domains, model=model)
    known = {d.lower() for d in known_company_domains or ()}
    text = plain_text(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)
    return _message_result(Context(text, kind="message", company_domains=known), model)


def check_parsed_message(m: ParsedMessage, *, known_company_domains=(), model=None) -> Result:
    """check_message on an e-mail already parsed with parse_message (a caller that also needs its sender, say,
    parses once)."""
    known = {d.lower() for d in known_company_domains or ()}
    ctx = Context(f"{m.subject}\n{m.body}", kind="message", from_addr=m.from_addr, from_name=m.from_name,
                  reply_to=m.reply_to, is_list_mail=m.is_list_mail, company_domains=known, link_domains=m.links)
    return _message_result(ctx, model)


def _message_result(ctx: Context, model) -> Result:
    flags = find_flags(ctx)
    model = model or model_mod.get_model()
    if _JOB_TALK.search(ctx.text):
        return _scored(flags, ctx.text, model, model_weight=0.5)
    return _result(flags, 0.0, [], None)


def check(raw: str | bytes, *, kind: str | None = None, company_domains=(), model=None) -> Result:
    """Check text of either kind; `kind=None` detects a raw e-mail by its headers."""
    if kind is None:
        kind = "message" if looks_like_rfc822(raw) else "posting"
    if kind == "message":
        return check_message(raw, known_company_domains=company_domains, model=model)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return check_posting(text, company_domain=next(iter(company_domains), None), model=model)
