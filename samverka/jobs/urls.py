from django.urls import path

from samverka.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<str:pk>/", views.job, name="job"),
    path("<str:pk>/fil/", views.download, name="download"),
]
