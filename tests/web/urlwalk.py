"""Every URL pattern of the project, with its kwargs: the isolation and sign-in tests walk this list, so a
new URL is covered the moment it is added."""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class Route:
    name: str  # "namespace:name" (or the pattern text when unnamed)
    pattern: URLPattern
    prefix: str  # the route text of the enclosing resolvers, for messages
    kwargs: list[str]
    converters: dict
    resolvers: list  # enclosing URLResolvers (for their converters)


def walk(resolver=None, namespace="", prefix="", parents=()) -> list[Route]:
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace]))
            routes += walk(entry, ns, prefix + str(entry.pattern), (*parents, entry))
        elif isinstance(entry, URLPattern):
            converters = {}
            for r in (*parents, entry):
                converters.update(getattr(r.pattern, "converters", {}))
            kwargs = list(converters)
            name = f"{namespace}:{entry.name}" if entry.name and namespace else (entry.name or prefix + str(entry.pattern))
            routes.append(Route(name, entry, prefix + str(entry.pattern), kwargs, converters, list(parents)))
    return routes


def keepwarm_models() -> dict:
    """Lower-case model name → model, over keepwarm's own apps."""
    found = {}
    for app in settings.KEEPWARM_APPS:
        for model in apps.get_app_config(app.rsplit(".", 1)[1]).get_models():
            found[model._meta.model_name] = model
    return found
