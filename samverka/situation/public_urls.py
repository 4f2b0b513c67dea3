"""Public addresses of this app, mounted under /p/<slug:slug>/ (each view receives the municipality slug)."""

from django.urls import path

from samverka.situation import public_views

app_name = "situation_public"

urlpatterns = [
    path("lagesbild/", public_views.latest, name="latest"),
    path("lagesbild/<uuid:pk>/", public_views.detail, name="detail"),
    path("lagesbild/<uuid:pk>/siffror.csv", public_views.export_csv, name="export_csv"),
    path("lagesbild/<uuid:pk>/antal.csv", public_views.counts_csv, name="counts_csv"),
]
