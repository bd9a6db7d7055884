"""Per-user settings. Users themselves are Django's auth users."""

from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    time_zone = models.CharField(max_length=64, default="UTC")
    phone_region = models.CharField(max_length=2, default="US", help_text="Region for numbers typed without +code")
    # Overrides of the keep-in-touch engine's defaults (see followups.engine.Rules), e.g. {"on_hold_every": 14}.
    rules = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return f"profile of {self.user}"
