"""An uploaded file waiting for its column mapping and preview in the web flow (upload → map → preview →
import). Kept in the database, not the session, so a big file never rides in a cookie; deleted once imported."""

from django.conf import settings
from django.db import models


class ImportUpload(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)  # csv, linkedin, facebook, vcard
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    # Spreadsheet columns → fields chosen on the mapping page: {"Job": "title", "Where": "location"}.
    mapping = models.JSONField(default=dict, blank=True)
    # Facebook: {"conversations": [...], "all": false}.
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} upload {self.filename}"
