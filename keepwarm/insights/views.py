"""The dashboard, the work-search log, the full export and account deletion: thin views over the modules."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from keepwarm.accounts.services import profile_of
from keepwarm.lib.dates import zone

from . import charts_context, records, worklog, worklog_files
from .definitions import HELP
from .forms import DeleteAccountForm, PeriodForm, WorklogForm
from .stats import compute


def _today(user, now):
    return now.astimezone(zone(profile_of(user).time_zone)).date()


@login_required
def dashboard(request):
    now = timezone.now()
    form = PeriodForm(request.GET or None)
    since = form.since(_today(request.user, now))
    data = compute(request.user, now, since)
    return render(request, "insights/dashboard.html", {
        "form": form, "data": data, "help": HELP, "charts": charts_context.build(data)})


def _worklog_range(request, now):
    today = _today(request.user, now)
    initial = {"start": today - dt.timedelta(days=today.weekday() + 21), "end": today, "paper": "a4"}
    form = WorklogForm(request.GET if "start" in request.GET else None, initial=initial)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data.get("paper") or "a4"
    return form, initial["start"], initial["end"], "a4"


@login_required
def worklog_page(request):
    now = timezone.now()
    form, start, end, _ = _worklog_range(request, now)
    weeks = worklog.build(request.user, start, end, now) if not form.errors else []
    return render(request, "insights/worklog.html", {
        "form": form, "weeks": weeks, "start": start, "end": end, "columns": worklog.COLUMNS,
        "total": sum(w.count for w in weeks)})


@login_required
def worklog_download(request):
    now = timezone.now()
    form, start, end, paper = _worklog_range(request, now)
    if form.errors:
        return redirect("insights:worklog")
    weeks = worklog.build(request.user, start, end, now)
    name = f"work-search-log-{start}-to-{end}"
    if request.GET.get("format") == "pdf":
        body = worklog_files.to_pdf(weeks, name=request.user.get_full_name() or request.user.username, start=start,
                                    end=end, paper=worklog_files.parse_paper(paper), generated=now.date())
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        response = HttpResponse(worklog_files.to_csv(weeks), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def export_page(request):
    return render(request, "insights/export.html")


@login_required
def export_download(request):
    body = records.export_zip(request.user)
    response = HttpResponse(body, content_type="application/zip")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="keepwarm-export-{request.user.username}-{stamp}.zip"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        records.delete_account(user)
        messages.success(request, "Your account and everything in it were deleted.")
        return redirect("accounts:login")
    return render(request, "insights/delete_account.html", {"form": form})
