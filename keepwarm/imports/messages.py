"""Writing one social message: a touch with the contacts on the other side, once per external id."""

from keepwarm.timeline.models import Interaction
from keepwarm.timeline.services import log_interaction

from .contacts import find_or_create_person


def write_message(writer, record) -> tuple[str, str, str]:
    if Interaction.objects.filter(owner=writer.owner, external_id=record.external_id).exists():
        return "unchanged", _label(record), ""
    contacts, created = [], []
    for person in record.people:
        contact, was_created = find_or_create_person(writer, record.ref, person, create=record.create_people)
        if contact is not None:
            contacts.append(contact)
            if was_created:
                created.append(contact.name)
    if not contacts:
        names = ", ".join(p.name for p in record.people) or "nobody"
        return "skipped", _label(record), f"{names}: not one of your contacts"
    log_interaction(
        writer.owner, contacts, channel="social", network=record.network, direction=record.direction,
        happened_at=record.happened_at, summary=record.summary or record.body[:120], body=record.body,
        origin="imported", external_id=record.external_id,
    )
    detail = "with " + ", ".join(c.name for c in contacts)
    if created:
        detail += f" (new contact{'s' if len(created) > 1 else ''}: {', '.join(created)})"
    return "created", _label(record), detail


def _label(record) -> str:
    arrow = "from" if record.direction == "in" else "to"
    names = ", ".join(p.name for p in record.people)
    return f"{record.network} message {arrow} {names} on {record.happened_at:%Y-%m-%d}"
