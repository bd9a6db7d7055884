"""Data for the mail section of the settings page (it is included by the web app's settings view)."""

from django import template

from ..forms import DigestForm
from ..models import DigestPreference, MailAccount

register = template.Library()


@register.inclusion_tag("mail/partials/settings_body.html", takes_context=True)
def mail_settings(context):
    user = context["request"].user
    pref = DigestPreference.objects.filter(user=user).first()
    initial = {"hour": "" if pref is None or pref.hour is None else str(pref.hour),
               "to_address": pref.to_address if pref else ""}
    return {
        "accounts": MailAccount.objects.filter(owner=user),
        "digest_form": DigestForm(initial=initial),
        "digest": pref,
        "csrf_token": context.get("csrf_token"),
    }
