"""The "Is this a scam?" page and the scam / not-a-scam buttons. Thin: gather, call services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from keepwarm.jobs.models import Opportunity
from keepwarm.timeline.models import Interaction

from .models import Label
from .services import check_for_user, mark

MAX_PASTE = 200_000


@login_required
def check_page(request):
    result, text, kind = None, "", "auto"
    if request.method == "POST":
        text = request.POST.get("text", "")[:MAX_PASTE]
        kind = request.POST.get("kind", "auto")
        if text.strip():
            result = check_for_user(request.user, text, kind=kind if kind in ("posting", "message") else None)
    return render(request, "scams/check.html", {"result": result, "text": text, "kind": kind})


def _back(request, fallback):
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure()):
        return redirect(nxt)
    return redirect(fallback)


@login_required
@require_POST
def mark_opportunity(request, opportunity_id, label):
    opp = get_object_or_404(Opportunity, pk=opportunity_id, owner=request.user)
    mark(request.user, _label(label), opportunity=opp)
    messages.success(request, "Thanks: keepwarm will remember that for this posting.")
    return _back(request, "scams:check")


@login_required
@require_POST
def mark_interaction(request, interaction_id, label):
    inter = get_object_or_404(Interaction, pk=interaction_id, owner=request.user)
    mark(request.user, _label(label), interaction=inter)
    messages.success(request, "Thanks: keepwarm will remember that for this sender.")
    return _back(request, "scams:check")


def _label(slug: str) -> str:
    return Label.SCAM if slug == "scam" else Label.NOT_SCAM
