"""The search page (one box, four kinds of result; `?kind=X` lists one kind in full, page by page)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from keepwarm.accounts.services import profile_of

from ..search import KINDS, search as run_search, search_kind

TITLES = {"contacts": "Contacts", "companies": "Companies", "opportunities": "Jobs", "interactions": "Touches"}


def _page_number(raw) -> int:
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


@login_required
def search(request):
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    region = profile_of(request.user).phone_region
    if kind in KINDS:
        results = search_kind(request.user, q, kind, region, _page_number(request.GET.get("page")))
        page = results["page"]
        results["previous"] = urlencode({"q": results["q"], "kind": kind, "page": page - 1}) if page > 1 else ""
        results["next"] = urlencode({"q": results["q"], "kind": kind, "page": page + 1}) if results["has_next"] else ""
    else:
        results = run_search(request.user, q, region)
        kind = ""
    more = {k: urlencode({"q": results["q"], "kind": k}) for k, due in results.get("more", {}).items() if due}
    template = "web/partials/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, {"results": results, "q": results["q"], "kind": kind,
                                      "kind_title": TITLES.get(kind, ""), "more": more,
                                      "all_results": urlencode({"q": results["q"]})})
