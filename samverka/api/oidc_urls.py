"""Mounted under /oidc/: the two steps of a single sign-on (404 while it is not configured)."""

from django.urls import path

from samverka.api import oidc

urlpatterns = [
    path("logga-in/", oidc.LoginStart.as_view(), name="oidc_authentication_init"),
    path("callback/", oidc.LoginCallback.as_view(), name="oidc_authentication_callback"),
]
