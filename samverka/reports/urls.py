from django.urls import path

from samverka.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("lan/<slug:county>/", views.county_overview, name="county"),
    path("lan/<slug:county>/oversikt.<str:fmt>", views.county_overview_export, name="county_export"),
    path("kommun/<slug:slug>/", views.municipality, name="municipality"),
    path("kommun/<slug:slug>/lansrapporten.xlsx", views.survey_xlsx, name="survey_xlsx"),
    path(
        "kommun/<slug:slug>/bra-lagen.xlsx", views.survey_xlsx, {"name": "bra-lagen"}, name="survey_bra_xlsx"
    ),
    path("kommun/<slug:slug>/installningar/", views.settings_edit, name="settings"),
    path("kommun/<slug:slug>/dokument/ny/", views.document_edit, name="document_new"),
    path("kommun/<slug:slug>/dokument/<uuid:pk>/", views.document_edit, name="document_edit"),
    path("kommun/<slug:slug>/dokument/<uuid:pk>/ta-bort/", views.document_delete, name="document_delete"),
    path("perioder/<slug:slug>/", views.periods, name="periods"),
    path("period/<uuid:pk>/", views.period, name="period"),
    path("period/<uuid:pk>/uppfoljning/<int:year>/", views.yearly_follow_up, name="yearly_follow_up"),
]
