"""What to do with one message: a pure function over its header facts and what the user already knows."""

import dataclasses

from keepwarm.lib.emails import domain_of

from .parse import MessageInfo

# Robots at a company's domain are not people to add.
_ROBOTS = ("noreply", "no-reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster", "bounce",
           "notifications")

# Gmail labels whose messages are not touches: spam (the scam check sees real inbound mail instead) and chats.
_SKIP_LABELS = {"spam", "chat", "trash"}


@dataclasses.dataclass(frozen=True)
class Known:
    contacts: dict  # lower-case address → contact id
    domains: dict  # lower-case domain → company id
    mine: frozenset  # the user's own addresses


@dataclasses.dataclass
class Decision:
    status: str  # "matched", "suggested" or "ignored"
    direction: str = "in"
    contact_ids: list = dataclasses.field(default_factory=list)
    suggestions: list = dataclasses.field(default_factory=list)  # [(name, address, company id)]


def direction_of(info: MessageInfo, known: Known) -> str:
    """1. From one of my addresses, or in Gmail's Sent label: outbound.
    2. From a known contact: inbound.
    3. When my addresses are known, anything else was sent to me: inbound.
    4. Otherwise (an mbox with no account), an unknown sender writing *to* a known contact is me: outbound."""
    if info.from_addr in known.mine or "sent" in info.labels:
        return "out"
    if info.from_addr in known.contacts:
        return "in"
    if known.mine:
        return "in"
    return "out" if any(a in known.contacts for _, a in info.to) else "in"


def concerns_nobody_known(addresses: set, known: Known) -> bool:
    """True when no address other than the user's own is a contact's or at a known company's domain: such a
    message can only be "ignored", so it need not be parsed (or even downloaded). Most mail takes this path."""
    for address in addresses:
        if address in known.mine:
            continue  # the user is on nearly every message; that alone makes nothing relevant
        if address in known.contacts or domain_of(address) in known.domains:
            return False
    return True


def _is_robot(address: str) -> bool:
    local = address.split("@", 1)[0]
    return any(word in local for word in _ROBOTS)


def decide(info: MessageInfo, known: Known) -> Decision:
    if _SKIP_LABELS & set(info.labels):
        return Decision(status="ignored")
    direction = direction_of(info, known)
    people = [info.from_addr, *info.recipients]
    others = list(dict.fromkeys(a for a in people if a not in known.mine))
    if direction == "out":
        others = [a for a in others if a != info.from_addr]
    contact_ids = list(dict.fromkeys(known.contacts[a] for a in others if a in known.contacts))
    # Inbound: only the sender is new to suggest (Cc lists are noise); outbound: whoever I wrote to.
    candidates = [info.from_addr] if direction == "in" else others
    names = {a: n for n, a in [(info.from_name, info.from_addr), *info.to, *info.cc]}
    suggestions = [
        (names.get(a, ""), a, known.domains[domain_of(a)]) for a in candidates
        if a not in known.contacts and domain_of(a) in known.domains and not _is_robot(a)
    ]
    status = "matched" if contact_ids else "suggested" if suggestions else "ignored"
    return Decision(status=status, direction=direction, contact_ids=contact_ids, suggestions=suggestions)
