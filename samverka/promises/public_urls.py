"""Public addresses of this app, mounted under /p/<slug:slug>/ (each view receives the municipality slug)."""

from django.urls import path  # noqa: F401

app_name = "promises_public"

urlpatterns: list = []
