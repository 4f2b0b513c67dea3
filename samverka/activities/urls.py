"""Staff addresses of the catalogue, mounted at /aktiviteter/."""

from django.urls import path

from samverka.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="index"),
    path("kommun/<slug:slug>/", views.activity_list, name="municipality"),
    path("kommun/<slug:slug>/ny/", views.activity_create, name="create"),
    path("kommun/<slug:slug>/luckor/", views.gap_view, name="gaps"),
    path("kommun/<slug:slug>/export.csv", views.export_csv, name="export_csv"),
    path("kommun/<slug:slug>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("kommun/<slug:slug>/import/", views.import_view, name="import"),
    path("samverkan/<slug:slug>/", views.collaboration_list, name="collaboration"),
    path("samverkan/<slug:slug>/ny/", views.collaboration_create, name="collaboration_create"),
    path("<uuid:pk>/", views.activity_detail, name="detail"),
    path("<uuid:pk>/andra/", views.activity_edit, name="edit"),
    path("<uuid:pk>/tillfalle/", views.occasion_record, name="occasion_record"),
    path("<uuid:pk>/granskad/", views.activity_mark_reviewed, name="mark_reviewed"),
]
