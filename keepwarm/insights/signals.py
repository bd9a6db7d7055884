"""Drop the cached figures (weekly touch counts, snapshots) when a touch is edited in place.

New and deleted touches change the cache's fingerprint (count and highest id), so only edits of an
existing touch — its time, direction or channel may have changed — need telling.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from keepwarm.timeline.models import Interaction


@receiver(post_save, sender=Interaction, dispatch_uid="insights-touch-edited")
def touch_edited(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    from .models import Snapshot, TouchWeeks

    TouchWeeks.objects.filter(owner_id=instance.owner_id).delete()
    Snapshot.objects.filter(owner_id=instance.owner_id).delete()
