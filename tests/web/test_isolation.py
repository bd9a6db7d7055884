"""Every URL of the project, walked as a second user with the first user's object ids: always 404.

URL kwargs that name an object are `<modelname>_id`; the model is found by name among keepwarm's apps and one
owner row is made by a factory (tests/web/factories.py, or the app's tests/<app>/isolation_factories.py).
A kwarg naming a model without a factory fails the test, saying what to add — so no URL escapes.
"""

import pytest
from django.urls import reverse

from .factories import all_factories
from .urlwalk import keepwarm_models, reverse_with, walk

OBJECT_SUFFIX = "_id"


def _object_routes():
    return [r for r in walk() if any(k.endswith(OBJECT_SUFFIX) for k in r.kwargs)]


def _url(route, values):
    return reverse_with(route, values) if ":" in route.name else None


def test_every_object_url_is_found_by_the_walk():
    names = {r.name for r in _object_routes()}
    # The walk must see the web app's own object pages; if it did not, the test below would pass vacuously.
    assert {"web:opportunity", "web:contact", "web:company", "web:followup-done", "web:job-move"} <= names


@pytest.mark.django_db
def test_outsider_gets_404_on_every_object_url(client, owner, outsider):
    models, factories = keepwarm_models(), all_factories()
    client.force_login(outsider)
    made, failures, checked = {}, [], 0
    for route in _object_routes():
        values, problem = {}, None
        for kwarg in route.kwargs:
            if not kwarg.endswith(OBJECT_SUFFIX):
                continue  # not an object (e.g. a label chosen from a list): filled with a sample value
            model_name = kwarg[: -len(OBJECT_SUFFIX)]
            if model_name not in models:
                problem = (f"URL kwarg {kwarg!r} names no keepwarm model "
                           f"(expected <modelname>_id, one of: {', '.join(sorted(models))})")
            elif model_name not in factories:
                problem = (f"no isolation factory for model {model_name!r}; add "
                           f"FACTORIES = {{{model_name!r}: make}} to tests/<app>/isolation_factories.py")
            else:
                if model_name not in made:
                    obj = factories[model_name](owner)
                    assert obj.owner_id == owner.id, f"factory for {model_name} must create an owner row"
                    made[model_name] = obj
                values[kwarg] = made[model_name].pk
        if problem:
            failures.append(f"{route.name}: {problem}")
            continue
        url = _url(route, values)
        if url is None:
            failures.append(f"{route.prefix}: cannot build this URL (unnamed, or a kwarg no sample value fits)")
            continue
        statuses = {"GET": client.get(url).status_code, "POST": client.post(url, {}).status_code}
        checked += 1
        # A method the view does not accept may answer 405; every accepted one must be a 404.
        bad = {m: s for m, s in statuses.items() if s not in (404, 405)}
        if bad or 404 not in statuses.values():
            failures.append(f"{route.name} {url}: {statuses}")
    assert checked >= 5
    assert not failures, "URL isolation problems (outsider reached an owner object, or a URL the walk cannot check):\n" + "\n".join(failures)


@pytest.mark.django_db
def test_owner_reaches_the_same_urls(client, owner):
    """The other side: the URLs above work for their owner, so the 404s are about ownership, not broken URLs."""
    factories = all_factories()
    client.force_login(owner)
    opp = factories["opportunity"](owner)
    contact = opp.people.first().contact
    for url in (reverse("web:opportunity", args=[opp.id]), reverse("web:contact", args=[contact.id]),
                reverse("web:company", args=[opp.company_id]), reverse("web:job-edit", args=[opp.id])):
        assert client.get(url).status_code == 200, url
