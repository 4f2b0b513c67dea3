"""Public pages for anonymous visitors, kept in the shared cache (Redis) until anything changes.

Every key carries a generation number kept in the cache itself. Any save or delete of a Samverka record,
on any node or worker, increments it, so every node stops using the old pages at once: invalidation
reaches every node because the counter lives in the one shared cache. Used only when
PUBLIC_PAGE_CACHE_SECONDS > 0 (by default only with REDIS_URL).
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token

GENERATION_KEY = "public-pages:generation"
PREFIX = "/p/"
# Every page carries the language switch's form and its CSRF token, which is the visitor's own: the cached
# copy keeps a placeholder, and each visitor gets their own token put back in.
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PLACEHOLDER = rb"\1@@samverka-csrf@@\2"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "X-Frame-Options", "Vary")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def invalidate(**kwargs) -> None:
    if not settings.PUBLIC_PAGE_CACHE_SECONDS:
        return
    sender = kwargs.get("sender")
    if sender is not None and not sender.__module__.startswith("samverka."):
        return  # sessions, axes' login attempts and the like change no public page
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(invalidate, weak=False, dispatch_uid=f"pagecache-{signal!r}")


def cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(PREFIX)
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def key_for(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-page:{generation()}:{request.LANGUAGE_CODE}:{digest}"


def fetch(request, key):
    entry = cache.get(key)
    if entry is None:
        return None
    token = get_token(request).encode()
    response = HttpResponse(entry["content"].replace(b"@@samverka-csrf@@", token), status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Samverka-Cache"] = "hit"
    return response


def store(key, response, seconds) -> None:
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Set-Cookie")
    ):
        return
    if "no-cache" in response.get("Cache-Control", "") or "private" in response.get("Cache-Control", ""):
        return
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    content = _TOKEN.sub(_PLACEHOLDER, response.content)
    cache.set(key, {"content": content, "status": 200, "headers": headers}, seconds)
