"""The building blocks of the red-flag rules: where warnings come from, Rule, Flag and Context."""

import re
from dataclasses import dataclass, field

FTC_JOBS = "FTC, Job Scams: https://consumer.ftc.gov/articles/job-scams"
FBI_MALWARE = ("FBI IC3, North Korea Aggressively Targeting Crypto Industry with Well-Disguised Social Engineering "
               "Attacks (fake job interviews that ask candidates to run code): https://www.ic3.gov/PSA/2024/PSA240903")
FTC_MYSTERY = "FTC, Mystery Shopper Scams: https://consumer.ftc.gov/articles/mystery-shopper-scams"
FBI_PSA = ("FBI IC3, Cyber Criminals Use Fake Job Listings to Target Applicants' Personally Identifiable "
           "Information: https://www.ic3.gov/Media/Y2020/PSA200121")
FBI_MULES = "FBI, Money Mules: https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-scams-and-crimes/money-mules"
BBB_JOBS = "BBB Scam Alert, Employment scams: https://www.bbb.org/all/consumer/scam/employment-scams"

W = r"(?:[\w'’$%.,-]+\s+)"  # one word and the space after it, for "up to N words in between"


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I | re.S)


# Words near a match that mean the text says the opposite ("no fee", "we pay for your training").
NEGATION = _re(
    r"\b(?:no|zero|never|not|without|free of|waived?|don'?t|do not|will not|won'?t|nor)\b(?:\W+\w+){0,3}?\W+"
    r"(?:fees?|cost|charge|charged|pay|payment|deposit|ask|request|require|asked|need|money|purchase|buy)\b"
    r"|\bat no (?:cost|charge)|\bfree of charge|\b(?:paid|covered|provided|reimbursed|supplied|furnished)\s+"
    r"(?:for\s+)?by\s+(?:the\s+)?(?:us|company|employer|client|our)|\bat (?:our|the company'?s|the employer'?s) "
    r"(?:expense|cost)|\bwe\s+(?:will\s+|'ll\s+)?(?:pay|cover|provide|supply|furnish)\b"
    r"|\b(?:cannot|can'?t|can not|do not|don'?t|never|no one can|nobody can)\s+(?:\w+\s+)?guarantee"
    # "please do not send your bank details by e-mail" (but "if you don't send the fee today..." is a threat)
    r"|(?<!if you )(?<!if u )\b(?:do not|don'?t|never)\s+(?:send|share|provide|e-?mail|text|give)\b"
    r"|\b(?:employer|company)\s+(?:will\s+)?(?:pays?|covers?|bears?)\b"
    r"|\b(?:billed|charged|invoiced)\s+(?:directly\s+)?to\s+(?:the\s+)?(?:us|company|employer|district|school|agency|"
    r"client|our)\b"
    r"|\bcompany[- ](?:provided|issued|paid)|\bbeware\b|(?<!not a )(?<!no )(?<!not )\bscam|(?<!not a )(?<!no )\bfraud|\bphishing|\blegitimate employers?\b"
)


# A text that warns about scams ("we will never ask you to ... or interview over Telegram", "fraudsters may
# contact you via WhatsApp") lists the very signs the rules look for. Within this reach of such words a match
# is the warning's, not a demand — for every rule, even those no plain "no"/"not" may cancel.
WARNING = _re(
    r"\b(?:scammers?|fraudsters?|impost[eo]rs?|impersonat\w+|criminals?|beware|be wary|fraud(?:ulent)? (?:alert|warning|"
    r"notice|recruit\w*|offers?|jobs?|messages?)|(?:will|would)\s+never|never\s+(?:ask|request|require|contact|"
    r"charge|conduct|interview)\w*|report (?:it|them|this|suspicious))\b"
)
WARNING_BEFORE, WARNING_AFTER = 150, 60
# "Acme will NEVER:" opening a list of signs: everything after it in the same paragraph is the warning's.
WARNING_LIST = _re(r"\b(?:will|would|shall|does|do|must)\s+(?:never|not)\s*:")
WARNING_LIST_REACH = 1500


@dataclass(frozen=True)
class Rule:
    id: str
    explanation: str
    weight: float
    source: str
    patterns: tuple = ()
    negatable: bool = True
    applies_to: str = "both"  # posting, message or both
    unless: re.Pattern | None = None  # rule-specific words nearby that make a match innocent
    unless_before: re.Pattern | None = None  # the same, only in the few words just before the match
    # Speed: the patterns only run when the text has one of these words (see keywords.KEYWORDS).
    keywords: frozenset = frozenset()


@dataclass
class Flag:
    rule: Rule
    evidence: str

    def as_dict(self) -> dict:
        return {"flag": self.rule.id, "evidence": self.evidence, "source": self.rule.source,
                "explanation": self.rule.explanation}


@dataclass
class Context:
    """What a rule may look at. Messages carry their headers; postings may name the company's domain."""

    text: str
    kind: str = "posting"
    from_addr: str = ""
    from_name: str = ""
    reply_to: str = ""
    is_list_mail: bool = False
    company_domains: set = field(default_factory=set)
    link_domains: list = field(default_factory=list)
