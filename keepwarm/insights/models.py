"""Insights keeps one derived thing: the weekly touch counts of complete past weeks, per user.

Counting 200,000 touches by local week takes seconds on SQLite, and past weeks rarely change. The row is
trusted only while its fingerprint — how many touches happened before `until` and their highest id — still
matches, and an edited touch deletes it (signals.py), so a stale figure is never shown.
"""

from django.conf import settings
from django.db import models


class TouchWeeks(models.Model):
    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    time_zone = models.CharField(max_length=64)
    until = models.DateField(help_text="Monday of the week the counts stop before (local)")
    fingerprint = models.CharField(max_length=100)
    # [[monday ISO date, direction, channel, count], …]
    counts = models.JSONField(default=list)
    # Local days before `until` with at least one outbound touch, ["2026-11-20", …]: the streak's past.
    out_days = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "touch weeks"


class Snapshot(models.Model):
    """Figures that take a while (the applications' facts), kept while the data they read is unchanged.

    `fingerprint` holds the row count and highest id of each table read (new or deleted rows change it) and the
    user's latest job edit; an edited touch deletes the user's snapshots (signals.py)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=300)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="insights_snapshot_once")]
