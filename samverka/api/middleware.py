"""A personal token's use, recorded also when the page cache answered for it (hosting/pagecache.py)."""

from samverka.api import authentication


class TokenUseMiddleware:
    """On a read the page cache answered, DRF's authentication never ran, so the token's "last used" would
    stop at its last uncached read: record it here, as authentication does, at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("X-Samverka-Cache") == "hit" and "HTTP_AUTHORIZATION" in request.META:
            authentication.record_cached_use(request)
        return response
