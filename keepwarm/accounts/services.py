"""Users and their profiles."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError

from .models import Profile


def profile_of(user) -> Profile:
    # The signed-in user of a request comes with the profile (backends.py); others are read fresh.
    loaded = getattr(getattr(user, "_state", None), "fields_cache", {}).get("profile")
    if loaded is not None:
        return loaded
    profile, _ = Profile.objects.get_or_create(
        user=user, defaults={"phone_region": settings.DEFAULT_PHONE_REGION}
    )
    return profile


@transaction.atomic
def create_user(username: str, password: str | None = None, email: str = "", time_zone: str = "UTC"):
    User = get_user_model()
    username = (username or "").strip()
    if not username:
        raise InputError("name", username, "a user name is required")
    if User.objects.filter(username=username).exists():
        raise InputError("name", username, "a user with this name already exists")
    zone(time_zone)
    user = User(username=username, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, time_zone=time_zone, phone_region=settings.DEFAULT_PHONE_REGION)
    return user
