"""Keep the cached figures right when a touch is edited in a way they depend on.

New and deleted touches change the caches' fingerprints (row counts and highest ids), so only edits of an
existing touch need telling — and only edits of its time, direction, channel or job: fixing a typo in a
summary keeps every figure, so it keeps the caches too. A touch moved in time or direction is moved between
the stored weekly counts (touches.apply_edit); the applications' snapshot is dropped and recomputed.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from keepwarm.timeline.models import Interaction

FIGURE_FIELDS = ("owner_id", "happened_at", "direction", "channel", "opportunity_id")


@receiver(pre_save, sender=Interaction, dispatch_uid="insights-touch-before-edit")
def remember_old_values(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._insights_before = Interaction.objects.filter(pk=instance.pk).values(*FIGURE_FIELDS).first()


@receiver(post_save, sender=Interaction, dispatch_uid="insights-touch-edited")
def touch_edited(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    before = getattr(instance, "_insights_before", None)
    if before is not None and all(before[f] == getattr(instance, f) for f in FIGURE_FIELDS):
        return
    from .models import Snapshot, TouchWeeks
    from .touches import apply_edit

    owners = {instance.owner_id, before["owner_id"] if before else instance.owner_id}
    Snapshot.objects.filter(owner_id__in=owners).delete()
    after = {f: getattr(instance, f) for f in FIGURE_FIELDS}
    counted = ("happened_at", "direction", "channel")
    if before and before["owner_id"] == instance.owner_id and any(before[f] != after[f] for f in counted):
        apply_edit(instance.owner_id, before, after)  # one touch moves between weeks: no recount
    elif before is None or before["owner_id"] != instance.owner_id:
        TouchWeeks.objects.filter(owner_id__in=owners).delete()
