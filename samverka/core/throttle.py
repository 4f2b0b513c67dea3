"""Limits on requests that django-axes does not cover, counted in Django's cache (shared through Redis
when there are several web nodes, so every node counts the same attempts).

django-axes locks one user name tried from one address. These limits add what it cannot express with its
single failure limit: wrong logins from one address whatever the user names (one password sprayed over
many accounts), and password-reset requests per address and per account (each sends an e-mail). A limit
counts within a fixed window; the answer once it is reached is `too_many` — the same Swedish 429 page as
axes's lockout.
"""

import hashlib
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str  # the setting with the number of attempts allowed in the window
    minutes: int

    @property
    def count(self) -> int:
        return getattr(settings, self.setting)


LOGIN_FAILURES_PER_ADDRESS = Limit("login-address", "LOGIN_FAILURES_PER_ADDRESS", 15)
PASSWORD_RESETS_PER_ADDRESS = Limit("reset-address", "PASSWORD_RESETS_PER_ADDRESS", 60)
PASSWORD_RESETS_PER_ACCOUNT = Limit("reset-account", "PASSWORD_RESETS_PER_ACCOUNT", 60)


def _key(limit: Limit, value: str) -> str:
    # hashed: an e-mail address is not kept in the cache as it is, and any value makes a valid key
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{limit.name}:{digest}"


def reached(limit: Limit, value: str | None) -> bool:
    """Whether `value` has used up `limit` (without counting this request)."""
    if not settings.THROTTLE_ENABLED or not value:
        return False
    return cache.get(_key(limit, value), 0) >= limit.count


def count(limit: Limit, value: str | None) -> None:
    """One more attempt of `value` against `limit`; the window starts at the first."""
    if not settings.THROTTLE_ENABLED or not value:
        return
    key = _key(limit, value)
    if not cache.add(key, 1, timeout=limit.minutes * 60):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: this attempt starts a new window
            cache.add(key, 1, timeout=limit.minutes * 60)


def address(request) -> str | None:
    """The client's address, as django-axes determines it (the same proxy settings apply)."""
    return get_client_ip_address(request)


def too_many(request, minutes: int):
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


LOGIN_VIEWS = {"login", "admin:login"}


def login_failed(sender, credentials, request=None, **kwargs):
    """Receiver of `user_login_failed`: every failed authentication counts against its address."""
    if request is not None:
        count(LOGIN_FAILURES_PER_ADDRESS, address(request))


class LoginAddressMiddleware:
    """Refuses a login (ours or the admin's) from an address that has used up its wrong logins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method == "POST" and match and match.view_name in LOGIN_VIEWS:
            if reached(LOGIN_FAILURES_PER_ADDRESS, address(request)):
                return too_many(request, LOGIN_FAILURES_PER_ADDRESS.minutes)
        return None


def axes_lockout(request, original_response=None, credentials=None):
    """django-axes's lockout answer (AXES_LOCKOUT_CALLABLE): the same page as every other limit."""
    return too_many(request, settings.AXES_COOLOFF_MINUTES)
