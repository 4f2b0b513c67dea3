"""Staff addresses under /loften/."""

from django.urls import path

from samverka.promises import views

app_name = "promises"

urlpatterns = [
    path("lofte/<uuid:pk>/", views.promise_detail, name="promise"),
    path("lofte/<uuid:pk>/andra/", views.promise_edit, name="promise_edit"),
    path("lofte/<uuid:pk>/atagande/nytt/", views.commitment_new, name="commitment_new"),
    path("lofte/<uuid:pk>/undertecknare/", views.signatory_add, name="signatory_add"),
    path("lofte/<uuid:pk>/<str:action>/", views.promise_action, name="promise_action"),
    path("atagande/<uuid:pk>/andra/", views.commitment_edit, name="commitment_edit"),
    path("atagande/<uuid:pk>/uppfoljning/", views.follow_up_new, name="follow_up_new"),
    path("uppfoljning/<uuid:pk>/bilaga/", views.evidence, name="evidence"),
    path("atagande/<uuid:pk>/bedomning/", views.verdict, name="verdict"),
    path("atagande/<uuid:pk>/handelse/", views.event_new, name="event_new"),
    path("plan/<uuid:pk>/", views.plan_detail, name="plan"),
    path("plan/<uuid:pk>/andra/", views.plan_edit, name="plan_edit"),
    path("plan/<uuid:pk>/mal/", views.goal_add, name="goal_add"),
    path("plan/<uuid:pk>/atgard/ny/", views.measure_new, name="measure_new"),
    path("plan/<uuid:pk>/<str:action>/", views.plan_action, name="plan_action"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/nytt/", views.promise_new, name="promise_new"),
    path("<slug:slug>/ny-plan/", views.plan_new, name="plan_new"),
    path("<slug:slug>/process/", views.process_view, name="process"),
    path("<slug:slug>/rapport.<str:fmt>", views.report, name="report"),
]
