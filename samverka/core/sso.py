"""Single sign-on with the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

Configured only by environment variables (docs/operations.md); off unless OIDC_RP_CLIENT_ID is set.
A first login links to the existing account with the same e-mail address (the provider must say the
address is verified when it says anything), or creates an account without any membership: a
coordinator adds it to an organisation, until then the user sees nothing internal.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


class SamverkaOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        if not super().verify_claims(claims) or not claims.get("email"):
            return False
        # Some providers say whether they checked the address; a "no" must not link to an account.
        return claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        User = get_user_model()
        email = claims["email"].strip()
        base = email.split("@")[0][:120] or "user"
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        user = User(
            username=username,
            email=email,
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )
        user.set_unusable_password()  # they log in through the provider; a password can be set later
        user.full_clean(exclude=["password"])
        user.save()
        return user  # no membership: a coordinator adds one

    def update_user(self, user, claims):
        return user


class _OnlyWhenEnabled:
    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class LoginStart(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    pass


class LoginCallback(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    pass
