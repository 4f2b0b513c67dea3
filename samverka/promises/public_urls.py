"""Public addresses of this app, mounted under /p/<slug:slug>/ (each view receives the municipality slug)."""

from django.urls import path

from samverka.promises import public_views as views

app_name = "promises_public"

urlpatterns = [
    path("medborgarloften/", views.promise_list, name="list"),
    path("medborgarloften/inbaddning/", views.embed, name="embed"),
    path("medborgarloften/fragment/", views.fragment, name="fragment"),
    path("medborgarloften/flode.atom", views.atom_feed, name="feed"),
    path("medborgarloften/plan/<uuid:pk>/", views.plan_detail, name="plan"),
    path("medborgarloften/<uuid:pk>/", views.promise_detail, name="promise"),
    path("medborgarloften/bilaga/<uuid:pk>/", views.evidence, name="evidence"),
    path("medborgarloften/<uuid:pk>/inbaddning/", views.promise_embed, name="promise_embed"),
    path("kalender.ics", views.calendar_feed, name="calendar"),
]
