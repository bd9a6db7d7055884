"""The board: opportunities in columns by stage. Moves are saved through jobs.services.change_stage (kept in
history); drag and drop posts the same form the keyboard / no-JS stage selector posts."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse
from django.utils.html import format_html_join
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from keepwarm.jobs.models import Opportunity, Source, Stage
from keepwarm.jobs.services import change_stage
from keepwarm.lib.errors import InputError

from ..forms.jobs import StageForm
from ..links import attach

PER_COLUMN = 20  # cards shown per stage; the count says how many more a filter would reveal


def board_filter(user, source="", text=""):
    qs = Opportunity.objects.filter(owner=user)
    if source in Source.values:
        qs = qs.filter(source=source)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(company__name__icontains=text))
    return qs


def columns(user, source="", text=""):
    """Every stage with its newest PER_COLUMN cards and its total: two queries whatever the data size."""
    qs = board_filter(user, source, text)
    totals = dict(qs.values_list("stage").annotate(n=Count("id")).order_by())
    ranked = (
        qs.select_related("company")
        .annotate(rank=Window(RowNumber(), partition_by=[F("stage")], order_by=[F("updated_at").desc(), F("id").desc()]))
        .filter(rank__lte=PER_COLUMN)
        .order_by("stage", "rank")
    )
    cards = {}
    for opp in attach(list(ranked), url="web:opportunity", move_url="web:job-move"):
        cards.setdefault(opp.stage, []).append(opp)
    return [
        {"stage": value, "label": label, "cards": cards.get(value, []), "total": totals.get(value, 0),
         "hidden": max(0, totals.get(value, 0) - len(cards.get(value, [])))}
        for value, label in Stage.choices
    ]


def stage_options() -> str:
    """The <option>s of every card's stage selector, built once per page (hundreds of cards share them)."""
    return format_html_join("", '<option value="{}">{}</option>', Stage.choices)


@login_required
def board(request):
    source = request.GET.get("source", "")
    text = request.GET.get("q", "").strip()
    return render(request, "web/board.html", {
        "columns": columns(request.user, source, text), "stages": Stage.choices, "sources": Source.choices,
        "source": source, "q": text, "on_hold": Stage.ON_HOLD, "stage_options": stage_options(),
    })


@login_required
@require_POST
def move(request, opportunity_id):
    """Move a card. Moving to on hold without a revisit answer first asks for the (optional) date."""
    opp = get_object_or_404(Opportunity, owner=request.user, pk=opportunity_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a stage to move to.")
        return redirect("web:board")
    data = form.cleaned_data
    if data["stage"] == Stage.ON_HOLD and "revisit_on" not in request.POST:
        return render(request, "web/on_hold.html", {"opp": opp, "form": StageForm(initial={"stage": Stage.ON_HOLD}),
                                                    "next": request.POST.get("next", "")})
    if data["stage"] != opp.stage:
        try:
            change_stage(opp, data["stage"], revisit_on=data.get("revisit_on"), note=data.get("note", ""))
        except InputError as e:
            messages.error(request, e.message)
            return redirect("web:board")
    if request.htmx:
        return HttpResponse(status=204)  # the card is already where the user dropped it
    label = dict(Stage.choices)[data["stage"]]
    revisit = data.get("revisit_on")
    messages.success(request, f"Moved “{opp.title}” to {label}" + (f", revisit on {revisit:%d %b %Y}." if revisit else "."))
    if request.POST.get("next") == "opportunity":
        return redirect("web:opportunity", opp.id)
    return redirect("web:board")
