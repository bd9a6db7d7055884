"""The speed-ups in prefixes.py, rules.emails and domains must find exactly what the plain regexes find."""

import itertools
import random
import re

import pytest

from keepwarm.scams import domains
from keepwarm.scams.anchors import GATES, passes
from keepwarm.scams.features import TOKEN
from keepwarm.scams.catalogue import _LOWER
from keepwarm.scams.prefixes import Caseless, Prefixed, literal_prefixes
from keepwarm.scams.rules import EMAIL, URL_DOMAIN, emails, url_domains

from .test_anchors import EXAMPLES

# Words the patterns start with or need, mixed with filler, punctuation and look-alike words ("react", "payday").
VOCAB = ("you act now apply today react payday pay fee fees send wire the money to our vendor check cheque deposit "
         "a $500 per day 2 hours from home no interview is required telegram whatsapp: @hr gift card codes keep 10% "
         "and transfer rest bank account routing number ssn optimization tasks commission usdt recharge slots left "
         "offer expires within 24 hours urgent reply needed reship packages to overseas addresses guaranteed job "
         "not never scam hired selected for the position of copy-paste simple tasks just need a phone").split()
SEPARATORS = (" ", " ", " ", ", ", ". ", "\n", "-", "/", "'", ": ")


def random_texts(n, seed=5):
    rnd = random.Random(seed)
    for _ in range(n):
        words = [rnd.choice(VOCAB) for _ in range(rnd.randint(1, 40))]
        yield "".join(w + rnd.choice(SEPARATORS) for w in words).lower()


def spans(it):
    return [(m.span(), m.groups()) for m in it]


def test_every_rule_pattern_has_literal_prefixes():
    # A Python whose parser we no longer read would silently lose the speed-up: make that visible.
    missing = [p.pattern.pattern[:60] for p in _LOWER.values() if literal_prefixes(p.pattern) is None]
    assert not missing


def test_literal_prefixes_of_simple_patterns():
    assert literal_prefixes(re.compile(r"\b(?:act|apply)\s+now")) == ("act", "apply")
    assert literal_prefixes(re.compile(r"\bpay(?:ment)?s?\b")) == ("pay",)
    assert literal_prefixes(re.compile(r"\b(?:pay|payment|repay)")) == ("pay", "repay")
    assert literal_prefixes(re.compile(r"[$€]\d")) == ("$", "€")
    assert literal_prefixes(re.compile(r"(?:wa|t)\.me/")) == ("t.me/", "wa.me/")
    # no usable prefix: a class of many characters, an optional start, case-insensitive matching
    assert literal_prefixes(re.compile(r"\w+@")) is None
    assert literal_prefixes(re.compile(r"(?:no)?fee")) is None
    assert literal_prefixes(re.compile(r"fee", re.I)) is None


@pytest.mark.parametrize("text", EXAMPLES + list(random_texts(300)))
def test_prefixed_finditer_is_the_patterns_finditer(text):
    low = text.lower()
    tokstr = " ".join(set(TOKEN.findall(low)))
    for fast in _LOWER.values():
        expected = spans(fast.pattern.finditer(low))
        assert spans(fast.finditer(low)) == expected, fast.pattern.pattern[:60]
        assert spans(fast.finditer(low, tokstr)) == expected, fast.pattern.pattern[:60]


@pytest.mark.parametrize("text", EXAMPLES + list(random_texts(300, seed=11)))
def test_gates_answer_the_same_with_the_token_string(text):
    low = text.lower()
    words = set(TOKEN.findall(low))
    tokstr = " ".join(words)
    for gates in GATES.values():
        for gate in gates:
            assert passes(gate, low, {}, words, tokstr) == passes(gate, low, {}, words)


def test_prefixed_respects_word_boundaries_before_the_start():
    fast = Prefixed(re.compile(r"\b(?:act|apply) now"))
    assert [m.group() for m in fast.finditer("react now, act now, apply now")] == ["act now", "apply now"]
    assert fast.search("react now") is None


def test_a_dense_prefix_falls_back_to_the_ordinary_scan():
    fast = Prefixed(re.compile(r"\ba\w*z"))
    text = "a " * 500 + "abz"
    assert spans(fast.finditer(text)) == spans(fast.pattern.finditer(text))


CASE_TEXTS = ["We are HIRING a Recruiter", "JOB OFFER", "İnterview today", "the posıtion", "ſalary and reſume",
              "Résumé attached", "nothing here", "KELVIN \u212a job", "ΣΑΣ job", ""]


@pytest.mark.parametrize("text", CASE_TEXTS)
def test_caseless_search_is_the_case_insensitive_search(text):
    pattern = re.compile(r"\b(?:job|position|hiring|recruit\w*|interview\w*|salary|resume|résumé)\b", re.I)
    fast = Caseless(pattern)
    expected = pattern.search(text)
    got = fast.search(text)
    assert (got and got.span()) == (expected and expected.span())


def test_caseless_refuses_upper_case_patterns():
    with pytest.raises(ValueError):
        Caseless(re.compile(r"Job", re.I))
    with pytest.raises(ValueError):
        Caseless(re.compile(r"job"))


EMAIL_TEXTS = [
    "write to jobs@example.com or hr.team+x@mail.example.co.uk today",
    "a@b.com@c.com", "x@y", "@@a.b", "no at sign", "me@", "@example.com", "first.last@@example.com",
    "tom@localhost then ann@example.org", "naïve.name@exämple.com", "a_b-c@d_e.f-g", "..@x.y", "+@x.y",
    "foo@bar.baz.qux, (bar@baz.com) <q@r.st>", "a@b.c" * 5, "x" * 300 + "@example.com",
]


@pytest.mark.parametrize("text", EMAIL_TEXTS + list(random_texts(100)))
def test_emails_are_email_finditer(text):
    assert spans(emails(text)) == spans(EMAIL.finditer(text))


@pytest.mark.parametrize("text", ["See HTTPS://Amaz0n-Careers.com/apply and www.Example.org.", "http://a.b http://",
                                  "İ https://x.example.com", "wwW.ſtore.com", "shttp://x.y"])
def test_url_domains_are_the_patterns_groups(text):
    assert url_domains(text) == [m.group(1) for m in URL_DOMAIN.finditer(text)]


def _within_one_edit_reference(a, b):
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


def test_within_one_edit_matches_the_plain_definition():
    words = ["".join(w) for n in range(5) for w in itertools.product("abc", repeat=n)]
    for a, b in itertools.product(words, repeat=2):
        assert domains.within_one_edit(a, b) == _within_one_edit_reference(a, b), (a, b)


@pytest.mark.parametrize("domain", ["amaz0n-careers.com", "amazon.com", "jobs.amazon.com", "rnicrosoft.com",
                                    "paypa1.com", "linkedln.com", "example.com", "", "g00gle-hiring.net",
                                    "xn--mazon-3ve.com", "walmart-jobs.co.uk", "indeedd.com"])
def test_imitated_brand_is_imitates_over_the_brands(domain):
    expected = ""
    for brand, official in domains.BRANDS.items():
        if domains.registrable(domain) in official:
            break
        if domains.imitates(domains.registrable(domain), brand + ".com"):
            expected = sorted(official)[0] if brand + ".com" not in official else brand + ".com"
            break
    if not domains.registrable(domain):
        expected = ""
    assert domains.imitated_brand(domain) == expected


def test_split_tokenising_is_token_findall():
    from keepwarm.scams.features import TOKEN, _findall

    rnd = random.Random(7)
    alphabet = "ab_1$€£!@%-. ,'\t\n\x1c\u2028\u00a0éİ٣²½x"
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    texts += [t.lower() for t in EXAMPLES]
    for text in texts:
        assert _findall(text) == TOKEN.findall(text), repr(text)
