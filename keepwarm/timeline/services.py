"""Logging touches. Every touch restarts the clock of each contact in it and fulfils their open follow-ups."""

from django.db import transaction
from django.utils import timezone

from keepwarm.lib.errors import InputError
from keepwarm.people.models import Network

from .models import Channel, Direction, Interaction, Origin, Participant


def parse_channel(raw: str) -> tuple[str, str]:
    """'email', 'phone', 'facebook' (a social message on Facebook), 'social:linkedin' → (channel, network)."""
    value = (raw or "").strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"call": "phone", "phone_call": "phone", "sms": "text", "text_message": "text", "zoom": "video",
               "video_call": "video", "meeting": "in_person", "inperson": "in_person", "mail": "email"}
    value = aliases.get(value, value)
    if value.startswith("social:"):
        network = value.split(":", 1)[1]
        if network not in Network.values:
            raise InputError("channel", raw, f"unknown network; expected one of {', '.join(Network.values)}")
        return Channel.SOCIAL, network
    if value in Network.values and value != "other":
        return Channel.SOCIAL, value
    if value not in Channel.values:
        raise InputError("channel", raw, f"expected one of {', '.join(Channel.values)} (or a network like facebook)")
    return value, ""


def parse_direction(raw: str) -> str:
    value = (raw or "out").strip().lower()
    value = {"inbound": "in", "outbound": "out", "received": "in", "sent": "out"}.get(value, value)
    if value not in Direction.values:
        raise InputError("direction", raw, "expected in or out")
    return value


@transaction.atomic
def log_interaction(owner, contacts, *, channel, summary="", body="", direction="out", network="",
                    happened_at=None, opportunity=None, origin=Origin.MANUAL, external_id="") -> Interaction:
    """Record one touch with one or more contacts.

    1. An external id already seen returns the existing interaction (re-imports never duplicate).
    2. The interaction and its participants are written.
    3. The contacts' open follow-ups made by the user before this touch are fulfilled; rule-made
       ones are closed by the engine on its next refresh, since their keys depend on the last touch.
    """
    if channel not in Channel.values:
        raise InputError("channel", channel, "unknown channel")
    if direction not in Direction.values:
        raise InputError("direction", direction, "expected in or out")
    if external_id:
        # exclude(external_id=""): SQLite uses the partial unique index only when the query repeats its condition.
        existing = Interaction.objects.filter(owner=owner, external_id=external_id).exclude(external_id="").first()
        if existing:
            return existing
    happened_at = happened_at or timezone.now()
    interaction = Interaction.objects.create(
        owner=owner, channel=channel, network=network, direction=direction, happened_at=happened_at,
        summary=summary[:500], body=body, opportunity=opportunity, origin=origin, external_id=external_id,
    )
    unique = {c.id: c for c in contacts}
    Participant.objects.bulk_create(
        Participant(owner=owner, interaction=interaction, contact=c, happened_at=happened_at, direction=direction)
        for c in unique.values()
    )
    from keepwarm.followups.services import fulfil_for_touch

    fulfil_for_touch(owner, list(unique), happened_at, opportunity_id=opportunity.id if opportunity else None)
    return interaction
