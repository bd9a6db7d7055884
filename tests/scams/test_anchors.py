"""The patterns' pre-checks (anchors.py) must never hide a match: every anchor is necessary, not typical."""

import re

import pytest

from keepwarm.scams.anchors import ANCHORS, GATES, passes
from keepwarm.scams.features import TOKEN
from keepwarm.scams.rules import RULES, Context, _text_flags

from .test_rules import NEGATIVE, POSITIVE

# Extra wordings that reach each pattern's less common branches.
MORE = [
    "Deposit the cheque and send the excess via Western Union to our agent.",
    "Earn 300 dollars per day, just 2 hrs/day from home. No experience required, anyone can do it.",
    "Contact the hiring manager on Telegram: @hr_desk or wa.me/15551234567, or add us on WhatsApp.",
    "Recharge your account with USDT (TRC-20) to unlock the combo tasks; negative balance must be reset.",
    "Like YouTube videos and earn $5 per video. Complete 40 simple tasks daily for commission.",
    "Act now! Offer expires within 24 hours or the position will be given to another candidate.",
    "Package forwarding: receive parcels at your home address and reship them to overseas recipients.",
    "Keep 10% commission and transfer the rest. As a payment processor you use your personal account.",
    "Provide your SSN, bank routing number and a photo of your driver's license to proceed.",
    "You have been selected for the data entry position after we reviewed your resume. No interview needed.",
]
EXAMPLES = [t for ts in POSITIVE.values() for t in ts] + [t for ts in NEGATIVE.values() for t in ts] + MORE


def test_every_rule_pattern_has_its_anchors():
    for rule in RULES:
        if rule.patterns:
            assert len(ANCHORS[rule.id]) == len(rule.patterns), rule.id


@pytest.mark.parametrize("text", EXAMPLES)
def test_a_pattern_that_matches_always_passes_its_anchors(text):
    low = text.lower()
    words = set(TOKEN.findall(low))
    for rule in RULES:
        for i, pattern in enumerate(rule.patterns):
            if re.search(pattern.pattern, low, pattern.flags):
                assert passes(GATES[rule.id][i], low, {}, words), f"{rule.id}[{i}] gated out: {text}"


@pytest.mark.parametrize("text", EXAMPLES)
def test_gated_rules_find_what_ungated_rules_find(text):
    def ungated(t):
        found = []
        for rule in RULES:
            if rule.patterns and rule.applies_to in ("both", "posting"):
                if any(p.search(t) for p in rule.patterns):
                    found.append(rule.id)
        return found

    gated = {f.rule.id for f in _text_flags(Context(text))}
    # Negations may cancel a raw match, never the reverse: a gated flag always has a raw match.
    assert gated <= set(ungated(text))


def test_anchor_words_gate_out_lookalike_words():
    low = "we value your feedback and the coffee is free"
    assert not passes(GATES["pay_to_work"][0], low, {}, set(TOKEN.findall(low)))
    low = "a one-time fee of $50"
    assert passes(GATES["pay_to_work"][1], low, {}, set(TOKEN.findall(low)))
