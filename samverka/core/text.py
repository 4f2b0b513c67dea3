"""Text input made harmless before anything reads it: control characters out, nesting bounded.

PostgreSQL cannot store or even compare a NUL character, so one in a slug or a text field reached the
database as a query it refuses (a 500); the other C0 control characters (tab, line feed and carriage
return stay) have no place in anything a person types either. They are taken out of every form and query
string (`CleanInputMiddleware`), every JSON body the API parses (`api.parsers`) and every cell of an
uploaded table (`core.tabular`).

No request of Samverka nests JSON deeper than a few levels; a body nested deeper than `MAX_DEPTH` is
refused before anything walks it (walking recursively would exhaust Python's stack).
"""

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_DEPTH = 32
API = "/api/"


def without_control(text: str) -> str:
    return CONTROL.sub("", text)


def depth(value) -> int:
    """How deeply lists and dicts nest in `value` (a scalar: 0), found without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def clean(value):
    """`value` with control characters removed from every string in it, keys included. `value` nests at
    most MAX_DEPTH deep (check with `depth` first)."""
    if isinstance(value, str):
        return without_control(value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    return value


class CleanInputMiddleware:
    """Control characters out of every query string and form field, before any view or form sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        # not the API's bodies: it reads only JSON, cleaned by its parser, and refuses a form with a 415,
        # which reading the form here would turn into an empty body
        if (
            request.method == "POST"
            and not request.path.startswith(API)
            and request.content_type
            in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            )
        ):
            request.POST = _cleaned(request.POST)
        return self.get_response(request)


def _cleaned(query):
    """The QueryDict itself when nothing in it needs cleaning (the common case), else a cleaned copy."""
    if not any(CONTROL.search(k) or any(CONTROL.search(v) for v in query.getlist(k)) for k in query):
        return query
    copy = query.copy()
    copy.clear()
    for key in query:
        copy.setlist(without_control(key), [without_control(v) for v in query.getlist(key)])
    copy._mutable = False
    return copy
