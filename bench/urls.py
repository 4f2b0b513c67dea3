"""The project's URLs plus the floor: the cheapest page Django can serve through the same middleware.

It does one query on a unique index and renders a tiny template. Mounted by bench/settings.py only.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from samverka.core.models import Municipality
from samverka.urls import urlpatterns as project_urlpatterns

TEMPLATE = engines["django"].from_string("<!DOCTYPE html><title>{{ m.name }}</title><p>{{ m.code }}</p>")


def floor(request, slug):
    municipality = Municipality.objects.filter(slug=slug).first()
    return HttpResponse(TEMPLATE.render({"m": municipality}, request))


urlpatterns = [path("bench/floor/<slug:slug>/", floor), *project_urlpatterns]
