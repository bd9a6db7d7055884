"""Mail pages: accounts, suggested contacts, compose & send, the digest setting. Thin: logic is in the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from keepwarm.followups.models import FollowUp
from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact

from . import accounts as account_services
from .digest import set_digest
from .drafts import TEMPLATES, draft_for
from .forms import AccountForm, ComposeForm, DigestForm
from .models import ContactSuggestion, MailAccount, ProcessedMessage, Status, SuggestionState
from .sending import SendError, send_follow_up


@login_required
def account_list(request):
    return render(request, "mail/accounts.html", {
        "accounts": MailAccount.objects.filter(owner=request.user),
        "suggestions": ContactSuggestion.objects.filter(owner=request.user, state=SuggestionState.OPEN).count(),
    })


def _save_account(request, form, account=None):
    values = dict(form.cleaned_data)
    try:
        if account is None:
            account = account_services.create_account(request.user, **values)
        else:
            account = account_services.update_account(account, **values)
    except InputError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    return account


@login_required
def account_new(request):
    form = AccountForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        account = _save_account(request, form)
        if account:
            messages.success(request, f"Added {account}. It syncs within a minute.")
            return redirect("mail:accounts")
    return render(request, "mail/account_form.html", {"form": form, "account": None})


@login_required
def account_edit(request, mailaccount_id):
    account = get_object_or_404(MailAccount, owner=request.user, pk=mailaccount_id)
    form = AccountForm(request.POST or None, initial=AccountForm.initial_for(account))
    if request.method == "POST" and form.is_valid():
        if _save_account(request, form, account):
            messages.success(request, f"Saved {account}.")
            return redirect("mail:accounts")
    problems = ProcessedMessage.objects.filter(account=account, status=Status.ERROR)[:20]
    return render(request, "mail/account_form.html", {"form": form, "account": account, "problems": problems})


@login_required
@require_POST
def account_delete(request, mailaccount_id):
    account = get_object_or_404(MailAccount, owner=request.user, pk=mailaccount_id)
    account.delete()  # touches already logged stay: they are the user's history, not the account's
    messages.success(request, f"Removed {account}. Touches it logged are kept.")
    return redirect("mail:accounts")


@login_required
@require_POST
def account_sync(request, mailaccount_id):
    account = get_object_or_404(MailAccount, owner=request.user, pk=mailaccount_id)
    # The worker picks it up on its next pass; syncing inside the request could take minutes.
    MailAccount.objects.filter(id=account.id).update(next_sync_at=None)
    messages.success(request, f"{account} will sync within a minute.")
    return redirect("mail:accounts")


@login_required
def suggestion_list(request):
    rows = ContactSuggestion.objects.filter(owner=request.user, state=SuggestionState.OPEN).select_related("company")
    return render(request, "mail/suggestions.html", {"suggestions": rows})


@login_required
@require_POST
def suggestion_accept(request, contactsuggestion_id):
    suggestion = get_object_or_404(ContactSuggestion, owner=request.user, pk=contactsuggestion_id)
    try:
        contact = account_services.accept_suggestion(suggestion, request.POST.get("name", ""))
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect("mail:suggestions")
    messages.success(request, f"Added {contact.name} as a contact.")
    return redirect("mail:suggestions")


@login_required
@require_POST
def suggestion_dismiss(request, contactsuggestion_id):
    suggestion = get_object_or_404(ContactSuggestion, owner=request.user, pk=contactsuggestion_id)
    account_services.dismiss_suggestion(suggestion)
    messages.success(request, f"Dismissed {suggestion.address}; it will not be suggested again.")
    return redirect("mail:suggestions")


def _compose(request, *, contact, followup=None):
    template = request.GET.get("template") if request.GET.get("template") in TEMPLATES else None
    draft = draft_for(request.user, contact=contact, followup=followup, template=template)
    form = ComposeForm(request.POST or None, user=request.user,
                       initial={"to": draft.to, "subject": draft.subject, "body": draft.body})
    if not form.fields["account"].queryset.exists():
        messages.error(request, "Add a mail account with an SMTP server to send from keepwarm.")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = followup.contact if followup is not None and followup.contact_id else contact
        try:
            sent = send_follow_up(data["account"], to=data["to"], subject=data["subject"], body=data["body"],
                                  contacts=[target] if target else [],
                                  opportunity=followup.opportunity if followup is not None else None,
                                  followup=followup)
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        except SendError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Sent and logged." + (f" ({sent.warning})" if sent.warning else ""))
            return redirect(reverse("web:contact", args=[target.id]) if target else "/")
    return render(request, "mail/compose.html", {
        "form": form, "contact": contact, "followup": followup, "templates": TEMPLATES.items(),
        "template": draft.template,
    })


@login_required
def compose_contact(request, contact_id):
    return _compose(request, contact=get_object_or_404(Contact, owner=request.user, pk=contact_id))


@login_required
def compose_followup(request, followup_id):
    followup = get_object_or_404(FollowUp.objects.select_related("contact", "opportunity__company"),
                                 owner=request.user, pk=followup_id)
    return _compose(request, contact=followup.contact, followup=followup)


@login_required
@require_POST
def digest(request):
    form = DigestForm(request.POST)
    if form.is_valid():
        try:
            pref = set_digest(request.user, form.cleaned_data["hour"], form.cleaned_data["to_address"])
        except InputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Daily digest off." if pref.hour is None else
                             f"Daily digest at {pref.hour:02d}:00 (your time zone).")
    else:
        messages.error(request, "That digest setting was not valid.")
    return redirect("web:settings")
