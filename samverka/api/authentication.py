"""Token authentication for the API: `Authorization: Bearer smv_…` with a personal API token."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from samverka.api.models import TOKEN_PREFIX, ApiToken, hash_token

# Writing last_used on every request would turn reads into writes; once a minute is enough to show it.
LAST_USED_RESOLUTION = timedelta(minutes=1)
KEYWORDS = ("bearer", "token")


def _raw_token(request) -> str | None:
    header = authentication.get_authorization_header(request).split()
    if len(header) != 2 or header[0].lower().decode(errors="replace") not in KEYWORDS:
        return None
    raw = header[1].decode(errors="replace")
    return raw if raw.startswith(TOKEN_PREFIX) else None


def record_cached_use(request) -> None:
    """A read with a token that the page cache answered (api/middleware.py). The page was kept for this
    very Authorization header while the token was valid, and a revocation since would have moved the page
    generation, so the token is valid still. This process asks the database at most once a minute per
    token (the cache remembers), and the database writes only when the last use is older than that."""
    raw = _raw_token(request)
    if raw is None:
        return
    key_hash = hash_token(raw)
    if not cache.add(f"api-token-used:{key_hash}", True, LAST_USED_RESOLUTION.total_seconds()):
        return
    now = timezone.now()
    ApiToken.objects.filter(key_hash=key_hash, revoked__isnull=True).filter(
        Q(last_used__isnull=True) | Q(last_used__lt=now - LAST_USED_RESOLUTION)
    ).update(last_used=now)


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    keywords = KEYWORDS

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after the word Bearer, with one space."))
        try:
            raw = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from exc
        if not raw.startswith(TOKEN_PREFIX):
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
        if token is None or token.revoked is not None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked."))
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on the account page (/konto/api-nycklar/).",
        }
