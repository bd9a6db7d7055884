"""Today: what is due (overdue, today, coming up) with one-click done / snooze / log it; upcoming interviews;
contacts going cold."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from keepwarm.followups import services as followups
from keepwarm.followups import today as today_list
from keepwarm.followups.models import FollowUp
from keepwarm.followups.today import job_label
from keepwarm.jobs.models import InterviewFormat, Opportunity
from keepwarm.lib.dbfuncs import as_datetime, whole_days_sql
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact
from keepwarm.timeline.models import LastTouch

from ..forms.today import SNOOZE_PRESETS, SnoozeForm
from ..freshness import refresh_if_stale
from ..helpers import local_today
from ..links import maker
from ..sql import JOB_JOIN, T, fetch, names_by_id
from ..today_items import ItemRenderer

FORMATS = dict(InterviewFormat.choices)
COLD_LIMIT = 10
SECTION_LIMIT = 15  # items shown per section; "show all" lifts it (a long backlog is worked through in order)
INTERVIEW_DAYS = 14


def going_cold(user, now, limit=COLD_LIMIT):
    """Contacts with a cadence whose last touch (else their creation) is more whole days ago than it, coldest
    first, and how many there are.

    The database works out each one's age and returns only the first rows, with the total from a window count
    in the same pass. The contacts come from one index that holds all this needs of them, and each one's last
    touch from LastTouch (kept by triggers): one key lookup, where finding it among the participants cost four
    times as much (at 1,000 contacts with a cadence: 5 ms, now ~1.2 ms). Written in SQL: through the ORM,
    building this query cost more Python time than the database spent on it."""
    c, t = Contact._meta.db_table, LastTouch._meta.db_table
    days = whole_days_sql(connection.vendor, "%s", "COALESCE(t.happened_at, c.created_at)")
    sql = (f"SELECT id, name, cadence_days, days_since, COUNT(*) OVER () FROM ("
           f"SELECT c.id, c.name, c.cadence_days, {days} AS days_since FROM {c} c "
           f"LEFT JOIN {t} t ON t.contact_id = c.id WHERE c.owner_id = %s AND c.cadence_days IS NOT NULL) AS ages "
           f"WHERE days_since > cadence_days ORDER BY days_since - cadence_days DESC, id LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(now), user.id, limit])
        rows = cursor.fetchall()
    url = maker("web:contact")
    cold = [{"id": i, "name": name, "cadence_days": cadence, "days_since": days, "overdue": days - cadence,
             "url": url(i)} for i, name, cadence, days, _ in rows]
    return cold, rows[0][4] if rows else 0


def upcoming_interviews(user, now, limit=20):
    """The next two weeks' interviews (not cancelled) as plain values: labels ready, interviewers' names joined.
    In SQL for the reason going_cold is (see web/sql.py)."""
    adapt = connection.ops.adapt_datetimefield_value
    found = fetch(f"SELECT x.id, x.starts_at, x.format, x.\"where\", x.opportunity_id, o.title, co.name "
                  f"FROM {T['interview']} x {JOB_JOIN} WHERE x.owner_id = %s AND x.cancelled = %s "
                  f"AND x.starts_at >= %s AND x.starts_at <= %s ORDER BY x.starts_at, x.id LIMIT %s",
                  [user.id, False, adapt(now - dt.timedelta(hours=1)), adapt(now + dt.timedelta(days=INTERVIEW_DAYS)),
                   limit])
    people = names_by_id(f"SELECT i.interview_id, c.name FROM {T['interviewer']} i JOIN {T['contact']} c "
                         f"ON c.id = i.contact_id WHERE i.interview_id IN (%s) ORDER BY c.name, i.contact_id",
                         [r[0] for r in found])
    job_url = maker("web:opportunity")
    out = []
    for pk, starts_at, fmt, where, opp_id, title, company in found:
        at = timezone.localtime(as_datetime(starts_at))
        # strftime's English names (the app's only language): the date filter cost ~0.1 ms a call here.
        out.append({"id": pk, "opportunity_id": opp_id, "starts_at": at, "at_iso": at.isoformat(),
                    "at_label": f"{at:%a} {at.day} {at:%b, %H:%M}", "format_label": FORMATS.get(fmt, fmt),
                    "where": where, "people": ", ".join(people.get(pk, [])), "job": job_label(title, company),
                    "url": job_url(opp_id)})
    return out


@login_required
def today(request):
    now = timezone.now()
    refresh_if_stale(request, now)
    limit = None if request.GET.get("all") == "1" else SECTION_LIMIT
    day, parts = today_list.sections(request.user, now, limit)
    log_url = reverse("web:quick-log")
    render_items = ItemRenderer(get_token(request), log_url, SNOOZE_PRESETS)
    for part in parts:
        part.html = render_items.items(part.items)
    cold, cold_total = going_cold(request.user, now)
    nothing_due = not any(part.total for part in parts)
    context = {
        "today": day,
        "sections": parts,
        "interviews": upcoming_interviews(request.user, now),
        "cold": cold, "cold_total": cold_total,
        "log_url": log_url,
        # A first-time user sees how to begin instead of an empty page.
        "is_new": nothing_due and not Opportunity.objects.filter(owner=request.user).exists()
        and not Contact.objects.filter(owner=request.user).exists(),
    }
    return render(request, "web/today.html", context)


def _after_action(request, row, message):
    """htmx swaps the item out of the list; a plain form post goes back to Today with a message."""
    if request.htmx:
        return render(request, "web/partials/followup_closed.html", {"row": row, "message": message})
    messages.success(request, message)
    return redirect(request.POST.get("next") or "web:today")


@login_required
@require_POST
def done(request, followup_id):
    row = get_object_or_404(FollowUp, owner=request.user, pk=followup_id)
    try:
        followups.mark_done(request.user, row.id)
    except InputError as e:  # already closed (a second click, another tab): nothing to do but take it off the list
        return _after_action(request, row, e.message)
    return _after_action(request, row, f"Done: {row.get_kind_display()}.")


@login_required
@require_POST
def dismiss(request, followup_id):
    row = get_object_or_404(FollowUp, owner=request.user, pk=followup_id)
    try:
        followups.dismiss(request.user, row.id)
    except InputError as e:  # already closed: as for done
        return _after_action(request, row, e.message)
    return _after_action(request, row, f"Dismissed: {row.get_kind_display()}.")


@login_required
@require_POST
def snooze(request, followup_id):
    row = get_object_or_404(FollowUp, owner=request.user, pk=followup_id)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how long to snooze.")
        return redirect("web:today")
    until = form.cleaned_data.get("until") or local_today(request.user) + dt.timedelta(days=form.cleaned_data["days"])
    try:
        followups.snooze(request.user, row.id, until)
    except InputError as e:
        messages.error(request, e.message)
        return redirect("web:today")
    return _after_action(request, row, f"Snoozed until {until:%a %d %b}: {row.get_kind_display()}.")


def followup_or_404(user, followup_id):
    row = FollowUp.objects.filter(owner=user, pk=followup_id).select_related("contact", "opportunity").first()
    if row is None:
        raise Http404("no such follow-up")
    return row


def ping(request):
    """Health check and the benchmark's baseline: no session, no database."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")
