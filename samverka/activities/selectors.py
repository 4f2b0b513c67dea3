"""Reads of the catalogue: lists with their relations in a fixed number of queries, filters, gaps."""

import datetime

from django.db.models import Case, Prefetch, Q, QuerySet, Sum, When
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.activities import gaps
from samverka.activities.models import (
    AGE_BANDS,
    GENDERS,
    REVIEW_AFTER_DAYS,
    Activity,
    Arena,
    EvidenceBasis,
    Factor,
    Occasion,
    Status,
    SubstanceArea,
)
from samverka.core import permissions
from samverka.core.models import Municipality, Organisation
from samverka.core.smallnumbers import public_count

FILTERS = ("arena", "area", "status", "organisation", "evidence", "level", "q")


def with_relations(queryset: QuerySet) -> QuerySet:
    """Everything a list row shows, in five queries however many activities there are."""
    return queryset.select_related("municipality", "collaboration", "contact_organisation").prefetch_related(
        "substance_areas", "target_groups", "organisations", "factors"
    )


def listed_publicly(queryset: QuerySet) -> QuerySet:
    """What a row of the public list shows (activities/public/_fragment.html: title, summary, status and the
    organisations' names), in one more query: not the areas, target groups, factors and contact the page
    and the JSON show, which `with_relations` fetches and builds models and managers for on every row."""
    return queryset.prefetch_related(Prefetch("organisations", queryset=Organisation.objects.only("name")))


def visible_to(user) -> QuerySet:
    return Activity.objects.filter(permissions.places_q(user, permissions.Action.VIEW))


def filter_activities(queryset: QuerySet, params) -> QuerySet:
    """Apply the list filters (a QueryDict or dict); unknown values simply match nothing."""
    arena = params.get("arena") or ""
    if arena:
        queryset = queryset.filter(arena=arena)
    if area := params.get("area"):
        queryset = queryset.filter(substance_areas__code=area)
    if status := params.get("status"):
        queryset = queryset.filter(status=status)
    if organisation := params.get("organisation"):
        queryset = queryset.filter(organisations__slug=organisation)
    if evidence := params.get("evidence"):
        queryset = queryset.filter(evidence_basis=evidence)
    if level := params.get("level"):
        queryset = queryset.filter(prevention_level=level)
    if text := (params.get("q") or "").strip():
        queryset = queryset.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(description__icontains=text)
        )
    return queryset.distinct() if (params.get("area") or params.get("organisation")) else queryset


def published_in(municipality: Municipality) -> QuerySet:
    """What the public may see of one municipality: published activities, nothing else."""
    return Activity.objects.filter(municipality=municipality, published=True)


ARENA_ORDER = {value: index for index, value in enumerate(Arena.values)}


def arena_ordered(queryset: QuerySet) -> QuerySet:
    """`in_arena_order` done by the database, so a page of the list is a LIMIT/OFFSET of the query."""
    rank = Case(*[When(arena=value, then=index) for value, index in ARENA_ORDER.items()], default=99)
    return queryset.order_by(rank, Lower("title"), "pk")


def needs_review_count(queryset: QuerySet, today=None) -> int:
    """How many of these activities `Activity.needs_review` (one COUNT, not a walk over every row)."""
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=REVIEW_AFTER_DAYS)
    return queryset.filter(
        Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True, created_at__date__lt=cutoff)
    ).count()


def in_arena_order(activities) -> list:
    """Sorted by arena in the source page's order (not the codes' alphabet), then by title."""
    return sorted(activities, key=lambda a: (ARENA_ORDER.get(a.arena, 99), a.title.lower()))


def grouped_by_arena(activities) -> list[dict]:
    """[{arena, label, activities}] in the source page's order, every arena present."""
    by_arena: dict[str, list] = {a.value: [] for a in Arena}
    for activity in activities:
        by_arena.setdefault(activity.arena, []).append(activity)
    return [{"arena": a.value, "label": a.label, "activities": by_arena[a.value]} for a in Arena]


def gap_cube(municipality: Municipality, published_only: bool = False) -> list[gaps.ArenaTable]:
    """Arena × ANDTS area × factor for the plan: a cell is a gap without an active research-based
    activity; the other activities that are not ended are listed in it as such. Four queries."""
    qs = Activity.objects.filter(municipality=municipality).exclude(status=Status.ENDED)
    if published_only:
        qs = qs.filter(published=True)
    qs = qs.only("title", "arena", "status", "evidence_basis").prefetch_related(
        Prefetch("substance_areas", queryset=SubstanceArea.objects.only("code")),
        Prefetch("factors", queryset=Factor.objects.only("code")),
    )
    items = [
        gaps.Item(
            title=a.title,
            arena=a.arena,
            areas=tuple(x.code for x in a.substance_areas.all()),
            factors=tuple(f.code for f in a.factors.all()),
            status=a.get_status_display(),
            evidence_based=a.evidence_basis == EvidenceBasis.RESEARCH,
            active=a.status == Status.ACTIVE,
        )
        for a in qs.order_by("title")
    ]
    factors = [(f.code, f"{f.name} ({f.get_kind_display().lower()})") for f in Factor.objects.all()]
    return gaps.build_cube(
        [(a.value, str(a.label)) for a in Arena],
        [(a.code, a.name) for a in SubstanceArea.objects.all()],
        factors,
        items,
        no_factor_label=_("No factor named"),
    )


# The prioritised problems live in the situation app, above this one in the layer contract: it registers
# a function municipality -> [gaps.Mark] here when it loads (situation/apps.py).
GAP_MARK_SOURCES: list = []


def gap_mark_source(source) -> None:
    if source not in GAP_MARK_SOURCES:
        GAP_MARK_SOURCES.append(source)


def gap_view(municipality: Municipality, published_only: bool = False, marks=None) -> dict:
    """The plan's gap view: the cube, with each prioritised problem marked in the cells it touches
    (`marks`: the problems to mark, as gaps.Mark; None: those the registered sources give)."""
    cube = gap_cube(municipality, published_only=published_only)
    if marks is None:
        marks = [mark for source in GAP_MARK_SOURCES for mark in source(municipality, published_only)]
    problems = gaps.mark_problems(cube, marks)
    active = Activity.objects.filter(municipality=municipality, status=Status.ACTIVE)
    if published_only:
        active = active.filter(published=True)
    return {
        "cube": cube,
        "problems": problems,
        "active_total": active.count(),
        "evidence_total": active.filter(evidence_basis=EvidenceBasis.RESEARCH).count(),
    }


def needing_review(user) -> list:
    """Activities the user may edit that were not reviewed for 12 months (oldest first, at most 10)."""
    cutoff = timezone.localdate() - datetime.timedelta(days=REVIEW_AFTER_DAYS)
    old = Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True, created_at__date__lt=cutoff)
    editable = Activity.objects.filter(permissions.places_q(user, permissions.Action.EDIT))
    return list(
        editable.filter(old).select_related("municipality").order_by("last_reviewed", "created_at")[:10]
    )


def review_panel(request):
    """The start page's box of activities to review; None (no box) when there are none."""
    activities = needing_review(request.user)
    return {"activities": activities} if activities else None


# --- The activity log -------------------------------------------------------------------------------


def reach_by_year(occasions, *, public: bool) -> list[dict]:
    """Per year (newest first): how many occasions, how many took part, and the sums by age band and by
    gender where the breakdown was given. For the public every count of people goes through
    core.smallnumbers (below 5: "fewer than 5"); the number of occasions is not a count of people."""
    show = public_count if public else (lambda n: n)
    years: dict[int, dict] = {}
    for occasion in occasions:
        row = years.setdefault(
            occasion.date.year,
            {"year": occasion.date.year, "occasions": 0, "participants": 0, "bands": {}, "genders": {}},
        )
        row["occasions"] += 1
        row["participants"] += occasion.participants
        for band, cells in occasion.breakdown.items():
            for gender, count in cells.items():
                row["bands"][band] = row["bands"].get(band, 0) + count
                row["genders"][gender] = row["genders"].get(gender, 0) + count
    bands, genders = dict(AGE_BANDS), dict(GENDERS)
    rows = []
    for year in sorted(years, reverse=True):
        row = years[year]
        rows.append(
            {
                "year": year,
                "occasions": row["occasions"],
                "participants": show(row["participants"]),
                "bands": [
                    (label, show(row["bands"][key])) for key, label in bands.items() if key in row["bands"]
                ],
                "genders": [
                    (label, show(row["genders"][key]))
                    for key, label in genders.items()
                    if key in row["genders"]
                ],
            }
        )
    return rows


def participants_in_year(activities, year: int) -> dict:
    """{activity id: how many took part in its occasions of the year} (activities without any left out)."""
    rows = (
        Occasion.objects.filter(activity__in=activities, date__year=year)
        .values("activity_id")
        .annotate(total=Sum("participants"))
    )
    return {row["activity_id"]: row["total"] for row in rows}


def search(user, place, query: str, limit: int):
    """The place search's activities: title or summary containing the words, of a place the user views."""
    from samverka.core.sections import SearchHit

    found = (
        Activity.objects.filter(permissions.places_q(user), municipality=place)
        .filter(Q(title__icontains=query) | Q(summary__icontains=query))
        .order_by("title")[:limit]
    )
    return [SearchHit(a.title, a.get_absolute_url(), a.get_status_display()) for a in found]
