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
            converters, kwargs = {}, []
            for r in (*parents, entry):
                converters.update(getattr(r.pattern, "converters", {}))
                # groupindex covers path() and re_path() alike: a regex group must not escape the walk
                kwargs += [k for k in r.pattern.regex.groupindex if k not in kwargs]
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


SAMPLES = ["1", "x", "a", "00000000-0000-0000-0000-000000000001"]


def sample_value(route: Route, kwarg: str) -> list[str]:
    """Values to try for a kwarg that names no object: the literal alternatives of its regex group, if any
    (`(?P<label>scam|not_scam)`), then a few generic ones."""
    import re

    found = []
    for r in (*route.resolvers, route.pattern):
        match = re.search(rf"\(\?P<{kwarg}>([^()]*)\)", r.pattern.regex.pattern)
        if match and re.fullmatch(r"[\w|-]+", match.group(1)):
            found += match.group(1).split("|")
    return found + SAMPLES


def reverse_with(route: Route, fixed: dict) -> str | None:
    """reverse() the route with `fixed` kwargs and sample values for the others; None when nothing fits."""
    import itertools

    from django.urls import NoReverseMatch, reverse

    free = [k for k in route.kwargs if k not in fixed]
    for combo in itertools.product(*(sample_value(route, k) for k in free)):
        try:
            return reverse(route.name, kwargs={**fixed, **dict(zip(free, combo))})
        except NoReverseMatch:
            continue
    return None
