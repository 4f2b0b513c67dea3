from django.contrib import admin
from django.urls import include, path

handler404 = "samverka.core.views.page_not_found"

urlpatterns = [
    path("", include("samverka.hosting.urls")),
    path("", include("samverka.core.urls")),
    path("", include("samverka.people.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("aktiviteter/", include("samverka.activities.urls")),
    path("beredskap/", include("samverka.readiness.urls")),
    path("loften/", include("samverka.promises.urls")),
    path("lagesbild/", include("samverka.situation.urls")),
    path("moten/", include("samverka.meetings.urls")),
    path("rapporter/", include("samverka.reports.urls")),
    path("api/v1/", include("samverka.api.urls")),
    path("konto/api-nycklar/", include("samverka.api.token_urls")),
    path("oidc/", include("samverka.core.sso_urls")),
    path("p/", include("samverka.public.urls")),
    path("nyheter/", include("samverka.public.staff_urls")),
    path("konto/", include("samverka.notices.urls")),
    path("jobb/", include("samverka.jobs.urls")),
]

# No media URL, not even with DEBUG: uploaded files are handed out only by views that check the record
# (core/files.py).
