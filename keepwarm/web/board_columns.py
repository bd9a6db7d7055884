"""What the board shows: per stage its total and its most recently active cards, or one stage in full, page by page.

At 5,000 opportunities, rendering every card is neither fast nor usable, so each column shows its PER_COLUMN most
recently updated cards, its total and a link to the whole column (`?stage=X`, PAGE_SIZE cards a page). Filters
narrow both. Cards are plain named tuples read with values_list(): no model instances for hundreds of rows.

Query count is fixed whatever the data size: one GROUP BY for the totals and one UNION ALL of a LIMITed select
per stage, each served by the index jobs.0002 adds on (owner, stage, updated_at) — a window function ranking
every opportunity cost ~30 ms on SQLite at 5,000 of them, the union ~4 ms.
"""

from typing import NamedTuple

from django.db import connections
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from keepwarm.jobs.models import Opportunity, Source, Stage
from keepwarm.people.models import Company

PER_COLUMN = 25  # cards shown per column; the column's "show all" link reaches the rest
PAGE_SIZE = 50  # cards per page when one column is shown in full

_FIELDS = ("id", "title", "stage", "revisit_on", "company__name")
_STAGE_MARK = "\x00stage"  # stands for the stage in the one compiled per-stage select (never a real value)


class Card(NamedTuple):
    id: int
    title: str
    stage: str
    revisit_on: object  # datetime.date | None
    company_name: str | None


def board_filter(user, source: str = "", text: str = ""):
    """The user's opportunities narrowed by source (ignored unless a known one) and by text in title or company."""
    qs = Opportunity.objects.filter(owner=user)
    if source in Source.values:
        qs = qs.filter(source=source)
    if text:
        # Companies matched first (a few thousand names, index-only): joining each job's company to test its
        # name reads every job's row and its company's.
        companies = Company.objects.filter(owner=user, name__icontains=text).values("id")
        qs = qs.filter(Q(title__icontains=text) | Q(company_id__in=companies))
    return qs


def _newest_first(qs):
    return qs.order_by("-updated_at", "-id").values_list(*_FIELDS)


def stage_totals(qs) -> dict[str, int]:
    return dict(qs.order_by().values_list("stage").annotate(n=Count("id")))


def recent_cards(qs, stages=tuple(Stage.values), per_column: int | None = None) -> dict[str, list[Card]]:
    """Each stage's `per_column` most recently updated cards, in one query.

    The ORM cannot put LIMIT inside a UNION on SQLite, so the per-stage select is compiled once with a marker for
    the stage and repeated, wrapped as sub-selects (valid on SQLite and PostgreSQL alike)."""
    part = _newest_first(qs.filter(stage=_STAGE_MARK))[:per_column or PER_COLUMN]
    sql, params = part.query.get_compiler(using=part.db).as_sql()
    if _STAGE_MARK not in params:  # defensive: the marker must be a parameter, never inlined
        raise AssertionError("stage marker not found in the compiled query")
    union = " UNION ALL ".join(f"SELECT * FROM ({sql}) AS s{i}" for i in range(len(stages)))
    all_params = [stage if p == _STAGE_MARK else p for stage in stages for p in params]
    cards: dict[str, list[Card]] = {stage: [] for stage in stages}
    with connections[part.db].cursor() as cursor:
        cursor.execute(union, all_params)
        for row in cursor.fetchall():
            card = Card._make(row)
            cards[card.stage].append(card)
    return cards


def ranked_cards(qs, per_column: int | None = None) -> tuple[dict[str, int], dict[str, list[Card]]]:
    """Totals and newest cards per stage from one pass over the matching rows (a window function ranks them).

    For a filtered board: a text filter cannot use an index, so one scan beats the two (totals, then cards)
    that `stage_totals` and `recent_cards` would make; and the rows to rank are only the matching ones."""
    by_stage = {"partition_by": [F("stage")]}
    ranked = (
        qs.annotate(
            rank=Window(RowNumber(), order_by=[F("updated_at").desc(), F("id").desc()], **by_stage),
            stage_total=Window(Count("id"), **by_stage),
        )
        .filter(rank__lte=per_column or PER_COLUMN)
        .values_list(*_FIELDS, "stage_total")
        .order_by("stage", "rank")
    )
    totals: dict[str, int] = {}
    cards: dict[str, list[Card]] = {stage: [] for stage in Stage.values}
    for *row, total in ranked:
        card = Card._make(row)
        totals[card.stage] = total
        cards.setdefault(card.stage, []).append(card)
    return totals, cards


def columns(user, source: str = "", text: str = "") -> list[dict]:
    """Every stage, in board order, with its total and newest cards: two queries (one when filtered) at any
    data size."""
    qs = board_filter(user, source, text)
    if source in Source.values or text:
        totals, cards = ranked_cards(qs)
    else:
        totals, cards = stage_totals(qs), recent_cards(qs)
    return [
        {"stage": value, "label": label, "cards": cards[value], "total": totals.get(value, 0),
         "hidden": max(0, totals.get(value, 0) - len(cards[value]))}
        for value, label in Stage.choices
    ]


def page_bounds(total: int, requested, size: int) -> tuple[int, int]:
    """(page number, page count) for a requested page, clamped to the pages there are (bad input = page 1)."""
    pages = max(1, -(-total // size))
    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = 1
    return min(max(1, number), pages), pages


def stage_page(user, stage: str, source: str = "", text: str = "", requested=1) -> dict:
    """One stage's cards in full, newest first, one page of PAGE_SIZE at a time: two queries."""
    qs = board_filter(user, source, text).filter(stage=stage)
    total = qs.count()
    number, pages = page_bounds(total, requested, PAGE_SIZE)
    start = (number - 1) * PAGE_SIZE
    cards = [Card._make(row) for row in _newest_first(qs)[start:start + PAGE_SIZE]]
    return {"stage": stage, "label": Stage(stage).label, "cards": cards, "total": total,
            "number": number, "pages": pages, "first": start + 1 if cards else 0, "last": start + len(cards)}
