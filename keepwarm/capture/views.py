"""The bookmarklet endpoint (token, cross-origin) and the pages to review or paste a posting (logged in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from keepwarm.jobs.models import Opportunity
from keepwarm.lib.errors import InputError
from keepwarm.people.services import get_or_create_company

from . import services
from .parse import parse_posting


def _cors(response):
    # Only this endpoint is cross-origin: it is called from the job board's page. No cookies ride along
    # (credentials: 'omit'); the capture token in the body is the only credential, so "*" is safe here.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Content-Type"
    response["Access-Control-Max-Age"] = "600"
    response["Vary"] = "Origin"
    return response


@csrf_exempt  # cross-site by design; authenticated by the per-user capture token, not by the session
def bookmarklet(request):
    if request.method == "OPTIONS":
        return _cors(JsonResponse({}, status=204))
    if request.method != "POST":
        return _cors(HttpResponseNotAllowed(["POST", "OPTIONS"]))
    try:
        data = request.POST
        token, url, html, via = data.get("token", ""), data.get("url", ""), data.get("html", ""), data.get("via")
    except RequestDataTooBig:
        return _cors(JsonResponse({"error": "the page is too large to send"}, status=413))
    user = services.user_for_token(token)
    if user is None:
        return _cors(JsonResponse({"error": "unknown or revoked capture token: make a new bookmarklet"}, status=403))
    try:
        result = services.save_posting(user, parse_posting(html, url, record=url or "page"))
    except InputError as exc:
        return _cors(JsonResponse({"error": str(exc)}, status=400))
    review = reverse("capture:review", args=[result.opportunity.id])
    if via == "form":  # the fallback for pages whose CSP blocks fetch: a top-level post, answered by a redirect
        return redirect(review)
    return _cors(JsonResponse({"action": result.action, "opportunity_id": result.opportunity.id,
                               "review_url": request.build_absolute_uri(review), "scam_check": result.scam_note}))


@login_required
@require_POST
def token(request):
    if request.POST.get("action") == "revoke":
        services.revoke_token(request.user)
        messages.success(request, "Bookmarklet revoked: the old one no longer works.")
    else:
        services.issue_token(request.user)
        messages.success(request, "New bookmarklet ready: drag it to your bookmarks bar (the old one stops working).")
    return redirect(_settings_url())


def _settings_url() -> str:
    try:
        return reverse("web:settings") + "#capture-settings"
    except NoReverseMatch:
        return reverse("capture:new")


def _opportunity_url(opp) -> str:
    try:
        return reverse("web:opportunity", args=[opp.id])
    except NoReverseMatch:
        return ""


@login_required
def review(request, opportunity_id):
    opp = get_object_or_404(Opportunity.objects.select_related("company"), owner=request.user, pk=opportunity_id)
    error = ""
    if request.method == "POST":
        title = request.POST.get("title", "").strip()
        if not title:
            error = "title: a job needs a title"
        else:
            opp.title = title[:300]
            opp.company = get_or_create_company(request.user, request.POST.get("company", "")[:200])
            opp.location = request.POST.get("location", "").strip()[:200]
            opp.salary_text = request.POST.get("salary", "").strip()[:200]
            opp.notes = request.POST.get("notes", "")
            opp.save()
            messages.success(request, f"Saved “{opp.title}”.")
            return redirect(_opportunity_url(opp) or reverse("capture:review", args=[opp.id]))
    return render(request, "capture/review.html", {
        "opp": opp, "error": error, "opportunity_url": _opportunity_url(opp)
    }, status=400 if error else 200)


@login_required
def new(request):
    """Paste a posting's link or text in the web app: the same capture as the CLI and the bookmarklet."""
    error, text, url = "", "", ""
    if request.method == "POST":
        text, url = request.POST.get("text", ""), request.POST.get("url", "").strip()
        try:
            content, final_url = (text, url) if text.strip() else services.fetch_url(url) if url else ("", "")
            result = services.save_posting(request.user, parse_posting(content, final_url or url, record="posting"))
            return redirect("capture:review", opportunity_id=result.opportunity.id)
        except InputError as exc:
            error = str(exc)
    return render(request, "capture/new.html", {"error": error, "text": text, "url": url},
                  status=400 if error else 200)
