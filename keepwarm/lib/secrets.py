"""Secrets at rest (mail and CardDAV/CalDAV passwords): Fernet encryption with a key kept out of the database.

The key comes from KEEPWARM_ENCRYPTION_KEY (or _FILE), else it is generated once into the data dir, so a copy of
the database alone does not reveal the passwords.
"""

from functools import lru_cache

from django.conf import settings
from django.db import models

from .env import envsecret


@lru_cache(maxsize=4)
def _fernet(data_dir: str):
    # Imported here: cryptography takes a quarter of a second to load, and most commands never decrypt.
    from cryptography.fernet import Fernet

    key = envsecret("KEEPWARM_ENCRYPTION_KEY")
    if not key:
        from pathlib import Path

        path = Path(data_dir) / "encryption_key"
        if not path.exists():
            import os

            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(Fernet.generate_key())
            os.replace(tmp, path)
        key = path.read_text().strip()
    return Fernet(key.encode() if isinstance(key, str) else key)


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    return _fernet(str(settings.DATA_DIR)).encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(str(settings.DATA_DIR)).decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("cannot decrypt a stored secret: was the encryption key changed?") from None


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; reads give the plain text back. Never render it in a page."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value
