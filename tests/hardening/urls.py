"""The project's URLs plus three views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from samverka.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("secret internals: DATABASE PASSWORD hunter2")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-boom/", boom),
    path("test-forbidden/", forbidden),
    *project_urlpatterns,
]
