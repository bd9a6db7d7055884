"""Follow-ups: what is due, for whom and why. Rule-made ones are keyed so a rule never reminds twice."""

from django.conf import settings
from django.db import models

from keepwarm.jobs.models import Opportunity
from keepwarm.people.models import Contact


class Kind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow up on application"
    GHOSTED = "ghosted", "Mark as ghosted?"
    THANK_YOU = "thank_you", "Thank-you note"
    CHECK_IN = "check_in", "Check in"
    KEEP_WARM = "keep_warm", "Keep-warm touch"
    REVISIT = "revisit", "Ask about the role again"
    GRACIOUS_REPLY = "gracious_reply", "Gracious reply"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
    CUSTOM = "custom", "Reminder"


class State(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    SNOOZED = "snoozed", "Snoozed"
    DISMISSED = "dismissed", "Dismissed"


# closed_note of a rule follow-up the engine closed by itself (a touch or a stage change made it moot),
# as opposed to one the user marked done or dismissed.
FULFILLED = "fulfilled"


class FollowUpOrigin(models.TextChoices):
    RULE = "rule", "Rule"
    USER = "user", "User"


class FollowUp(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="followups")
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CUSTOM)
    reason = models.TextField()
    topics = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    snoozed_until = models.DateField(null=True, blank=True)
    origin = models.CharField(max_length=5, choices=FollowUpOrigin.choices, default=FollowUpOrigin.USER)
    # For rule-made follow-ups: the engine's key for "this reminder about this thing" (see engine.Due.key).
    rule_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "state", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "rule_key"], condition=~models.Q(rule_key=""), name="followup_unique_rule_key"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} due {self.due_on}"

    @property
    def effective_due(self):
        return self.snoozed_until if self.state == State.SNOOZED and self.snoozed_until else self.due_on
