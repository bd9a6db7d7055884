"""Quick log: channel, who, what — when defaults to now. Reached from every page (and from Today's 'log it',
which pre-fills the follow-up's contact and job and marks the follow-up done)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from keepwarm.followups.models import FollowUp
from keepwarm.jobs.models import ACTIVE_STAGES, Opportunity
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Channel

from .. import services
from ..forms.today import QuickLogForm
from ..helpers import form_error, user_zone

JOB_CHOICES = 100  # the select lists the most recently active jobs, plus the one asked for
SUGGESTIONS = 200  # names offered while typing "who"

KIND_CHANNEL = {"thank_you": Channel.EMAIL, "follow_up": Channel.EMAIL, "keep_warm": Channel.SOCIAL}


def _int(raw):
    return int(raw) if raw and str(raw).isdigit() else None


def _jobs(user, wanted_id):
    jobs = list(Opportunity.objects.filter(owner=user, stage__in=ACTIVE_STAGES).select_related("company")
                .order_by("-updated_at")[:JOB_CHOICES])
    if wanted_id and all(j.id != wanted_id for j in jobs):
        jobs += list(Opportunity.objects.filter(owner=user, id=wanted_id).select_related("company"))
    return jobs


def _initial(request):
    """Pre-fill from ?contact=, ?opportunity= or ?followup= (each looked up through the owner)."""
    user, initial = request.user, {}
    followup = FollowUp.objects.filter(owner=user, id=_int(request.GET.get("followup"))).select_related(
        "contact").first()
    if followup:
        initial.update(followup=followup.id, opportunity=followup.opportunity_id,
                       summary=followup.get_kind_display(), channel=KIND_CHANNEL.get(followup.kind, Channel.EMAIL))
        if followup.contact_id:
            initial["who"] = followup.contact.name
    contact = Contact.objects.filter(owner=user, id=_int(request.GET.get("contact"))).first()
    if contact:
        initial["who"] = contact.name
    opp = Opportunity.objects.filter(owner=user, id=_int(request.GET.get("opportunity"))).first()
    if opp:
        initial["opportunity"] = opp.id
        if "who" not in initial:
            main = opp.people.select_related("contact").order_by("id").first()
            initial["who"] = main.contact.name if main else ""
    return initial, followup


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@login_required
def quick_log(request):
    user = request.user
    initial, followup = _initial(request)
    wanted_job = _int(request.POST.get("opportunity")) or initial.get("opportunity")
    form = QuickLogForm(request.POST or None, initial=initial, jobs=_jobs(user, wanted_job))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opp = Opportunity.objects.filter(owner=user, id=data["opportunity"]).first() if data["opportunity"] else None
        if data.get("followup") and not FollowUp.objects.filter(owner=user, id=data["followup"]).exists():
            data["followup"] = None  # someone else's id: ignore it rather than reveal anything
        try:
            interaction = services.quick_log(user, data, opportunity=opp, tz=user_zone(user))
        except InputError as e:
            form_error(form, e, fields={"who": "who", "channel": "channel", "summary": "summary"})
        else:
            people = ", ".join(c.name for c in interaction.contacts.all())
            messages.success(request, f"Logged: {interaction.get_channel_display()} with {people}.")
            return redirect(_next_url(request) or "web:today")
    names = Contact.objects.filter(owner=user).order_by("-updated_at").values_list("name", flat=True)[:SUGGESTIONS]
    return render(request, "web/quick_log.html", {
        "form": form, "followup": followup, "names": names, "next": _next_url(request),
    })
