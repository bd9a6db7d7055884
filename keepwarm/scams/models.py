"""Scam checks recorded on opportunities and interactions, and the user's feedback on them."""

from django.conf import settings
from django.db import models

from keepwarm.jobs.models import Opportunity
from keepwarm.timeline.models import Interaction


class Verdict(models.TextChoices):
    LIKELY_SCAM = "likely scam", "Likely scam"
    SUSPICIOUS = "suspicious", "Suspicious"
    NO_FLAGS = "no red flags found", "No red flags found"


class ScamCheck(models.Model):
    """The latest check of one opportunity or one interaction (re-checking updates the same row)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opportunity = models.OneToOneField(
        Opportunity, null=True, blank=True, on_delete=models.CASCADE, related_name="scam_check"
    )
    interaction = models.OneToOneField(
        Interaction, null=True, blank=True, on_delete=models.CASCADE, related_name="scam_check"
    )
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=300, blank=True)
    model_version = models.CharField(max_length=80, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["-checked_at"]
        indexes = [models.Index(fields=["owner", "verdict"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opportunity__isnull=False) | models.Q(interaction__isnull=False),
                name="scamcheck_has_subject",
            )
        ]

    def __str__(self):
        return f"{self.verdict} ({self.score:.2f})"


class Kind(models.TextChoices):
    POSTING = "posting", "Posting"
    MESSAGE = "message", "Message"


class Label(models.TextChoices):
    SCAM = "scam", "Scam"
    NOT_SCAM = "not_scam", "Not a scam"


class ScamFeedback(models.Model):
    """The user said "scam" or "not a scam". `key` is the sender's address for messages and the
    posting key (or a hash of the posting text) for postings, so the verdict follows the sender or
    posting, not only the row that was marked."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=500)
    label = models.CharField(max_length=10, choices=Label.choices)
    opportunity = models.ForeignKey(Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    interaction = models.ForeignKey(Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The text marked, kept so `keepwarm scams retrain` can learn from it after the row is gone.
    text = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "kind", "key"], name="one_feedback_per_key")]

    def __str__(self):
        return f"{self.kind} {self.key}: {self.label}"
