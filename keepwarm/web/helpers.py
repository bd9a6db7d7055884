"""Small pieces every view shares: the user's zone and 'now', and turning InputError into a form error."""

import datetime as dt

from django.utils import timezone

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone


def user_zone(user):
    return zone(profile_of(user).time_zone)


def local_today(user, now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(user_zone(user)).date()


def form_error(form, error, fields=None):
    """Attach an InputError to the form field it names (or to the form as a whole)."""
    field = error.field if error.field in form.fields else None
    if fields and error.field in fields:
        field = fields[error.field]
    form.add_error(field, f"{error.message}: {error.value}" if error.value not in (None, "") else error.message)


def split_lines(text: str) -> list[str]:
    """Textarea values: one item per line (commas also separate topics)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
