from django.shortcuts import render

from samverka.core import paging
from samverka.core.models import Municipality
from samverka.core.sections import PUBLIC_SECTIONS, links
from samverka.public import story
from samverka.public.news import public_owner
from samverka.reports.selectors import published_follow_up_years


def index(request):
    """Every municipality of the country by county, 50 a page (core.paging), so the page's cost does
    not follow the country's size; a county split over two pages is named on both."""
    municipalities = Municipality.objects.select_related("county").order_by("county__code", "name", "pk")
    page = paging.paginate(request, municipalities.only("name", "slug", "county__code", "county__name"))
    counties = []
    for m in page.object_list:
        if not counties or counties[-1]["county"] != m.county:
            counties.append({"county": m.county, "municipalities": []})
        counties[-1]["municipalities"].append(m)
    return render(request, "public/index.html", {"counties": counties, "pager": paging.pager(request, page)})


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
