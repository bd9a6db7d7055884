"""When Today re-runs the keep-in-touch engine.

Running the engine (followups.services.refresh) reads every job with rules and every contact they involve; at
20,000 contacts that takes seconds, far too slow for every page view. So Today refreshes at most once a minute
per browser session, and at once after any change made through the web app (every POST except Today's own
done / snooze / dismiss, which update their row directly). Changes from elsewhere (mail sync, imports, the CLI)
show within a minute.
"""

import datetime as dt

from keepwarm.followups import services as followups

KEY = "kw_today_refreshed_at"
REFRESH_EVERY = dt.timedelta(seconds=60)


def is_fresh(stamp: str | None, now: dt.datetime) -> bool:
    if not stamp:
        return False
    try:
        at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return dt.timedelta(0) <= now - at < REFRESH_EVERY  # a clock that went back (tests travel) is not fresh


def refresh_if_stale(request, now: dt.datetime) -> bool:
    if is_fresh(request.session.get(KEY), now):
        return False
    followups.refresh(request.user, now)
    request.session[KEY] = now.isoformat()
    return True


def mark_stale(request):
    if KEY in request.session:
        del request.session[KEY]
