"""`{% capture_bookmarklet %}`: the settings section builds its bookmarklet from the request alone, so it
works whatever context the settings page passes to its sections."""

from django import template
from django.urls import reverse

from ..bookmarklet import bookmarklet_href
from ..services import current_token

register = template.Library()


@register.inclusion_tag("capture/bookmarklet.html", takes_context=True)
def capture_bookmarklet(context):
    request = context["request"]
    token = current_token(request.user) if request.user.is_authenticated else ""
    endpoint = request.build_absolute_uri(reverse("capture:bookmarklet"))
    return {"token": token, "href": bookmarklet_href(endpoint, token) if token else "", "csrf_token":
            context.get("csrf_token")}
