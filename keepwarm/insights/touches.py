"""Touches per local week, by direction and channel: complete past weeks from the cache, the rest live.

1. The fingerprint of the past (count and highest id of touches before this week's Monday) is one indexed
   aggregate; when it matches the stored one, the past weeks' counts are read from TouchWeeks.
2. Otherwise the past is counted once (GROUP BY local week) and stored.
3. This week — and, with a start date in the middle of a week, that first partial week — are counted live.
The same row keeps the past days with an outbound touch, for the streak.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Q

from keepwarm.timeline.models import Direction, Interaction

from .localtime import LocalDate, monday, utc_periods
from .models import TouchWeeks


def _midnight(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


def _count(qs, tz, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.date, str, str, int]]:
    periods = utc_periods(tz, start, end)
    rows = (qs.annotate(week=LocalDate(F("happened_at"), tz, periods, week=True))
            .values("week", "direction", "channel").annotate(n=Count("pk")).order_by())
    return [(r["week"], r["direction"], r["channel"], r["n"]) for r in rows]


def _days(qs, tz, start: dt.datetime, end: dt.datetime) -> set[dt.date]:
    periods = utc_periods(tz, start, end)
    return set(qs.filter(direction=Direction.OUTBOUND).annotate(day=LocalDate(F("happened_at"), tz, periods))
               .values_list("day", flat=True).distinct().order_by())


def _past(user, tz, this_monday: dt.date, now: dt.datetime) -> tuple[list, set[dt.date]]:
    """(weekly rows, days with an outbound touch) for everything before this week's Monday."""
    cutoff = _midnight(this_monday, tz)
    past = Interaction.objects.filter(owner=user, happened_at__lt=cutoff)
    stamp = past.aggregate(n=Count("pk"), top=Max("pk"), first=Min("happened_at"))
    fingerprint = f"{stamp['n']}:{stamp['top']}"
    cached = TouchWeeks.objects.filter(owner=user).first()
    if cached and (cached.time_zone, cached.until, cached.fingerprint) == (str(tz.key), this_monday, fingerprint):
        return ([(dt.date.fromisoformat(w), d, c, n) for w, d, c, n in cached.counts],
                {dt.date.fromisoformat(d) for d in cached.out_days})
    rows = _count(past, tz, stamp["first"], cutoff) if stamp["n"] else []
    days = _days(past, tz, stamp["first"], cutoff) if stamp["n"] else set()
    try:
        with transaction.atomic():
            TouchWeeks.objects.update_or_create(owner=user, defaults={
                "time_zone": str(tz.key), "until": this_monday, "fingerprint": fingerprint, "computed_at": now,
                "counts": [[w.isoformat(), d, c, n] for w, d, c, n in rows],
                "out_days": sorted(d.isoformat() for d in days)})
    except IntegrityError:  # another request stored it at the same moment: its answer is as good
        pass
    return rows, days


def past(user, tz, now: dt.datetime) -> tuple[list, set[dt.date]]:
    """The cached (or freshly counted) weekly rows and outbound days of every week before this one."""
    return _past(user, tz, monday(now.astimezone(tz).date()), now)


def weekly(user, tz, now: dt.datetime, since_at: dt.datetime | None, before=None) -> list[tuple[dt.date, str, str, int]]:
    """[(monday, direction, channel, count)] for every week with touches from since_at (or the first) on.
    `before` is past()'s answer when the caller already has it."""
    this_monday = monday(now.astimezone(tz).date())
    cutoff = _midnight(this_monday, tz)
    live = Q(happened_at__gte=cutoff)
    rows = []
    if since_at is None or since_at < cutoff:
        first_full = monday(since_at.date()) if since_at else None
        if since_at and since_at.date() != first_full:
            first_full += dt.timedelta(days=7)
            live |= Q(happened_at__gte=since_at, happened_at__lt=_midnight(first_full, tz))
        before = before or _past(user, tz, this_monday, now)
        rows = [r for r in before[0] if first_full is None or r[0] >= first_full]
    else:
        live = Q(happened_at__gte=since_at)
    recent = Interaction.objects.filter(owner=user).filter(live)
    start = since_at if since_at and since_at < cutoff else cutoff
    return rows + _count(recent, tz, start, max(now, cutoff) + dt.timedelta(days=8))


def outbound_days(user, tz, now: dt.datetime, before=None) -> set[dt.date]:
    """Local days up to now with at least one outbound touch: the cached past plus this week, live."""
    this_monday = monday(now.astimezone(tz).date())
    cutoff = _midnight(this_monday, tz)
    recent = Interaction.objects.filter(owner=user, happened_at__gte=cutoff, happened_at__lte=now)
    before = before or _past(user, tz, this_monday, now)
    return before[1] | _days(recent, tz, cutoff, now + dt.timedelta(days=1))
