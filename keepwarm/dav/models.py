"""Phone and calendar: DAV accounts, what keepwarm last pushed to them, the feed token, invitations seen."""

import hashlib
import uuid

from django.conf import settings
from django.db import models

from keepwarm.jobs.models import Interview
from keepwarm.lib.secrets import EncryptedTextField


class DavKind(models.TextChoices):
    ADDRESSBOOK = "addressbook", "Address book (CardDAV)"
    CALENDAR = "calendar", "Calendar (CalDAV)"


class DavAccount(models.Model):
    """A CardDAV address book or a CalDAV server that keepwarm pushes to."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=DavKind.choices)
    # Address book: the collection URL itself. Calendar: the CalDAV server (or principal) URL.
    url = models.URLField(max_length=1000)
    username = models.CharField(max_length=200, blank=True)
    password = EncryptedTextField(blank=True)
    calendar_name = models.CharField(max_length=200, blank=True, help_text="Calendar: its display name")
    # Calendar: the collection found (or made) on the first push, so later pushes skip the discovery round trips.
    calendar_url = models.CharField(max_length=1000, blank=True)
    linked_only = models.BooleanField(default=False, help_text="Address book: only contacts linked to a job")
    # Phones often show only the name on an incoming call: "Jane Doe (Sugar Glider Co.)" says who it is.
    name_context = models.BooleanField(default=True)
    next_sync_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["next_sync_at"])]

    def __str__(self):
        what = f"calendar {self.calendar_name!r} on " if self.kind == DavKind.CALENDAR else "address book "
        return f"{what}{self.url}"


class CardState(models.Model):
    """One card keepwarm owns in an address book. contact_id is a plain number, not a foreign key, so the row
    outlives the contact: that is how the next push knows which card to delete."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(DavAccount, on_delete=models.CASCADE, related_name="cards")
    contact_id = models.BigIntegerField()
    uid = models.CharField(max_length=100)
    href = models.CharField(max_length=1000)
    etag = models.CharField(max_length=200, blank=True)
    pushed_hash = models.CharField(max_length=64, blank=True)
    # Properties added on the phone that keepwarm does not manage (a photo, a birthday), kept as a small vCard so
    # later pushes carry them along instead of wiping them.
    kept = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "contact_id"], name="card_once_per_account")]


class EventState(models.Model):
    """One calendar object keepwarm owns: key is 'interview-<id>' or 'followup-<id>' (no foreign key either)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(DavAccount, on_delete=models.CASCADE, related_name="events")
    key = models.CharField(max_length=40)
    uid = models.CharField(max_length=200)
    href = models.CharField(max_length=1000)
    pushed_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "key"], name="event_once_per_account")]


def _new_namespace():
    return uuid.uuid4()


class DavProfile(models.Model):
    """Per-user phone/calendar settings: the namespace card UIDs derive from, and the calendar feed token."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Card UIDs are uuid5(namespace, contact id): stable across exports, and unguessable across installs.
    namespace = models.UUIDField(default=_new_namespace)
    # The feed URL's secret: only its SHA-256 is looked up; the token itself is kept encrypted to show it again.
    feed_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    feed_token = EncryptedTextField(blank=True)
    feed_created_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class InviteLink(models.Model):
    """An invitation's UID (from the employer's calendar) and the interview it made, so updates find it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invite_uid = models.CharField(max_length=500)
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="+")
    sequence = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "invite_uid"], name="invite_once_per_owner")]
