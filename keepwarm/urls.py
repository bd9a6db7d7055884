"""Root URLs: each keepwarm app that has a `urls` module is mounted here under its own namespace."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import include, path

urlpatterns = []
for app in settings.KEEPWARM_APPS:
    module = f"{app}.urls"
    if find_spec(module) is not None:
        urls = import_module(module)
        prefix = getattr(urls, "prefix", "")
        urlpatterns.append(path(prefix, include((urls.urlpatterns, app.rsplit(".", 1)[1]))))
