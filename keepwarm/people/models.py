"""Companies and the people met along the way, with every way to reach them."""

from django.conf import settings
from django.db import models


class Company(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    website = models.URLField(max_length=500, blank=True)
    # Lower-case domains this company mails from, e.g. ["sugargliderco.com"]; mail sync matches on them.
    email_domains = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="company_unique_name")]

    def __str__(self):
        return self.name


class Contact(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    role = models.CharField("role or title", max_length=200, blank=True)
    how_met = models.CharField("how we met", max_length=500, blank=True)
    notes = models.TextField(blank=True)
    # Personal things to bring up in a keep-warm touch, e.g. ["breeds sugar gliders", "training for a 10k"].
    topics = models.JSONField(default=list, blank=True)
    cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Keep in touch every N days (empty: no fixed cadence)"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["owner", "name"]),
            # Today's "going cold" reads only the contacts with a cadence, a few of thousands, and all it needs of
            # them is in the index (no lookup of each row).
            models.Index(fields=["owner", "cadence_days", "created_at", "name"], name="contact_owner_cadence_cover"),
        ]

    def __str__(self):
        return self.name

    @property
    def primary_email(self):
        emails = sorted(self.emails.all(), key=lambda e: not e.primary)
        return emails[0].address if emails else ""


class ContactEmail(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    address = models.CharField(max_length=254)  # stored lower-case
    primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-primary", "address"]
        indexes = [models.Index(fields=["owner", "address"])]
        constraints = [models.UniqueConstraint(fields=["contact", "address"], name="email_unique_per_contact")]

    def __str__(self):
        return self.address


class ContactPhone(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    label = models.CharField(max_length=40, blank=True, help_text="mobile, work, home, …")
    e164 = models.CharField("number (E.164)", max_length=20)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["owner", "e164"])]
        constraints = [models.UniqueConstraint(fields=["contact", "e164"], name="phone_unique_per_contact")]

    def __str__(self):
        return self.e164


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X"
    INSTAGRAM = "instagram", "Instagram"
    GITHUB = "github", "GitHub"
    MASTODON = "mastodon", "Mastodon"
    WHATSAPP = "whatsapp", "WhatsApp"
    OTHER = "other", "Other"


class SocialProfile(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="socials")
    network = models.CharField(max_length=20, choices=Network.choices)
    handle = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["network", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "network", "handle", "url"], name="social_unique_per_contact")
        ]

    def __str__(self):
        return f"{self.get_network_display()}: {self.handle or self.url}"

    @property
    def link(self) -> str:
        """A URL to open the profile, built from the handle when no URL was given."""
        from .socials import profile_url

        return self.url or profile_url(self.network, self.handle)
