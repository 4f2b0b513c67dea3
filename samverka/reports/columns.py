"""The county overview's columns, one function per app below reports, listed in `COLUMNS`.

What the overview shows is what a municipality has *shared*: published records, readiness results
shared with the county board or published, and the facts its coordinator keeps for the county report.
Drafts and internal records never appear here.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverka.activities.models import Activity, EvidenceBasis, Occasion, Status
from samverka.core import permissions as core
from samverka.core.models import Collaboration
from samverka.core.smallnumbers import is_small, public_count
from samverka.indicators.models import Indicator, Observation
from samverka.promises.models import ActionPlan, Commitment, PlanState, Promise
from samverka.promises.reports import status_label
from samverka.promises.selectors import PUBLIC_STATES
from samverka.readiness import selectors
from samverka.readiness.models import Assessment
from samverka.reports.models import MunicipalitySettings, ProgrammeDocument
from samverka.situation.analysis import period_x
from samverka.situation.models import SituationReport


@dataclass(frozen=True)
class Cell:
    value: Any  # what sorting and the spreadsheet use (a number, a string, a date)
    text: str = ""  # what the page shows; defaults to str(value)
    url: str | None = None
    details: tuple = ()  # short lines under the value (e.g. per arena)

    @property
    def display(self) -> str:
        return self.text or ("" if self.value is None else str(self.value))


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    group: str
    values: Callable  # (list[Municipality], user) -> dict[int, Cell]
    order: int = 100
    help: str = ""
    export_details: bool = field(default=False)  # also export the detail lines, in the next cell
    # False for public statistics (indicators): a value there is not something the municipality shared.
    shared_by_municipality: bool = True


def _ids(municipalities):
    return [m.pk for m in municipalities]


# --- This app: the coordinating function and the programme documents ------------------------------


def coordinating_function(municipalities, user):
    cells = {}
    for s in MunicipalitySettings.objects.filter(municipality_id__in=_ids(municipalities)):
        if not (s.coordinator_title or s.coordinating_function or s.coordinator_share is not None):
            continue
        share = f"{s.coordinator_share} %" if s.coordinator_share is not None else ""
        lines = tuple(x for x in [s.coordinator_title, s.coordinating_function] if x)
        cells[s.municipality_id] = Cell(
            value=s.coordinator_share if s.coordinator_share is not None else 0,
            text=share or str(_("yes")),
            details=lines,
        )
    return cells


def programme_documents(municipalities, user):
    ids = _ids(municipalities)
    # A collaboration's document counts for each of its municipalities.
    collab_members = defaultdict(list)
    for collab_id, m_id in Collaboration.municipalities.through.objects.filter(
        municipality_id__in=ids
    ).values_list("collaboration_id", "municipality_id"):
        collab_members[collab_id].append(m_id)
    docs = defaultdict(list)
    for d in ProgrammeDocument.objects.filter(
        Q(municipality_id__in=ids) | Q(collaboration_id__in=collab_members)
    ):
        for m_id in [d.municipality_id] if d.municipality_id else collab_members[d.collaboration_id]:
            docs[m_id].append(d)
    return {
        m_id: Cell(
            value=len(ds),
            text=str(len(ds)),
            details=tuple(f"{d.get_kind_display()} {d.year_adopted}" for d in ds),
        )
        for m_id, ds in docs.items()
    }


# --- activities ------------------------------------------------------------------------------------


def active_activities(municipalities, user):
    ids = _ids(municipalities)
    published = Activity.objects.filter(published=True, status=Status.ACTIVE)
    cells = {}
    by_arena = defaultdict(Counter)
    evidence = Counter()
    rows = (
        published.filter(municipality_id__in=ids)
        .values("municipality_id", "arena")
        .annotate(n=Count("pk"), research=Count("pk", filter=Q(evidence_basis=EvidenceBasis.RESEARCH)))
    )
    labels = dict(Activity._meta.get_field("arena").choices)
    for r in rows:
        by_arena[r["municipality_id"]][r["arena"]] += r["n"]
        evidence[r["municipality_id"]] += r["research"]
    shared = set(
        Activity.objects.filter(published=True, municipality_id__in=ids).values_list(
            "municipality_id", flat=True
        )
    )
    for m_id in shared:
        counts = by_arena[m_id]
        total = sum(counts.values())
        cells[m_id] = Cell(
            value=total,
            text=str(
                _("%(total)s (of which %(research)s evidence-based)")
                % {"total": total, "research": evidence[m_id]}
            ),
            details=tuple(f"{labels.get(a, a)}: {n}" for a, n in sorted(counts.items())),
        )
    return cells


# --- readiness -------------------------------------------------------------------------------------


def readiness_stage(municipalities, user):
    """The latest completed assessment each municipality published or shared with the county board."""

    latest = {}
    shared = (
        Assessment.objects.filter(municipality_id__in=_ids(municipalities), completed=True)
        .filter(Q(published=True) | Q(shared_with_county=True))
        .select_related("municipality")
        .order_by("municipality_id", "-created_at")
    )
    for a in shared:
        if not a.published and not core.can_view(user, a):
            continue  # shared with the county board only: not for another municipality's staff
        latest.setdefault(a.municipality_id, a)  # one assessment per municipality: bounded by the county
    cells = {}
    for m_id, a in latest.items():
        result = selectors.final_result_of(a)  # never a preliminary result
        if result is None:
            continue
        url = (
            reverse("public:readiness_public:detail", args=[a.municipality.slug, a.pk])
            if a.published
            else None
        )
        cells[m_id] = Cell(
            value=result.overall.stage,
            text=f"{result.overall.stage} ({str(result.overall.shown).replace('.', ',')})",
            url=url,
            details=(a.issue, a.created_at.strftime("%Y")),
        )
    return cells


# --- promises and action plans ----------------------------------------------------------------------


def promises_and_statuses(municipalities, user):
    ids = _ids(municipalities)
    promises = (
        Promise.objects.filter(municipality_id__in=ids, state__in=PUBLIC_STATES)
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("target", "verdict").prefetch_related(
                    "follow_ups"
                ),
            )
        )
        .order_by("-start")
    )
    by_place = defaultdict(list)
    for p in promises:
        by_place[p.municipality_id].append(p)
    cells = {}
    for m_id, ps in by_place.items():
        statuses = Counter()
        for p in ps:
            for c in p.commitments.all():
                verdict = getattr(c, "verdict", None)
                if verdict is not None:
                    statuses[verdict.get_value_display()] += 1
                    continue
                progress = c.progress(follow_ups=list(c.follow_ups.all()))
                statuses[status_label(progress.status) if progress is not None else str(_("no target"))] += 1
        latest = ps[0]
        url = reverse("public:promises_public:promise", args=[latest.municipality.slug, latest.pk])
        cells[m_id] = Cell(
            value=len(ps),
            text=f"{len(ps)}: {latest.title}",
            url=url,
            details=tuple(f"{k}: {n}" for k, n in sorted(statuses.items())),
        )
    return cells


def action_plans(municipalities, user):
    cells = {}
    plans = ActionPlan.objects.filter(
        municipality_id__in=_ids(municipalities),
        published=True,
        state__in=[PlanState.ADOPTED, PlanState.CONCLUDED],
    ).order_by("municipality_id", "-start")
    for plan in plans:
        if plan.municipality_id not in cells:
            cells[plan.municipality_id] = Cell(
                value=plan.start.year, text=f"{plan.title} ({plan.start.year}–{plan.end.year})"
            )
    return cells


# --- situation: the lägesbild and chosen indicators -------------------------------------------------


def situation_reports(municipalities, user):
    cells = {}
    reports = SituationReport.objects.filter(
        municipality_id__in=_ids(municipalities), status=SituationReport.Status.ADOPTED
    ).order_by("municipality_id", "-adopted_at", "-period")
    for r in reports:
        if r.municipality_id not in cells:
            cells[r.municipality_id] = Cell(value=r.period, text=f"{r.title} ({r.period})")
    return cells


def indicator_column(indicator) -> Column:
    """A column for one indicator the reader chose: each municipality's latest observation (total),
    with counts below 5 shown as "fewer than 5", as on the public pages. Kolada figures are public
    statistics: shown to everyone who may see the overview, without the municipality sharing them."""
    public = str(_("Public statistics (Kolada)")) if indicator.source == Indicator.Source.KOLADA else ""

    def values(municipalities, user):
        cells = {}
        rows = Observation.objects.filter(
            indicator=indicator,
            group="T",
            place__municipality_id__in=_ids(municipalities),
            value__isnull=False,
        ).values_list("place__municipality_id", "period", "value")
        latest = {}
        for m_id, period, value in rows:
            if m_id not in latest or period_x(period) > period_x(latest[m_id][0]):
                latest[m_id] = (period, value)
        details = (public,) if public else ()
        for m_id, (period, value) in latest.items():
            if indicator.is_count and is_small(value):
                cells[m_id] = Cell(value=None, text=str(public_count(value)), details=(period, *details))
            else:
                shown = f"{value.normalize():f}".replace(".", ",")
                cells[m_id] = Cell(
                    value=float(value),
                    text=f"{shown} {indicator.unit}".strip(),
                    details=(period, *details),
                )
        return cells

    return Column(
        f"indicator-{indicator.pk}",
        indicator.name_sv,
        str(_("Indicator")),
        values,
        order=200,
        shared_by_municipality=False,
    )


def chosen_indicator_columns(ids: list[str]) -> list[Column]:
    try:
        indicators = list(Indicator.objects.filter(pk__in=ids[:6]))
    except (ValidationError, ValueError):
        return []
    return [indicator_column(i) for i in indicators]


def indicator_choices():
    """Indicators with observations for municipalities, for the overview's chooser."""

    # the series, not the observations: whether there are values, not each of them unnested
    return Indicator.objects.filter(series__place__kind="municipality").distinct().order_by("name_sv")


def activity_reach(municipalities, user, today=None):
    """How many took part in the published activities' recorded occasions last year (the last full year),
    summed per municipality; below 5 is "fewer than 5", never a number, on the page and in the export."""
    year = (today or timezone.localdate()).year - 1
    rows = (
        Occasion.objects.filter(
            municipality_id__in=_ids(municipalities), activity__published=True, date__year=year
        )
        .values("municipality_id")
        .annotate(total=Sum("participants"), occasions=Count("pk"))
    )
    cells = {}
    for r in rows:
        occasions = ngettext(
            "%(year)s: %(count)s occasion", "%(year)s: %(count)s occasions", r["occasions"]
        ) % {
            "year": year,
            "count": r["occasions"],
        }
        if is_small(r["total"]):
            cells[r["municipality_id"]] = Cell(
                value=None, text=str(public_count(r["total"])), details=(occasions,)
            )
        else:
            cells[r["municipality_id"]] = Cell(value=r["total"], details=(occasions,))
    return cells


# The columns of the county overview, in this order on the page and in the spreadsheet.
COLUMNS = [
    Column("readiness", _("Readiness stage (latest shared)"), _("Readiness"), readiness_stage, order=10),
    Column(
        "activities",
        _("Active activities (evidence-based)"),
        _("Activities"),
        active_activities,
        order=20,
        export_details=True,
    ),
    Column(
        "reach",
        _("Took part in activities last year"),
        _("Activities"),
        activity_reach,
        order=25,
        export_details=True,
    ),
    Column(
        "promises",
        _("Citizen promises and their statuses"),
        _("Promises"),
        promises_and_statuses,
        order=30,
        export_details=True,
    ),
    Column("lagesbild", _("Adopted lägesbild"), _("Law 2023:196"), situation_reports, order=40),
    Column("action_plan", _("Action plan"), _("Law 2023:196"), action_plans, order=50),
    Column(
        "coordination",
        _("Coordinating function (share of time)"),
        _("Law 2023:196"),
        coordinating_function,
        order=60,
        export_details=True,
    ),
    Column(
        "programmes",
        _("Adopted programme documents"),
        _("Steering"),
        programme_documents,
        order=70,
        export_details=True,
    ),
]
