"""The rules read from a message's headers and links, not its words (rules._header_flags, rules._domain_flags)."""

from .flags import BBB_JOBS, FBI_PSA, Rule

HEADER_RULES: list[Rule] = [
    Rule(
        "freemail_sender",
        "Sent from a free e-mail account (Gmail, Yahoo, Outlook…) by someone who speaks for a company or a "
        "hiring team. Legitimate firms usually don't recruit from public e-mail accounts.",
        0.35, BBB_JOBS, applies_to="message",
    ),
    Rule(
        "sender_domain_mismatch",
        "The sender's domain is not the company's own domain.",
        0.35, FBI_PSA, applies_to="message",
    ),
    Rule(
        "lookalike_domain",
        "A sender or link domain imitates a real company's domain (swapped letters or digits, extra words such "
        "as '-careers'). Scammers register look-alike domains to pass as the real employer.",
        0.65, FBI_PSA, applies_to="both",
    ),
    Rule(
        "reply_to_mismatch",
        "Replies would go to a different address than the sender's (Reply-To differs from From), a common trick "
        "to move the conversation to an account the scammer controls.",
        0.25, FBI_PSA, applies_to="message",
    ),
    Rule(
        "reply_to_freemail",
        "The message comes from a company address, but replies would go to a free e-mail account (Gmail, Outlook…): "
        "someone wants your answer outside the company.",
        0.5, FBI_PSA, applies_to="message",
    ),
]
