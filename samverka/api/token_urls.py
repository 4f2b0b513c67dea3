"""Mounted under /konto/api-nycklar/: the user's own personal API tokens."""

from django.urls import path

from samverka.api import views

urlpatterns = [
    path("", views.tokens, name="api_tokens"),
    path("<uuid:token_id>/aterkalla/", views.token_revoke, name="api_token_revoke"),
]
