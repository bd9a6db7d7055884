"""Today: what is due (overdue, today, coming up) with one-click done / snooze / log it; upcoming interviews;
contacts going cold."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_POST

from keepwarm.followups import services as followups
from keepwarm.followups import today as today_list
from keepwarm.followups.models import FollowUp
from keepwarm.jobs.models import Interview, Opportunity
from keepwarm.lib.dbfuncs import WholeDaysSince
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Participant

from ..forms.today import SNOOZE_PRESETS, SnoozeForm
from ..freshness import refresh_if_stale
from ..helpers import local_today
from ..links import attach, maker

# The <option>s of every item's snooze menu, built once rather than once per item.
SNOOZE_OPTIONS = format_html_join("", '<option value="{}">{}</option>', SNOOZE_PRESETS)
COLD_LIMIT = 10
SECTION_LIMIT = 15  # items shown per section; "show all" lifts it (a long backlog is worked through in order)
INTERVIEW_DAYS = 14


def going_cold(user, now, limit=COLD_LIMIT):
    """Contacts with a cadence whose last touch (else their creation) is more whole days ago than it, coldest
    first, and how many there are.

    The database works out each one's age and returns only the first rows: each contact's last touch is one
    index seek (Participant's owner, contact, happened_at index), not a GROUP BY over all their touches."""
    last = Participant.objects.filter(owner=user, contact=OuterRef("pk")).order_by("-happened_at")
    cold = (
        Contact.objects.filter(owner=user, cadence_days__isnull=False)
        .annotate(last_touch=Subquery(last.values("happened_at")[:1]))
        .annotate(days_since=WholeDaysSince(Coalesce("last_touch", "created_at"), now))
        .annotate(overdue=F("days_since") - F("cadence_days"))
        .filter(overdue__gt=0)
    )
    # The window count gives the total in the same pass, so the ages are worked out once.
    rows = list(cold.annotate(total=Window(Count("id"))).order_by("-overdue", "id")
                .values("id", "name", "cadence_days", "days_since", "overdue", "total")[:limit])
    return rows, rows[0]["total"] if rows else 0


def upcoming_interviews(user, now):
    return list(
        Interview.objects.filter(owner=user, cancelled=False, starts_at__gte=now - dt.timedelta(hours=1),
                                 starts_at__lte=now + dt.timedelta(days=INTERVIEW_DAYS))
        .select_related("opportunity", "opportunity__company")
        .prefetch_related("interviewers")[:20]
    )


def _links(rows):
    attach(rows, done_url="web:followup-done", snooze_url="web:followup-snooze", dismiss_url="web:followup-dismiss",
           write_url="mail:compose-followup")
    contact_url, opp_url = maker("web:contact"), maker("web:opportunity")
    for row in rows:
        row.contact_url = contact_url(row.contact_id) if row.contact_id else ""
        row.opportunity_url = opp_url(row.opportunity_id) if row.opportunity_id else ""
    return rows


@login_required
def today(request):
    now = timezone.now()
    refresh_if_stale(request, now)
    limit = None if request.GET.get("all") == "1" else SECTION_LIMIT
    day, parts = today_list.sections(request.user, now, limit)
    for part in parts:
        _links(part.items)
    cold, cold_total = going_cold(request.user, now)
    nothing_due = not any(part.total for part in parts)
    context = {
        "today": day,
        "sections": parts,
        "interviews": upcoming_interviews(request.user, now),
        "cold": cold, "cold_total": cold_total,
        "snooze_options": SNOOZE_OPTIONS,
        "log_url": reverse("web:quick-log"),
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
    followups.mark_done(request.user, row.id)
    return _after_action(request, row, f"Done: {row.get_kind_display()}.")


@login_required
@require_POST
def dismiss(request, followup_id):
    row = get_object_or_404(FollowUp, owner=request.user, pk=followup_id)
    followups.dismiss(request.user, row.id)
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
