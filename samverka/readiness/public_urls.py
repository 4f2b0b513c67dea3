"""Public addresses of this app, mounted under /p/<slug:slug>/ (each view receives the municipality slug)."""

from django.urls import path

from samverka.readiness import views

app_name = "readiness_public"

urlpatterns = [
    path("beredskap/", views.public_list, name="list"),
    path("beredskap/<uuid:pk>/", views.public_detail, name="detail"),
]
