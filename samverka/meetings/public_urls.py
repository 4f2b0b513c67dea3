"""Public addresses of this app, mounted under /p/<slug:slug>/ (a municipality's or a collaboration's)."""

from django.urls import path

from samverka.meetings import public_views

app_name = "meetings_public"

urlpatterns = [path("arshjul.ics", public_views.annual_calendar_ics, name="annual_calendar")]
