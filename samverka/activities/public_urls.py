"""Public addresses of this app, mounted under /p/<slug:slug>/ (each view receives the municipality slug)."""

from django.urls import path

from samverka.activities import public_views
from samverka.activities.feeds import ActivityFeed

app_name = "activities_public"

urlpatterns = [
    path("aktiviteter/", public_views.activity_list, name="list"),
    path("aktiviteter/feed/", ActivityFeed(), name="feed"),
    path("aktiviteter/json/", public_views.activity_json, name="json"),
    path("aktiviteter/inbaddning/", public_views.activity_embed, name="embed"),
    path("aktiviteter/fragment/", public_views.activity_fragment, name="fragment"),
    path("aktiviteter/<uuid:pk>/", public_views.activity_detail, name="detail"),
]
