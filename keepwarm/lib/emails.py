"""Email address checks shared by the CLI, the web forms and the importers."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .errors import InputError


def clean_email(raw: str, *, record: str = "") -> str:
    value = (raw or "").strip().lower()
    try:
        validate_email(value)
    except ValidationError:
        raise InputError("email", raw, "not an email address", record) from None
    return value


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower() if "@" in address else ""
