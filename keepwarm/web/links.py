"""Links to many rows of one kind, built from one reverse() each.

`{% url %}` costs a full reverse per call; a board or a Today list with hundreds of rows spent most of its
time there. `maker(name)` reverses once with a marker id, then fills in each row's id by string formatting.
The reversed pattern is kept per (name, script prefix, urlconf): a page asks for half a dozen makers, and
reverse() cost more than the rest of building its links.
"""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = "2147480001"


@functools.lru_cache(maxsize=512)
def _halves(name: str, prefix: str, urlconf) -> tuple[str, str]:
    head, tail = reverse(name, args=[_MARK], urlconf=urlconf).split(_MARK)
    return head, tail


def maker(name: str):
    head, tail = _halves(name, get_script_prefix(), get_urlconf())
    return lambda pk: f"{head}{pk}{tail}"

