"""Everything the public sees lives under /p/. Each app mounts its own public addresses below
/p/<slug>/ (activities: aktiviteter/, readiness: beredskap/, promises: medborgarloften/ and
kalender.ics, situation: lagesbild/, reports: uppfoljning/<year>/, meetings: arshjul.ics); this app: nyheter/ and prenumerera/."""

from django.urls import include, path

from samverka.public import news_views, views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("", include("samverka.public.opendata_urls")),  # open data: data.json|csv, oppna-data/
    path("<slug:slug>/", views.municipality, name="municipality"),
    path("<slug:slug>/nyheter/", news_views.news_list, name="news"),
    path("<slug:slug>/nyheter/flode.atom", news_views.news_feed, name="news_feed"),
    path("<slug:slug>/nyheter/inbaddning/", news_views.news_embed, name="news_embed"),
    path("<slug:slug>/nyheter/<slug:item_slug>/", news_views.news_detail, name="news_detail"),
    path("<slug:slug>/nyheter/<slug:item_slug>/bild.jpg", news_views.news_image, name="news_image"),
    path("<slug:slug>/prenumerera/", news_views.subscribe, name="subscribe"),
    path("<slug:slug>/prenumerera/skickat/", news_views.subscribe_sent, name="subscribe_sent"),
    path("<slug:slug>/prenumerera/bekrafta/<str:token>/", news_views.confirm, name="confirm"),
    path("<slug:slug>/prenumerera/avsluta/<str:token>/", news_views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", include("samverka.activities.public_urls")),
    path("<slug:slug>/", include("samverka.readiness.public_urls")),
    path("<slug:slug>/", include("samverka.promises.public_urls")),
    path("<slug:slug>/", include("samverka.situation.public_urls")),
    path("<slug:slug>/", include("samverka.reports.public_urls")),
    path("<slug:slug>/", include("samverka.meetings.public_urls")),
]
