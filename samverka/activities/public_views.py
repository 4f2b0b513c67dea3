"""What residents see under /p/<slug>/aktiviteter/: published activities only, never anything else."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from samverka.activities import selectors
from samverka.activities.models import Activity
from samverka.core import paging
from samverka.core.permissions import public_place
from samverka.core.sections import PUBLIC_SECTIONS, links
from samverka.core.smallnumbers import data_count


def _context(place):
    activities = list(selectors.listed_publicly(selectors.published_in(place)).order_by("title"))
    return {
        "municipality": place,
        "groups": selectors.grouped_by_arena(activities),
        "count": len(activities),
    }


def _page(request, place, rows=selectors.listed_publicly):
    """One page (core.paging) of the published activities in arena order, and its groups by arena. With
    more than one page only the arenas on this page are listed: an arena empty here may be on the next.
    `rows` fetches what each row shows: the list's few fields, or everything for the JSON."""
    page = paging.paginate(request, selectors.arena_ordered(rows(selectors.published_in(place))))
    groups = selectors.grouped_by_arena(list(page.object_list))
    if page.paginator.num_pages > 1:
        groups = [g for g in groups if g["activities"]]
    return page, groups


def activity_list(request, slug):
    place = public_place(slug)
    page, groups = _page(request, place)
    context = {
        "municipality": place,
        "groups": groups,
        "count": page.paginator.count,
        "pager": paging.pager(request, page),
    }
    context["other_sections"] = [
        link for link in links(PUBLIC_SECTIONS, place) if link["section"].key != "activities"
    ]
    return render(request, "activities/public/list.html", context)


def activity_detail(request, slug, pk):
    place = public_place(slug)
    activity = get_object_or_404(selectors.with_relations(selectors.published_in(place)), pk=pk)
    reach = selectors.reach_by_year(activity.occasions.all(), public=True)
    return render(
        request,
        "activities/public/detail.html",
        {"municipality": place, "activity": activity, "reach": reach},
    )


@xframe_options_exempt
def activity_embed(request, slug):
    """A page without site chrome, for an iframe on the municipality's own website."""
    return render(request, "activities/public/embed.html", _context(public_place(slug)))


@xframe_options_exempt
def activity_fragment(request, slug):
    """The list as an HTML fragment (no <html>), for server-side includes on the municipality's site."""
    return render(
        request, "activities/public/_fragment.html", {**_context(public_place(slug)), "absolute": True}
    )


def _item(a: Activity, url: str) -> dict:
    """One activity in the public JSON: what the public page shows, nothing more."""
    return {
        "id": str(a.pk),
        "url": url,
        "title": a.title,
        "summary": a.summary,
        "description": a.description,
        "arena": a.arena,
        "arena_label": str(a.get_arena_display()),
        "andts_areas": [t.code for t in a.substance_areas.all()],
        "prevention_level": a.prevention_level or None,
        "target_groups": [t.code for t in a.target_groups.all()],
        "age_min": a.age_min,
        "age_max": a.age_max,
        "organisations": [o.name for o in a.organisations.all()],
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "status_reason": a.status_reason,
        "status_since": a.status_since.isoformat() if a.status_since else None,
        "evidence_basis": a.evidence_basis,
        "evidence_registry": a.evidence_registry or None,
        "evidence_rating": a.evidence_rating,
        "factors": [{"code": f.code, "kind": f.kind} for f in a.factors.all()],
        "frequency": a.frequency,
        "reach_per_year": data_count(a.reach_per_year)[0],
        "reach_per_year_suppressed": data_count(a.reach_per_year)[1],
        "contact": {
            "organisation": a.contact_organisation.name if a.contact_organisation else None,
            "email": a.contact_email or None,
        },
        "last_reviewed": a.last_reviewed.isoformat() if a.last_reviewed else None,
        "updated": a.updated_at.isoformat(),
    }


def activity_json(request, slug):
    """The published activities, 50 a page (`?page=2`): `count` is all of them, `arenas` this page's,
    `next` / `previous` the addresses of the neighbouring pages (null at either end)."""
    place = public_place(slug)
    page, groups = _page(request, place, rows=selectors.with_relations)
    base = request.build_absolute_uri("/")[:-1]
    pager = paging.pager(request, page)

    def item(a: Activity) -> dict:
        return _item(a, base + reverse("public:activities_public:detail", args=[place.slug, a.pk]))

    data = {
        "municipality": {"code": place.code, "name": place.name, "slug": place.slug},
        "count": page.paginator.count,
        "page": pager["number"],
        "pages": pager["pages"],
        "next": base + pager["next_url"] if pager["next_url"] else None,
        "previous": base + pager["previous_url"] if pager["previous_url"] else None,
        "arenas": [
            {"arena": g["arena"], "label": str(g["label"]), "activities": [item(a) for a in g["activities"]]}
            for g in groups
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
