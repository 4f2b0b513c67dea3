"""Public pages for anonymous visitors, kept in the shared cache (Redis) until anything changes.

Every key carries a generation number kept in the cache itself. Any save or delete of a Samverka record,
on any node or worker, increments it, so every node stops using the old pages at once: invalidation
reaches every node because the counter lives in the one shared cache. Used only when
PUBLIC_PAGE_CACHE_SECONDS > 0 (by default only with REDIS_URL).

Conditional GET, with or without the shared cache: every public page and feed an anonymous visitor gets
carries an `ETag` and `Cache-Control: no-cache` (the browser keeps it but asks again each time, so a
change shows at once), and a request whose `If-None-Match` matches gets `304 Not Modified`. With the
shared cache the ETag is the page's key (generation, language, address) and the current period of
PUBLIC_PAGE_CACHE_SECONDS (a page may depend on the day), known before the view runs, so a 304 costs no
view at all, and `Last-Modified` is when the generation or the period last moved; without it the ETag is
a hash of the page (the visitor's CSRF token left out), which saves the transfer but not the work.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control

GENERATION_KEY = "public-pages:generation"
CHANGED_KEY = "public-pages:changed-at"
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
    cache.set(CHANGED_KEY, int(time.time()), timeout=None)


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


def conditional_request(request) -> bool:
    """A public page asked for without anything that makes it the visitor's own (a session, a message)."""
    return cacheable_request(request) and "messages" not in request.COOKIES


def etag_of_key(key: str) -> str:
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def changed_at() -> int:
    """When any record last changed (a Unix time), as far as the shared cache knows: at the latest when
    the cache first saw the current generation."""
    value = cache.get(CHANGED_KEY)
    if value is None:
        cache.add(CHANGED_KEY, int(time.time()), timeout=None)
        value = cache.get(CHANGED_KEY, int(time.time()))
    return int(value)


def etag_of_content(request, response) -> str | None:
    """A hash of the page as every visitor gets it (the CSRF token, the visitor's own, left out)."""
    if response.status_code != 200 or response.streaming:
        return None
    content = _TOKEN.sub(_PLACEHOLDER, response.content)
    digest = hashlib.sha256(request.LANGUAGE_CODE.encode() + b"\0" + content).hexdigest()[:32]
    return f'"{digest}"'


def not_modified(request, etag: str, last_modified: int | None):
    """The 304 answer when the visitor already has this version, else None."""
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        mark(response, etag, last_modified)
    return response


def mark(response, etag: str | None, last_modified: int | None = None) -> None:
    """ETag, Last-Modified and Cache-Control on a public page: kept, but asked for again every time."""
    if etag is None or response.status_code not in (200, 304):
        return
    if response.status_code == 200 and response.has_header("Cache-Control"):
        return  # the view decided itself (a file, or a page that is the visitor's own)
    response["ETag"] = etag
    if last_modified is not None:
        from django.utils.http import http_date

        response["Last-Modified"] = http_date(last_modified)
    # a page that sets a cookie is the visitor's own: no shared proxy may keep it
    own = bool(response.cookies) or response.has_header("Set-Cookie")
    patch_cache_control(response, no_cache=True, **({"private": True} if own else {"public": True}))
