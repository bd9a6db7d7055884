"""Worker step: check the opportunities and messages no check has seen yet (capture and mail call the
services directly; this catches the rest, e.g. rows imported or typed in). Re-running is harmless:
recording is an upsert on the one check row per opportunity or interaction."""

from keepwarm.jobs.models import Opportunity
from keepwarm.timeline.models import Channel, Direction, Interaction

from .services import check_and_record_interaction, check_and_record_opportunity

BATCH = 50
MESSAGE_CHANNELS = [Channel.EMAIL, Channel.TEXT, Channel.SOCIAL]


def check_unchecked(now) -> bool:
    opps = list(Opportunity.objects.filter(scam_check__isnull=True).exclude(posting_text="")
                .select_related("company", "owner")[:BATCH])
    for opp in opps:
        check_and_record_opportunity(opp)
    msgs = list(Interaction.objects.filter(scam_check__isnull=True, direction=Direction.INBOUND,
                                           channel__in=MESSAGE_CHANNELS)
                .select_related("opportunity__company", "owner")[:BATCH])
    for interaction in msgs:
        check_and_record_interaction(interaction)
    return len(opps) == BATCH or len(msgs) == BATCH


STEPS = [check_unchecked]
