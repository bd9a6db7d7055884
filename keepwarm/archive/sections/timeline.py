"""Archive section for interactions (touches) and who took part in them.

Natural key: "ext:<external id>" when the touch came from somewhere (mail, an import) — the same identity
log_interaction dedupes on — else "<created_at> <happened_at> <channel> <direction>". Rows are written in bulk
(with the Participant copies of time and direction that log_interaction would make); an archive restores
follow-up states as recorded, so there is nothing for a touch to fulfil.
"""

from collections import defaultdict

from keepwarm.people.models import Network
from keepwarm.timeline.models import Channel, Direction, Interaction, Origin, Participant

from ..bulk import insert_as_is
from ..fields import iso, records, unique_in_file
from ..registry import ExportContext, ImportContext, Section, unique_keys

BATCH = 500
ORDER = ("happened_at", "created_at", "id")


def touch_keys(rows) -> list[str]:
    """rows: (external_id, created_at, happened_at, channel, direction) in ORDER."""
    local = unique_keys([f"{iso(c)} {iso(h)} {ch} {d}" for ext, c, h, ch, d in rows])
    return [f"ext:{row[0]}" if row[0] else key for row, key in zip(rows, local)]


FIELDS = ("id", "external_id", "created_at", "happened_at", "channel", "direction")


def export_touches(ctx: ExportContext) -> list:
    rows = list(Interaction.objects.filter(owner=ctx.user).order_by(*ORDER).values(
        *FIELDS, "network", "summary", "body", "opportunity_id", "origin"))
    keys = touch_keys([(r["external_id"], r["created_at"], r["happened_at"], r["channel"], r["direction"])
                       for r in rows])
    ctx.keys["interactions"] = {r["id"]: k for r, k in zip(rows, keys)}
    who = defaultdict(list)
    for interaction_id, contact_id in Participant.objects.filter(owner=ctx.user).values_list("interaction_id",
                                                                                             "contact_id"):
        who[interaction_id].append(ctx.keys["contacts"][contact_id])
    jobs = ctx.keys["opportunities"]
    return [{
        "key": key, "channel": r["channel"], "network": r["network"], "direction": r["direction"],
        "happened_at": iso(r["happened_at"]), "summary": r["summary"], "body": r["body"],
        "opportunity": jobs[r["opportunity_id"]] if r["opportunity_id"] else None, "origin": r["origin"],
        "external_id": r["external_id"], "created_at": iso(r["created_at"]), "participants": sorted(who[r["id"]]),
    } for r, key in zip(rows, keys)]


def validate_touches(data, ctx: ImportContext) -> list:
    rows = list(Interaction.objects.filter(owner=ctx.user).order_by(*ORDER).values_list(*FIELDS))
    ctx.existing["interactions"] = dict(zip(touch_keys([r[1:] for r in rows]), [r[0] for r in rows]))
    seen, out = set(), []
    for _, rec in records(data, "interactions", "summary"):
        key = rec.str("key", max_len=600, required=True, blank=False)
        external_id = rec.str("external_id", max_len=500)
        if external_id and key != f"ext:{external_id}":
            rec.fail("key", key, f"a touch with an external id has the key 'ext:{external_id}'")
        unique_in_file(seen, key, rec)
        out.append(dict(
            key=key, channel=rec.choice("channel", Channel), network=rec.choice("network", Network, blank=True,
                                                                                 default=""),
            direction=rec.choice("direction", Direction), happened_at=rec.datetime("happened_at"),
            summary=rec.str("summary", max_len=500), body=rec.str("body"),
            opportunity=ctx.check_ref("opportunities", rec.data.get("opportunity"), "opportunity", rec.label),
            origin=rec.choice("origin", Origin, default=Origin.MANUAL), external_id=external_id,
            created_at=rec.datetime("created_at"),
            participants=list(dict.fromkeys(ctx.check_ref("contacts", c, "participants", rec.label, null=False)
                                            for c in rec.strings("participants"))),
        ))
    ctx.file_keys["interactions"] = seen
    return out


def write_touches(clean, ctx: ImportContext):
    user, ids = ctx.user, dict(ctx.existing["interactions"])
    jobs, contacts = ctx.ids["opportunities"], ctx.ids["contacts"]
    todo = [r for r in clean if r["key"] not in ids]
    for start in range(0, len(todo), BATCH * 4):  # in slices, so a large archive never sits in memory twice
        part = todo[start:start + BATCH * 4]
        new = [Interaction(owner=user, channel=r["channel"], network=r["network"], direction=r["direction"],
                           happened_at=r["happened_at"], summary=r["summary"], body=r["body"],
                           opportunity_id=jobs[r["opportunity"]] if r["opportunity"] else None, origin=r["origin"],
                           external_id=r["external_id"], created_at=r["created_at"]) for r in part]
        insert_as_is(Interaction, new)
        for row, r in zip(new, part):
            ids[r["key"]] = row.id
        Participant.objects.bulk_create([
            Participant(owner=user, interaction=row, contact_id=contacts[c], happened_at=row.happened_at,
                        direction=row.direction) for row, r in zip(new, part) for c in r["participants"]
        ], batch_size=BATCH)
    ctx.ids["interactions"] = ids
    return len(todo), len(clean) - len(todo)


INTERACTIONS = Section("interactions", export_touches, validate_touches, write_touches)
