"""Interactions: every touch with a contact, in any channel. The merged timeline is derived, not stored."""

from django.conf import settings
from django.db import models

from keepwarm.jobs.models import Opportunity
from keepwarm.people.models import Contact, Network


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    SOCIAL = "social", "Social message"
    VIDEO = "video", "Video call"
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "Letter"


class Direction(models.TextChoices):
    INBOUND = "in", "Inbound"
    OUTBOUND = "out", "Outbound"


class Origin(models.TextChoices):
    MANUAL = "manual", "Manual"
    IMPORTED = "imported", "Imported"
    SYNCED = "synced", "Synced"


class Interaction(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    network = models.CharField(max_length=20, choices=Network.choices, blank=True, help_text="for social messages")
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.OUTBOUND)
    happened_at = models.DateTimeField()
    summary = models.CharField("subject or summary", max_length=500, blank=True)
    body = models.TextField(blank=True)
    contacts = models.ManyToManyField(Contact, through="Participant", related_name="interactions")
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    # Identity in the source (Message-ID, export row id…): re-importing the same thing finds it, never duplicates.
    external_id = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "happened_at"]),
            models.Index(fields=["opportunity", "happened_at"]),
            # Response rates: inbound touches per job, without reading the outbound ones.
            models.Index(fields=["opportunity", "direction", "happened_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "external_id"],
                condition=~models.Q(external_id=""),
                name="interaction_unique_external_id",
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.get_direction_display().lower()} {self.happened_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Participants copy time and direction for fast "last touch" queries: keep them in step on edits.
        Participant.objects.filter(interaction=self).exclude(
            happened_at=self.happened_at, direction=self.direction
        ).update(happened_at=self.happened_at, direction=self.direction)

    def add_contacts(self, contacts):
        """Add participants (use this, not contacts.add, so their copied time and direction are set)."""
        Participant.objects.bulk_create(
            [Participant(owner_id=self.owner_id, interaction=self, contact=c, happened_at=self.happened_at,
                         direction=self.direction) for c in contacts],
            ignore_conflicts=True,
        )


class Participant(models.Model):
    """A contact taking part in an interaction. Carries the time and direction so that
    "last touch per contact" is one indexed aggregate, not a join over every interaction."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="participants")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="participations")
    happened_at = models.DateTimeField()
    direction = models.CharField(max_length=3, choices=Direction.choices)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "contact", "happened_at"]),
            models.Index(fields=["owner", "contact", "direction", "happened_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["interaction", "contact"], name="participant_once_per_interaction")
        ]


class LastTouch(models.Model):
    """Each contact's latest touch: the newest happened_at of its Participant rows.

    Kept by database triggers on the participant table (migration timeline.0003), so every writer keeps it right
    (web, CLI, imports, mail sync, bulk inserts) and Python never writes it. Today's "going cold" reads it: a
    contact's newest touch by index cost ~4 µs each, the bulk of that list's time at 1,000 contacts with a cadence.
    No foreign key: the triggers may briefly hold the row of a contact being deleted (a trigger on the contact
    table removes it with the contact).
    """

    contact = models.OneToOneField(Contact, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False,
                                   related_name="+")
    happened_at = models.DateTimeField()
