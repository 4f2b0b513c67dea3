"""Open data, mounted in samverka/public/urls.py: /p/data.json|csv, /p/oppna-data/ and the same below
/p/<slug>/."""

from django.urls import path

from samverka.public import opendata

app_name = "open_data"

urlpatterns = [
    path("oppna-data/", opendata.all_page, name="index"),
    path("data.<str:fmt>", opendata.all_download, name="all"),
    path("<slug:slug>/oppna-data/", opendata.municipality_page, name="page"),
    path("<slug:slug>/data.<str:fmt>", opendata.municipality_download, name="municipality"),
]
