"""The per-user capture token the bookmarklet sends: it can only add saved postings, and is revocable."""

import hashlib

from django.conf import settings
from django.db import models

from keepwarm.lib.secrets import EncryptedTextField


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CaptureToken(models.Model):
    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="capture_token")
    # Looked up by digest (a stolen database copy does not give working tokens); the token itself is kept
    # encrypted only so the settings page can show the same bookmarklet again.
    token_digest = models.CharField(max_length=64, unique=True)
    token = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"capture token of {self.owner}"
