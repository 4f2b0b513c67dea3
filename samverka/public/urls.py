"""Everything the public sees lives under /p/. Each app mounts its own public addresses below
/p/<slug>/ (activities: aktiviteter/, readiness: beredskap/, promises: medborgarloften/ and
kalender.ics, situation: lagesbild/, reports: uppfoljning/<year>/)."""

from django.urls import include, path

from samverka.public import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("", include("samverka.public.opendata_urls")),  # open data: data.json|csv, oppna-data/
    path("<slug:slug>/", views.municipality, name="municipality"),
    path("<slug:slug>/", include("samverka.activities.public_urls")),
    path("<slug:slug>/", include("samverka.readiness.public_urls")),
    path("<slug:slug>/", include("samverka.promises.public_urls")),
    path("<slug:slug>/", include("samverka.situation.public_urls")),
    path("<slug:slug>/", include("samverka.reports.public_urls")),
]
