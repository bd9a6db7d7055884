"""The search page (one box, four kinds of result)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from keepwarm.accounts.services import profile_of

from ..search import search as run_search


@login_required
def search(request):
    results = run_search(request.user, request.GET.get("q", ""), profile_of(request.user).phone_region)
    template = "web/partials/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, {"results": results, "q": results["q"]})
