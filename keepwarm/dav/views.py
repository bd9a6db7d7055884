"""Downloads (vCards, QR codes, the calendar), the feed, and the DAV settings. Thin: logic is in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from keepwarm.lib.errors import InputError
from keepwarm.people.models import Contact

from . import services
from .cards import dav_profile, gather_cards
from .events import gather_items
from .forms import AccountForm
from .ics import to_ics
from .models import DavAccount
from .qr import qr_svg
from .vcard import to_vcard


def _download(text, content_type, filename):
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _card(request, contact_id):
    contact = get_object_or_404(Contact, owner=request.user, pk=contact_id)
    return contact, gather_cards(request.user, contact_ids=[contact.id])[0]


@login_required
def vcard(request, contact_id):
    contact, card = _card(request, contact_id)
    return _download(to_vcard(card, name_context=request.GET.get("context") == "1"), "text/vcard; charset=utf-8",
                     f"{slugify(contact.name) or 'contact'}.vcf")


@login_required
def vcards(request):
    text = services.export_vcards(request.user, with_context=request.GET.get("context") == "1",
                                  linked_only=request.GET.get("linked") == "1")
    return _download(text, "text/vcard; charset=utf-8", "keepwarm-contacts.vcf")


@login_required
def qr(request, contact_id):
    _, card = _card(request, contact_id)
    try:
        svg = qr_svg(card)
    except ValueError:
        raise Http404("card too large for a QR code") from None
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
def contact_phone(request, contact_id):
    contact, _ = _card(request, contact_id)
    return render(request, "dav/contact_phone.html", {"contact": contact})


@login_required
def calendar(request):
    return _download(services.export_ics(request.user), "text/calendar; charset=utf-8", "keepwarm.ics")


def feed(request, token):
    """The subscription feed: authenticated by its secret token alone, since calendar apps cannot log in.
    An unknown or revoked token is a plain 404, telling nothing about which tokens exist."""
    owner = services.owner_of_feed(token)
    if owner is None:
        raise Http404("no such feed")
    response = HttpResponse(to_ics(gather_items(owner, timezone.now()), name="keepwarm"),
                            content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def _settings_context(request, form=None):
    profile = dav_profile(request.user)
    feed_url = (request.build_absolute_uri(reverse("dav:feed", kwargs={"token": profile.feed_token}))
                if profile.feed_token else "")
    return {"accounts": DavAccount.objects.filter(owner=request.user), "form": form or AccountForm(),
            "feed_url": feed_url, "profile": profile}


@login_required
def home(request):
    return render(request, "dav/home.html", _settings_context(request))


@login_required
def panel(request):
    return render(request, "dav/panel.html", _settings_context(request))


@login_required
@require_POST
def account_add(request):
    form = AccountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_account(request.user, data["kind"], data["url"], username=data["username"],
                                 password=data["password"], calendar_name=data["calendar_name"],
                                 linked_only=data["linked_only"])
        except InputError as exc:
            form.add_error("url" if exc.field == "url" else None, exc.message)
        else:
            messages.success(request, "Account added: keepwarm pushes to it on the next sync.")
            return redirect("dav:home")
    return render(request, "dav/home.html", _settings_context(request, form), status=400)


@login_required
@require_POST
def account_remove(request, davaccount_id):
    get_object_or_404(DavAccount, owner=request.user, pk=davaccount_id).delete()
    messages.success(request, "Account removed. What keepwarm already pushed stays there.")
    return redirect("dav:home")


@login_required
@require_POST
def account_push(request, davaccount_id):
    account = get_object_or_404(DavAccount, owner=request.user, pk=davaccount_id)
    report, error = services.push_account(account)
    if error:
        messages.error(request, f"Push to {account}: {error}")
    else:
        messages.success(request, f"Pushed to {account}: {report}")
    return redirect("dav:home")


@login_required
@require_POST
def feed_new(request):
    services.new_feed_token(request.user)
    messages.success(request, "New feed URL made; the old one no longer works.")
    return redirect("dav:home")


@login_required
@require_POST
def feed_revoke(request):
    services.revoke_feed(request.user)
    messages.success(request, "Feed turned off.")
    return redirect("dav:home")
