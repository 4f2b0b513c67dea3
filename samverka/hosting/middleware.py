"""Per-request choices: the replica for several nodes (replica.py) and the page cache (pagecache.py)."""

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


class PageCacheMiddleware:
    """Staff and public pages and API reads from the page cache until anything changes, and conditional
    GET (ETag, 304 Not Modified) of anonymous public pages always (pagecache.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        public = pagecache.public_request(request)
        if not seconds:
            return self._uncached_public(request) if public else self.get_response(request)
        who = None if public else pagecache.signed_in(request)
        if not (public or pagecache.staff_request(request, who) or pagecache.api_request(request)):
            return self.get_response(request)
        # The version is read before Django checks the user (on a miss, below): a page is kept only under a
        # version at which its user was valid, so a hit needs no check of its own (pagecache.py).
        version = pagecache.request_generation(request)
        key = pagecache.key_for(request, version, who)
        etag = changed = None
        if public:
            # a page may depend on the day (coming events) as well as on the data: a version lasts at most
            # as long as the cached copy of the page does
            now = int(time.time())
            period_start = now - now % seconds
            etag = pagecache.etag_of_key(f"{key}:{period_start}")
            changed = max(pagecache.changed_at(version), period_start)
            unchanged = pagecache.not_modified(request, etag, changed)
            if unchanged is not None:
                return unchanged
        cached = pagecache.fetch(request, key)
        if cached is not None:
            return self._marked(cached, etag, changed)
        if who is not None and not request.user.is_authenticated:
            # the session names a user who no longer signs in so (a new password, deactivated): Django has
            # emptied the session, and the page is a visitor's, not to be kept under that user
            return self.get_response(request)
        response = self.get_response(request)
        if pagecache.storable(request, response):
            pagecache.store(key, response, seconds)
        if response.status_code == 200 and not response.streaming:
            self._marked(response, etag, changed)
        return response

    def _uncached_public(self, request):
        response = self.get_response(request)
        etag = pagecache.etag_of_content(request, response)
        if etag is None:
            return response
        return pagecache.not_modified(request, etag, None) or self._marked(response, etag, None)

    @staticmethod
    def _marked(response, etag, changed):
        pagecache.mark(response, etag, changed)
        return response
