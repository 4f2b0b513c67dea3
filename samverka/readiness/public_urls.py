"""Public addresses of this app, mounted under /p/<slug:slug>/ (each view receives the municipality slug)."""

from django.urls import path

from samverka.readiness.views import public

app_name = "readiness_public"

urlpatterns = [
    path("beredskap/", public.public_list, name="list"),
    path("beredskap/<uuid:pk>/", public.public_detail, name="detail"),
]
