from django.urls import path

from samverka.meetings import views

app_name = "meetings"

urlpatterns = [
    path("m/<uuid:pk>/", views.meeting_detail, name="detail"),
    path("m/<uuid:pk>/redigera/", views.meeting_edit, name="edit"),
    path("m/<uuid:pk>/beslut/", views.decision_add, name="decision_add"),
    path("m/<uuid:pk>/att-gora/", views.action_item_add, name="action_item_add"),
    path("att-gora/<uuid:pk>/status/", views.action_item_status, name="action_item_status"),
    path("<slug:slug>/", views.index, name="index"),
    path("<slug:slug>/nytt/", views.meeting_create, name="create"),
    path("<slug:slug>/arshjul/ny/", views.annual_event_create, name="annual_event_create"),
    path("<slug:slug>/arshjul.ics", views.annual_calendar_ics, name="annual_calendar"),
]
