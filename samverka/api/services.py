"""Writes of the api app: creating and revoking personal API tokens."""

from django.db import transaction
from django.utils import timezone

from samverka.api.models import ApiToken, hash_token, new_raw_token


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it and the raw key, which is shown once and never stored."""
    raw = new_raw_token()
    token = ApiToken(user=user, name=name.strip(), prefix=raw[:12], key_hash=hash_token(raw))
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, user, token_id) -> ApiToken:
    """Revoke one of `user`'s own tokens (another user's token is reported as missing)."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token
