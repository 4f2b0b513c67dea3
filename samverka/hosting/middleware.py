"""Per-request choices for several nodes: the replica (replica.py) and the shared page cache (pagecache.py)."""

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
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PUBLIC_PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.seconds or not pagecache.cacheable_request(request):
            return self.get_response(request)
        key = pagecache.key_for(request)
        cached = pagecache.fetch(request, key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        pagecache.store(key, response, self.seconds)
        return response
