"""Template context shared by every page: the navigation, contributed by each app.

An app lists its pages in its AppConfig as `nav_items = [("Label", "namespace:url-name"), ...]`, so the
base template never needs editing when an app adds a page.
"""

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def nav(request):
    items = []
    for app in settings.KEEPWARM_APPS:
        config = apps.get_app_config(app.rsplit(".", 1)[1])
        for label, name in getattr(config, "nav_items", ()):
            try:
                items.append({"label": label, "url": reverse(name), "name": name})
            except NoReverseMatch:
                continue  # the app's urls are not mounted (yet): leave the link out rather than break every page
    return {"nav_items": items}
