from django.shortcuts import render

from samverka.core.models import County
from samverka.core.permissions import public_place
from samverka.core.sections import PUBLIC_SECTIONS, links


def index(request):
    counties = County.objects.prefetch_related("municipalities").order_by("code")
    return render(request, "public/index.html", {"counties": counties})


def municipality(request, slug):
    place = public_place(slug)
    return render(
        request,
        "public/municipality.html",
        {"municipality": place, "sections": links(PUBLIC_SECTIONS, place)},
    )
