from django.shortcuts import render

from samverka.core.models import County, Municipality
from samverka.core.sections import PUBLIC_SECTIONS, links
from samverka.public import story
from samverka.public.news import public_owner
from samverka.reports.selectors import published_follow_up_years


def index(request):
    counties = County.objects.prefetch_related("municipalities").order_by("code")
    return render(request, "public/index.html", {"counties": counties})


def municipality(request, slug):
    """The front page of a municipality, or of a collaboration at the same kind of address."""
    place = public_owner(slug)
    is_municipality = isinstance(place, Municipality)
    sections = links(PUBLIC_SECTIONS, place) if is_municipality else []
    follow_up_years = published_follow_up_years(place) if is_municipality else []
    return render(
        request,
        "public/municipality.html",
        {
            "municipality": place,
            "place": place,
            "sections": sections,
            "follow_up_years": follow_up_years,
            **story.story(place),
        },
    )
