"""The board: opportunities in columns by stage. Moves are saved through jobs.services.change_stage (kept in
history); drag and drop posts the same form the keyboard / no-JS stage selector posts."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from keepwarm.jobs.models import Opportunity, Source, Stage
from keepwarm.jobs.services import change_stage
from keepwarm.lib.errors import InputError

from ..board_cards import CardRenderer
from ..board_columns import columns, stage_page
from ..forms.jobs import StageForm


def _query(**params) -> str:
    """A board URL's query string keeping only the filters that are set."""
    return urlencode({k: v for k, v in params.items() if v})


def _back_to_board(next_value: str) -> str:
    """Where a move from the board returns: the board view it came from (a column's page keeps its place).
    Only the board's own parameters are kept, so `next` cannot send the user anywhere else."""
    params = QueryDict(next_value.removeprefix("?"))
    query = _query(**{k: params.get(k, "") for k in ("stage", "q", "source", "page")})
    return reverse("web:board") + ("?" + query if query else "")


@login_required
def board(request):
    """The whole board (each column's newest cards), or with ?stage=X that one column in full, page by page."""
    source = request.GET.get("source", "")
    text = request.GET.get("q", "").strip()
    stage = request.GET.get("stage", "")
    context = {"sources": Source.choices, "source": source, "q": text, "on_hold": Stage.ON_HOLD,
               "filters": _query(q=text, source=source)}
    if stage in Stage.values:
        page = stage_page(request.user, stage, source, text, request.GET.get("page"))
        here = "?" + _query(stage=stage, q=text, source=source, page=page["number"])
        page["html"] = CardRenderer(get_token(request), back=here).cards(page["cards"])
        page["previous"] = _query(stage=stage, q=text, source=source, page=page["number"] - 1)
        page["next"] = _query(stage=stage, q=text, source=source, page=page["number"] + 1)
        return render(request, "web/board_stage.html", {**context, "column": page})
    cols = columns(request.user, source, text)
    render_cards = CardRenderer(get_token(request))
    for col in cols:
        col["html"] = render_cards.cards(col["cards"])
        col["all"] = _query(stage=col["stage"], q=text, source=source)
    return render(request, "web/board.html", {**context, "columns": cols})


@login_required
@require_POST
def move(request, opportunity_id):
    """Move a card. Moving to on hold without a revisit answer first asks for the (optional) date."""
    opp = get_object_or_404(Opportunity, owner=request.user, pk=opportunity_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a stage to move to.")
        return redirect(_back_to_board(request.POST.get("next", "")))
    data = form.cleaned_data
    if data["stage"] == Stage.ON_HOLD and "revisit_on" not in request.POST:
        return render(request, "web/on_hold.html", {"opp": opp, "form": StageForm(initial={"stage": Stage.ON_HOLD}),
                                                    "next": request.POST.get("next", "")})
    if data["stage"] != opp.stage:
        try:
            change_stage(opp, data["stage"], revisit_on=data.get("revisit_on"), note=data.get("note", ""))
        except InputError as e:
            messages.error(request, e.message)
            return redirect(_back_to_board(request.POST.get("next", "")))
    if request.htmx:
        return HttpResponse(status=204)  # the card is already where the user dropped it
    label = dict(Stage.choices)[data["stage"]]
    revisit = data.get("revisit_on")
    messages.success(request, f"Moved “{opp.title}” to {label}" + (f", revisit on {revisit:%d %b %Y}." if revisit else "."))
    if request.POST.get("next") == "opportunity":
        return redirect("web:opportunity", opp.id)
    return redirect(_back_to_board(request.POST.get("next", "")))
