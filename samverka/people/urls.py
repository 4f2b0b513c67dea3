from django.urls import path

from samverka.people import views

app_name = "people"

urlpatterns = [
    path("organisation/<slug:slug>/inbjudningar/", views.invite, name="invite"),
    path("organisation/<slug:slug>/inbjudningar/<uuid:pk>/aterkalla/", views.withdraw, name="withdraw"),
    path("konto/inbjudan/<str:token>/", views.accept, name="accept"),
    path("ordlistor/", views.vocabularies, name="vocabularies"),
    path("ordlistor/<slug:key>/", views.vocabulary, name="vocabulary"),
    path("ordlistor/<slug:key>/<str:pk>/", views.vocabulary_entry, name="vocabulary_entry"),
    path("ordlistor/<slug:key>/<str:pk>/flytta/", views.vocabulary_move, name="vocabulary_move"),
    path("kommun/<slug:slug>/ordlistor/<slug:key>/", views.vocabulary, name="place_vocabulary"),
    path(
        "kommun/<slug:slug>/ordlistor/<slug:key>/<str:pk>/",
        views.vocabulary_entry,
        name="place_vocabulary_entry",
    ),
]
