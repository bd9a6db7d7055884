"""When Today re-runs the keep-in-touch engine.

Running the engine (followups.services.refresh) reads every job with rules and every contact they involve; at
20,000 contacts that takes seconds, far too slow for every page view. So Today refreshes at most once a minute
per browser session, and at once after any change made through the web app (every POST except Today's own
done / snooze / dismiss, which update their row directly). Changes from elsewhere (mail sync, imports, the CLI)
show within a minute.
"""

import datetime as dt
import threading

from keepwarm.followups import services as followups
from keepwarm.lib.env import envint

KEY = "kw_today_refreshed_at"
# KEEPWARM_TODAY_REFRESH_SECONDS: how long Today trusts the stored follow-ups (the web bench raises it to time
# the page itself, apart from the engine).
REFRESH_EVERY = dt.timedelta(seconds=envint("KEEPWARM_TODAY_REFRESH_SECONDS", 60))


def is_fresh(stamp: str | None, now: dt.datetime) -> bool:
    if not stamp:
        return False
    try:
        at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return dt.timedelta(0) <= now - at < REFRESH_EVERY  # a clock that went back (tests travel) is not fresh


_running: set[int] = set()  # users whose refresh is under way in this process
_guard = threading.Lock()


def refresh_if_stale(request, now: dt.datetime) -> bool:
    """Refresh unless fresh, or unless another request of this user is already refreshing (then this page
    shows the stored follow-ups at once instead of queueing behind the same work)."""
    if is_fresh(request.session.get(KEY), now):
        return False
    user_id = request.user.id
    with _guard:
        if user_id in _running:
            return False
        _running.add(user_id)
    try:
        followups.refresh(request.user, now)
    finally:
        with _guard:
            _running.discard(user_id)
    request.session[KEY] = now.isoformat()
    return True


def mark_stale(request):
    if KEY in request.session:
        del request.session[KEY]
