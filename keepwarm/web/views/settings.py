"""Settings: time zone, phone region, rule intervals — plus each app's own section (AppConfig.settings_template)."""

import logging

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from keepwarm.accounts.services import profile_of
from keepwarm.followups.engine import Rules
from keepwarm.lib.errors import InputError

from ..forms.settings import SettingsForm, settings_initial

log = logging.getLogger(__name__)


def declared_sections() -> list[str]:
    """Each app's `settings_template`, in KEEPWARM_APPS order."""
    found = []
    for app in django_settings.KEEPWARM_APPS:
        template = getattr(apps.get_app_config(app.rsplit(".", 1)[1]), "settings_template", None)
        if template:
            found.append(template)
    return found


def settings_sections() -> list[str]:
    """The declared sections that exist. A missing one is logged and left out, so one app's slip does not take
    the whole settings page down (tests/web assert that every declared template exists)."""
    sections = []
    for template in declared_sections():
        try:
            get_template(template)
        except TemplateDoesNotExist:
            log.warning("settings section %s is declared but has no template", template)
            continue
        sections.append(template)
    return sections


@login_required
def settings_page(request):
    profile = profile_of(request.user)
    form = SettingsForm(request.POST or None, initial=settings_initial(profile))
    if request.method == "POST" and form.is_valid():
        rules = form.rules()
        try:
            Rules.from_overrides(rules)
        except InputError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            profile.time_zone = form.cleaned_data["time_zone"]
            profile.phone_region = form.cleaned_data["phone_region"]
            profile.rules = rules
            profile.save(update_fields=["time_zone", "phone_region", "rules"])
            messages.success(request, "Settings saved.")
            return redirect("web:settings")
    return render(request, "web/settings.html", {"form": form, "settings_sections": settings_sections()})
