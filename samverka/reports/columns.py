"""The county overview's columns, one function per app, registered from ReportsConfig.ready().

Each app's column is registered only when that app's models exist, so the overview grows as the apps
land. What the overview shows is what a municipality has *shared*: published records, readiness results
shared with the county board or published, and the facts its coordinator keeps for the county report.
Drafts and internal records never appear here.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from samverka.reports.overview import Cell, Column, overview_column


def _ids(municipalities):
    return [m.pk for m in municipalities]


# --- This app: the coordinating function and the programme documents ------------------------------


def coordinating_function(municipalities, user):
    from samverka.reports.models import MunicipalitySettings

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
    from samverka.core.models import Collaboration
    from samverka.reports.models import ProgrammeDocument

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


def register_reports_columns():
    overview_column(
        Column(
            "coordination",
            _("Coordinating function (share of time)"),
            _("Law 2023:196"),
            coordinating_function,
            order=60,
            export_details=True,
        )
    )
    overview_column(
        Column(
            "programmes",
            _("Adopted programme documents"),
            _("Steering"),
            programme_documents,
            order=70,
            export_details=True,
        )
    )


# --- activities ------------------------------------------------------------------------------------


def active_activities(municipalities, user):
    from samverka.activities.models import Activity, EvidenceBasis, Status

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


def register_activities_columns():
    overview_column(
        Column(
            "activities",
            _("Active activities (evidence-based)"),
            _("Activities"),
            active_activities,
            order=20,
            export_details=True,
        )
    )


def register_all():
    from importlib import import_module

    register_reports_columns()
    for app, model, register in [
        ("samverka.activities.models", "Activity", register_activities_columns),
    ]:
        if hasattr(import_module(app), model):
            register()
