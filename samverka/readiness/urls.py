from django.urls import path

from samverka.readiness import views

app_name = "readiness"

urlpatterns = [
    path("kommun/<slug:slug>/", views.assessment_list, name="list"),
    path("kommun/<slug:slug>/ny/", views.assessment_create, name="create"),
    path("lan/<slug:county_slug>/", views.county_overview, name="county"),
    path("<uuid:pk>/", views.assessment_detail, name="detail"),
    path("<uuid:pk>/andra/", views.assessment_edit, name="edit"),
    path("<uuid:pk>/team/", views.team_edit, name="team"),
    path("<uuid:pk>/intervjuguide/", views.guide_edit, name="guide"),
    path("<uuid:pk>/intervjuguide.pdf", views.guide_pdf, name="guide_pdf"),
    path("<uuid:pk>/intervjuer/ny/", views.interview_edit, name="interview_new"),
    path("<uuid:pk>/intervjuer/<uuid:interview_pk>/andra/", views.interview_edit, name="interview_edit"),
    path("<uuid:pk>/poang.csv", views.scores_export, name="export"),
    path("<uuid:pk>/resultat.json", views.result_json, name="result_json"),
    path("<uuid:pk>/rapport.pdf", views.report_pdf, name="report"),
    path("<uuid:pk>/import/", views.scores_import, name="import"),
    path("<uuid:pk>/over-tid/", views.compare, name="compare"),
    path("<uuid:pk>/avsluta/", views.complete, name="complete"),
    path("<uuid:pk>/publicera/", views.publish, name="publish"),
    path("intervju/<uuid:pk>/", views.interview_detail, name="interview"),
    path("intervju/<uuid:pk>/bedom/", views.score, name="score"),
    path("intervju/<uuid:pk>/konsensus/", views.consensus, name="consensus"),
    path("intervju/<uuid:pk>/poang.json", views.scores_json, name="scores_json"),
]
