from django.urls import path

from samverka.situation import views

app_name = "situation"

urlpatterns = [
    path("import/<uuid:pk>/bekrafta/", views.import_confirm, name="import_confirm"),
    path("anteckning/<uuid:pk>/", views.note_edit, name="note_edit"),
    path("r/<uuid:pk>/", views.report_detail, name="report"),
    path("r/<uuid:pk>/redigera/", views.report_edit, name="report_edit"),
    path("r/<uuid:pk>/anta/", views.report_adopt, name="report_adopt"),
    path("r/<uuid:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("r/<uuid:pk>/indikator/", views.report_indicator_add, name="report_indicator_add"),
    path(
        "r/<uuid:pk>/indikator/<int:item>/ta-bort/",
        views.report_indicator_remove,
        name="report_indicator_remove",
    ),
    path("r/<uuid:pk>/problem/ny/", views.problem_edit, name="problem_create"),
    path("r/<uuid:pk>/problem/<uuid:problem>/", views.problem_edit, name="problem_edit"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/import/", views.import_start, name="import"),
    path("<slug:slug>/indikator/<uuid:pk>/", views.indicator, name="indicator"),
    path("<slug:slug>/anteckning/ny/", views.note_create, name="note_create"),
    path("<slug:slug>/antal/", views.counts, name="counts"),
    path("<slug:slug>/ny/", views.report_create, name="report_create"),
]
