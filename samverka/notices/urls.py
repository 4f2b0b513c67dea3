from django.urls import path

from samverka.notices import views

app_name = "notices"

urlpatterns = [
    path("utskick/", views.preferences, name="preferences"),
    path("notiser/", views.inbox, name="inbox"),
    path("notiser/<int:pk>/last/", views.mark_read, name="mark_read"),
    path("notiser/alla-lasta/", views.mark_all_read, name="mark_all_read"),
]
