"""Opportunity pages: details, stage history, people with roles, the timeline, next follow-up; add and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from keepwarm.followups.models import FollowUp
from keepwarm.followups.services import OPEN_STATES
from keepwarm.jobs.models import Opportunity, Stage
from keepwarm.lib.errors import InputError

from .. import services, timeline
from ..forms.jobs import InterviewForm, JobForm, NewJobForm, PersonForm, StageForm, job_initial
from ..helpers import form_error, user_zone


def _opp(request, opportunity_id):
    return get_object_or_404(Opportunity.objects.select_related("company", "scam_check"), owner=request.user,
                             pk=opportunity_id)


@login_required
def opportunity(request, opportunity_id):
    opp = _opp(request, opportunity_id)
    open_followups = list(FollowUp.objects.filter(owner=request.user, opportunity=opp, state__in=OPEN_STATES)
                          .select_related("contact").order_by("due_on")[:10])
    events = timeline.for_opportunity(opp)
    return render(request, "web/opportunity.html", {
        "opp": opp,
        "people": opp.people.select_related("contact").order_by("id"),
        "history": opp.stage_changes.order_by("at", "id"),
        "interviews": opp.interviews.filter(starts_at__gte=timezone.now(), cancelled=False)
        .prefetch_related("interviewers"),
        "timeline": events, "timeline_html": timeline.as_html(events, show_links=False),
        "followups": open_followups,
        "stage_form": StageForm(initial={"stage": opp.stage}),
        "person_form": PersonForm(),
        "interview_form": InterviewForm(),
        "on_hold": Stage.ON_HOLD,
        "log_url": f"{reverse('web:quick-log')}?opportunity={opp.id}",
    })


@login_required
def new_job(request):
    form = NewJobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opp = services.add_job(request.user, form.cleaned_data)
        except InputError as e:
            form_error(form, e, fields={"name": "hiring_manager", "who": "hiring_manager"})
        else:
            messages.success(request, f"Added “{opp.title}”.")
            return redirect("web:opportunity", opp.id)
    return render(request, "web/job_form.html", {"form": form, "title": "Add a job"})


@login_required
def edit_job(request, opportunity_id):
    opp = _opp(request, opportunity_id)
    form = JobForm(request.POST or None, initial=job_initial(opp))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_job(opp, form.cleaned_data)
        except InputError as e:
            form_error(form, e)
        else:
            messages.success(request, "Saved.")
            return redirect("web:opportunity", opp.id)
    return render(request, "web/job_form.html", {"form": form, "title": f"Edit “{opp.title}”", "opp": opp})


@login_required
@require_POST
def add_person(request, opportunity_id):
    opp = _opp(request, opportunity_id)
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            contact = services.add_person(opp, form.cleaned_data["name"], form.cleaned_data["role"])
        except InputError as e:
            messages.error(request, f"{e.message}: {e.value}")
        else:
            messages.success(request, f"Added {contact.name} to this job.")
    else:
        messages.error(request, "Give the person's name and role.")
    return redirect("web:opportunity", opp.id)


@login_required
@require_POST
def add_interview(request, opportunity_id):
    opp = _opp(request, opportunity_id)
    form = InterviewForm(request.POST)
    if form.is_valid():
        try:
            services.schedule_interview(opp, form.cleaned_data, user_zone(request.user))
        except InputError as e:
            messages.error(request, f"{e.message}: {e.value}")
        else:
            messages.success(request, "Interview added.")
    else:
        messages.error(request, "Give the interview's date and time.")
    return redirect("web:opportunity", opp.id)
