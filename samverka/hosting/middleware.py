"""Per-request choices for several nodes: the replica (replica.py) and the shared page cache (pagecache.py)."""

import time

from django.conf import settings
from django.core.signals import request_finished

from samverka.hosting import pagecache, replica

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _reset(**kwargs):
    # The thread serves other requests next (and streamed exports finish before this signal).
    replica.read_from_replica(False)


request_finished.connect(_reset, weak=False)


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = bool(settings.DATABASE_REPLICA_URL)

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        wanted = (
            request.method in SAFE_METHODS
            and request.path.startswith(tuple(settings.REPLICA_READ_PATHS))
            and replica.PIN_COOKIE not in request.COOKIES
        )
        replica.read_from_replica(wanted and replica.replica_available())
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            # This browser reads from the primary for a while, on any node: its writes may not have
            # reached the replica yet.
            response.set_cookie(
                replica.PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
            )
        return response


class PublicPageCacheMiddleware:
    """Anonymous visitors' public pages: from the shared cache when there is one, and conditional GET
    (ETag, 304 Not Modified) always (pagecache.py)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PUBLIC_PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not pagecache.conditional_request(request):
            return self.get_response(request)
        if not self.seconds:
            response = self.get_response(request)
            etag = pagecache.etag_of_content(request, response)
            if etag is None:
                return response
            return pagecache.not_modified(request, etag, None) or self._marked(response, etag, None)
        key = pagecache.key_for(request)
        # a page may depend on the day (coming events) as well as on the data: a version lasts at most as
        # long as the cached copy of the page does
        now = int(time.time())
        period_start = now - now % self.seconds
        etag = pagecache.etag_of_key(f"{key}:{period_start}")
        changed = max(pagecache.changed_at(), period_start)
        unchanged = pagecache.not_modified(request, etag, changed)
        if unchanged is not None:
            return unchanged
        cached = pagecache.fetch(request, key)
        if cached is not None:
            return self._marked(cached, etag, changed)
        response = self.get_response(request)
        pagecache.store(key, response, self.seconds)
        if response.status_code == 200 and not response.streaming:
            self._marked(response, etag, changed)
        return response

    @staticmethod
    def _marked(response, etag, changed):
        pagecache.mark(response, etag, changed)
        return response
