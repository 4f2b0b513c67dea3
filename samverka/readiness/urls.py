from django.urls import path

from samverka.readiness.views import assessments, guide, imports, interviews, results, scoring

app_name = "readiness"

urlpatterns = [
    path("kommun/<slug:slug>/", assessments.assessment_list, name="list"),
    path("kommun/<slug:slug>/ny/", assessments.assessment_create, name="create"),
    path("lan/<slug:county_slug>/", results.county_overview, name="county"),
    path("<uuid:pk>/", assessments.assessment_detail, name="detail"),
    path("<uuid:pk>/andra/", assessments.assessment_edit, name="edit"),
    path("<uuid:pk>/team/", assessments.team_edit, name="team"),
    path("<uuid:pk>/intervjuguide/", guide.guide_edit, name="guide"),
    path("<uuid:pk>/intervjuguide/<uuid:question>/flytta/", guide.guide_move, name="guide_move"),
    path("<uuid:pk>/intervjuguide.pdf", guide.guide_pdf, name="guide_pdf"),
    path("<uuid:pk>/intervjuer/ny/", interviews.interview_edit, name="interview_new"),
    path("<uuid:pk>/intervjuer/<uuid:interview_pk>/andra/", interviews.interview_edit, name="interview_edit"),
    path("<uuid:pk>/poang.csv", scoring.scores_export, name="export"),
    path("<uuid:pk>/resultat.json", results.result_json, name="result_json"),
    path("<uuid:pk>/rapport.pdf", results.report_pdf, name="report"),
    path("<uuid:pk>/import/", imports.scores_import, name="import"),
    path("<uuid:pk>/over-tid/", results.compare, name="compare"),
    path("<uuid:pk>/avsluta/", assessments.complete, name="complete"),
    path("<uuid:pk>/publicera/", assessments.publish, name="publish"),
    path("intervju/<uuid:pk>/", interviews.interview_detail, name="interview"),
    path("intervju/<uuid:pk>/ta-bort/", interviews.interview_remove, name="interview_remove"),
    path("intervju/<uuid:pk>/bedom/", scoring.score, name="score"),
    path("intervju/<uuid:pk>/konsensus/", scoring.consensus, name="consensus"),
    path("intervju/<uuid:pk>/poang.json", scoring.scores_json, name="scores_json"),
]
