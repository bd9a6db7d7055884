"""Show and read times in the signed-in user's own time zone (Profile.time_zone).

`UserTimeZoneMiddleware` does it for every page once listed in settings.MIDDLEWARE (after the authentication
middleware); until then `zoned(view)` does the same for one view — the web app's urls.py wraps each of its
views with it, so forms read "14:00" as 14:00 where the user lives, not in UTC.
"""

import functools

from django.utils import timezone

from .freshness import mark_stale
from .helpers import user_zone


def _activate(request):
    """Activate the user's zone once per request (the middleware and `zoned` may both ask: one profile read)."""
    if getattr(request, "_keepwarm_zoned", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        timezone.activate(user_zone(user))
        request._keepwarm_zoned = True
        return True
    return False


def zoned(view, *, stales_today=True):
    """Run `view` in the user's zone; a POST through it (a change) makes Today re-run the engine."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if stales_today and request.method == "POST" and hasattr(request, "session"):
            mark_stale(request)
        active = _activate(request)
        try:
            return view(request, *args, **kwargs)
        finally:
            if active:
                timezone.deactivate()

    return wrapper


class UserTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        active = _activate(request)
        try:
            return self.get_response(request)
        finally:
            if active:
                timezone.deactivate()
