from django.contrib.auth import views as auth_views
from django.urls import path

from samverka.core import views
from samverka.core.forms import LoginForm

urlpatterns = [
    path("", views.start, name="start"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("kommun/<slug:slug>/", views.municipality, name="municipality"),
    path("kommun/<slug:slug>/organisationer/ny/", views.organisation_new, name="organisation_new"),
    path("sok/<slug:slug>/", views.search, name="search"),
    path("samverkan/<slug:slug>/", views.collaboration, name="collaboration"),
    path("organisation/<slug:slug>/medlemmar/", views.members, name="members"),
    path("historik/<str:app_label>/<str:model_name>/<str:pk>/", views.history, name="history"),
    # Accounts: Django's own views with our templates.
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/losenord/glomt/", views.PasswordResetView.as_view(), name="password_reset"),
    path("konto/losenord/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "konto/losenord/nytt/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/losenord/byt/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/losenord/bytt/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
