from django.shortcuts import get_object_or_404, render

from samverka.core.models import County, Municipality
from samverka.core.sections import PUBLIC_SECTIONS, links


def index(request):
    counties = County.objects.prefetch_related("municipalities").order_by("code")
    return render(request, "public/index.html", {"counties": counties})


def municipality(request, slug):
    place = get_object_or_404(Municipality.objects.select_related("county"), slug=slug)
    return render(
        request,
        "public/municipality.html",
        {"municipality": place, "sections": links(PUBLIC_SECTIONS, place)},
    )
