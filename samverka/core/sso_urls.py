"""Mounted under /oidc/: the two steps of a single sign-on (404 while it is not configured)."""

from django.urls import path

from samverka.core import sso

urlpatterns = [
    path("logga-in/", sso.LoginStart.as_view(), name="oidc_authentication_init"),
    path("callback/", sso.LoginCallback.as_view(), name="oidc_authentication_callback"),
]
