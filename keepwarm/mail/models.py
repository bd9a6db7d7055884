"""Mail accounts, what sync has seen, suggested contacts and the daily digest preference.

Privacy: keepwarm keeps only mail about the job search. A processed message that matched nobody is
recorded by its identity alone (account, folder, UIDVALIDITY, UID, Message-ID, status) — never its body.
"""

from django.conf import settings
from django.db import models

from keepwarm.lib.secrets import EncryptedTextField
from keepwarm.people.models import Company, Contact
from keepwarm.timeline.models import Interaction


class Security(models.TextChoices):
    TLS = "tls", "TLS"
    STARTTLS = "starttls", "STARTTLS"
    NONE = "none", "None (loopback only)"


class MailAccount(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=100, blank=True)
    email_address = models.CharField("your address", max_length=254, help_text="Mail from it is yours (outbound)")
    imap_host = models.CharField("IMAP host", max_length=255)
    imap_port = models.PositiveIntegerField("IMAP port", default=993)
    imap_security = models.CharField(max_length=10, choices=Security.choices, default=Security.TLS)
    username = models.CharField("user name", max_length=255)
    password = EncryptedTextField(blank=True)
    # Folders watched by sync; Sent is where your replies live, so both sides of a thread are seen.
    folders = models.JSONField(default=list, blank=True)
    sent_folder = models.CharField(max_length=255, blank=True, default="Sent",
                                   help_text="Sent mail is appended here (empty: do not append)")
    smtp_host = models.CharField("SMTP host", max_length=255, blank=True)
    smtp_port = models.PositiveIntegerField("SMTP port", default=587)
    smtp_security = models.CharField(max_length=10, choices=Security.choices, default=Security.STARTTLS)
    smtp_username = models.CharField("SMTP user name", max_length=255, blank=True, help_text="empty: the IMAP one")
    smtp_password = EncryptedTextField(blank=True)
    enabled = models.BooleanField(default=True)
    sync_every_minutes = models.PositiveIntegerField(default=15)
    # Worker scheduling: due when next_sync_at has passed; a worker owns it while claimed_until is in the future.
    next_sync_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["enabled", "next_sync_at"])]

    def __str__(self):
        return self.label or self.email_address

    @property
    def watched_folders(self) -> list[str]:
        return list(self.folders) or ["INBOX", "Sent"]

    @property
    def can_send(self) -> bool:
        return bool(self.smtp_host)


class FolderState(models.Model):
    """How far sync got in one folder: incremental by UIDVALIDITY + UID."""

    account = models.ForeignKey(MailAccount, on_delete=models.CASCADE, related_name="folder_states")
    name = models.CharField(max_length=255)
    uidvalidity = models.BigIntegerField(default=0)
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "name"], name="mail_folder_once")]


class Status(models.TextChoices):
    MATCHED = "matched", "Logged as a touch"
    SUGGESTED = "suggested", "New contact suggested"
    IGNORED = "ignored", "Not about the search"
    ERROR = "error", "Could not read"


class Source(models.TextChoices):
    IMAP = "imap", "IMAP"
    MBOX = "mbox", "mbox"
    EML = "eml", "eml"


class ProcessedMessage(models.Model):
    """Every message sync or import has looked at, so re-runs are idempotent and failures visible."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(MailAccount, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="processed")
    source = models.CharField(max_length=5, choices=Source.choices, default=Source.IMAP)
    folder = models.CharField(max_length=255, blank=True)
    uidvalidity = models.BigIntegerField(default=0)
    uid = models.BigIntegerField(default=0)
    message_id = models.CharField(max_length=500)
    # Gmail's X-GM-THRID, else the thread's first Message-ID: lets a reply inherit its thread's opportunity.
    thread_key = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    error = models.TextField(blank=True)
    interaction = models.ForeignKey(Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    processed_at = models.DateTimeField()

    class Meta:
        ordering = ["-processed_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "message_id"]),
            models.Index(fields=["owner", "thread_key"]),
            models.Index(fields=["account", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["account", "folder", "uidvalidity", "uid"],
                                    condition=models.Q(account__isnull=False), name="mail_processed_imap_once"),
            models.UniqueConstraint(fields=["owner", "message_id"], condition=models.Q(account__isnull=True),
                                    name="mail_processed_import_once"),
        ]


class SuggestionState(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class ContactSuggestion(models.Model):
    """Someone new wrote from (or was written to at) a known company's domain: "new contact at X?"."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=254)  # lower-case
    name = models.CharField(max_length=200, blank=True)
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=500, blank=True)
    seen_at = models.DateTimeField()
    times_seen = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=10, choices=SuggestionState.choices, default=SuggestionState.OPEN)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-seen_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "address"], name="mail_suggestion_once")]

    def __str__(self):
        return f"{self.name or self.address} at {self.company}"


class DigestPreference(models.Model):
    """The daily digest of the Today list: off unless the user picks an hour (in their own time zone)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_digest")
    hour = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0–23; empty: no digest")
    to_address = models.CharField(max_length=254, blank=True, help_text="empty: your account's address")
    # The local date of the last digest: claiming a day is a conditional update of this column.
    last_sent_on = models.DateField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self):
        return f"digest of {self.user} at {self.hour}"


class ImportedFile(models.Model):
    """How far `keepwarm import mbox` got through one file. Run again on the same unchanged file, the import
    resumes at `offset` instead of reading again what it has recorded message by message (a Takeout is
    gigabytes); a file that changed in any way it can see is read from the start."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=1000)  # resolved
    size = models.BigIntegerField()
    mtime_ns = models.BigIntegerField()
    fingerprint = models.CharField(max_length=64)  # a hash of the file's first and last 64 KB
    offset = models.BigIntegerField(default=0)  # every message before this byte is recorded
    messages = models.PositiveIntegerField(default=0)  # how many messages lie before `offset`
    last_message_id = models.CharField(max_length=500, blank=True)  # the last of them, to check it is recorded
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "path"], name="mail_imported_file_once")]

    def __str__(self):
        return f"{self.path}: {self.messages} messages, {self.offset} of {self.size} bytes"
