"""Demo data of the lägesbild: indicator values imported from the shipped demo files through the same
import code as any file, partner notes, activity counts, key events and a lägesbild for Arjeplog.

Idempotent: a file already imported (same content) is not imported again; everything else is
update_or_create on natural keys.
"""

import datetime
import hashlib
from decimal import Decimal
from pathlib import Path

from samverka.activities.models import Factor, SubstanceArea
from samverka.core.models import Collaboration, Municipality, Organisation
from samverka.indicators import importing
from samverka.indicators.models import ImportRun, Indicator
from samverka.indicators.parsing import sniff_format
from samverka.promises import demo_data as promises_demo
from samverka.promises.models import Commitment, Goal
from samverka.situation import selectors
from samverka.situation.models import (
    ActivityCount,
    KeyEvent,
    PartnerNote,
    Problem,
    ReportIndicator,
    SituationReport,
)

DEMO_FILES = Path(__file__).parent / "demo_files"
FILES = ["kolada-kpi-demo.json", "kolada-demo-2018-2023.json", "skolenkat-demo-2019-2023.csv"]

# What the demo indicators mean beyond their names (the names come from the files).
INDICATOR_FACTS = {
    ("kolada", "D00001"): {"direction": "worse", "area": "narcotics"},
    ("kolada", "D00002"): {"direction": "better", "area": "crime"},
    ("kolada", "D00003"): {"direction": "worse", "area": "alcohol"},
    ("survey", "SK-ALK"): {"direction": "worse", "area": "alcohol", "unit": "%"},
    ("survey", "SK-SNUS"): {"direction": "worse", "area": "tobacco", "unit": "%"},
    ("survey", "SK-NARK"): {"direction": "worse", "area": "narcotics", "unit": "%"},
}


def import_demo_file(name: str, stdout=None) -> None:
    path = DEMO_FILES / name
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if ImportRun.objects.filter(sha256=digest, status=ImportRun.Status.DONE).exists():
        return
    file_format = sniff_format(data[:64], name)
    run = importing.import_run_create(
        user=None, municipality=None, file_name=f"demo: {name}", file_format=file_format, data=None
    )
    run.sha256 = digest
    run.save(update_fields=["sha256"])
    with path.open("rb") as stream:
        if file_format == "kolada":
            rows = importing.parse_file([stream], file_format="kolada")
        else:
            rows = importing.parse_file(data, file_format="table", filename=name)
        result = importing.observations_import(
            rows, run=run, source=importing.source_for(file_format), scope=importing.EVERYWHERE
        )
    if stdout:
        stdout.write(f"    {name}: {result.rows} rows, {result.created} new")


def link_promises(report, indicators) -> None:
    """Tie the lägesbild to the promises demo (loaded before this app's): BRÅ Arjeplog's goal "less access"
    is measured by the demo alcohol indicator with a target of 15, and the problem "Alkohol bland unga" is
    answered by that goal and its outreach measure."""

    goal = Goal.objects.filter(pk=promises_demo._id("bra-goal-less-access")).first()
    measure = Commitment.objects.filter(pk=promises_demo._id("bra-outreach")).first()
    alcohol = indicators.get(("kolada", "D00003"))
    if goal is not None and alcohol is not None:
        Goal.objects.filter(pk=goal.pk).update(linked_indicator=alcohol, target_value=Decimal("15"))
    Problem.objects.filter(report=report, title="Alkohol bland unga").update(
        linked_goal=goal, linked_commitment=measure
    )


# Where each demo problem lies in the plan's gap view: (arenas, ANDTS areas, risk or protective factors).
GAP_CELLS = {
    "Alkohol bland unga": (
        ["family", "leisure"],
        ["alcohol"],
        ["availability", "parental_attitudes", "early_onset", "parental_monitoring"],
    ),
    "Narkotika i centrum": (["society", "leisure"], ["narcotics", "crime"], ["availability"]),
    "Otrygghet vid busstationen kvällstid": (["society"], ["crime"], []),
}


def place_in_gap_view(problem) -> None:
    arenas, areas, factors = GAP_CELLS[problem.title]
    if problem.arenas != arenas:
        Problem.objects.filter(pk=problem.pk).update(arenas=arenas)
    problem.substance_areas.set(SubstanceArea.objects.filter(code__in=areas))
    problem.factors.set(Factor.objects.filter(code__in=factors))


def freeze(report) -> None:
    """Adopted demo lägesbilder are frozen once, with the values of periods up to their adoption year (a
    lägesbild adopted in November 2019 cannot have shown 2023); loading again changes nothing."""
    if report.snapshot is None:
        report.snapshot = selectors.snapshot(report, last_year=report.adopted_at.year)
        report.save(update_fields=["snapshot"])


def load(stdout=None):
    importing.places_ensure()
    for name in FILES:
        import_demo_file(name, stdout)
    for (source, source_id), facts in INDICATOR_FACTS.items():
        Indicator.objects.filter(source=source, source_id=source_id).update(**facts)

    arjeplog = Municipality.objects.get(slug="arjeplog")
    orgs = {o.slug: o for o in Organisation.objects.all()}
    notes = [
        (
            "lpo-pitea-alvdal",
            datetime.date(2023, 10, 12),
            "2023",
            "Fler unga misstänks för narkotikabrott i centrala Arjeplog",
            "Polisen ser en ökning av ringa narkotikabrott bland unga 15–19 år, främst kring centrum under helger. "
            "Underlaget är litet och ska följas upp.",
            False,
        ),
        (
            "arjeplog-skolan",
            datetime.date(2023, 11, 20),
            "2023",
            "Frånvaron ökar på högstadiet",
            "Skolan ser en ökad ogiltig frånvaro i årskurs 8–9 under hösten, särskilt på fredagar.",
            True,
        ),
        (
            "lansstyrelsen-norrbotten",
            datetime.date(2023, 9, 1),
            "2023",
            "Tillsyn av serveringstillstånd",
            "Länsstyrelsen och kommunen genomförde gemensam tillsyn under sommarens evenemang.",
            True,
        ),
    ]
    for org, date, period, title, text, public in notes:
        PartnerNote.objects.update_or_create(
            municipality=arjeplog,
            title=title,
            defaults={
                "organisation": orgs[org],
                "date": date,
                "period": period,
                "text": text,
                "is_public": public,
            },
        )
    counts = [
        ("arjeplog-socialtjansten", 2023, 3, "concern_talks", 3),
        ("arjeplog-socialtjansten", 2023, 4, "concern_talks", 7),
        ("fritidsgarden-polar", 2023, 3, "outreach_evenings", 9),
        ("fritidsgarden-polar", 2023, 4, "outreach_evenings", 11),
        ("arjeplog-socialtjansten", 2023, 4, "mediations", 2),
        ("arjeplogs-kommun", 2023, 3, "licence_inspections", 6),
    ]
    for org, year, quarter, kind, number in counts:
        ActivityCount.objects.update_or_create(
            municipality=arjeplog,
            organisation=orgs[org],
            year=year,
            quarter=quarter,
            kind=kind,
            defaults={"number": number},
        )
    for date, label in [
        (datetime.date(2019, 1, 1), "Medborgarlöften 2019–2020"),
        (datetime.date(2019, 11, 18), "Samverkansmöte i Älvsbyn"),
    ]:
        KeyEvent.objects.update_or_create(municipality=arjeplog, date=date, defaults={"label": label})

    report, _ = SituationReport.objects.update_or_create(
        municipality=arjeplog,
        title="Lägesbild Arjeplog 2023",
        defaults={
            "period": "2023",
            "status": SituationReport.Status.ADOPTED,
            "adopted_at": datetime.date(2024, 2, 15),
            "summary": "Underlaget bygger på Kolada, skolenkäten 2023 och partnernas iakttagelser. "
            "Alkohol bland unga och narkotika i centrum prioriteras.",
            "public_summary": "Kommunen och polisen har tillsammans gått igenom statistik och iakttagelser för 2023 "
            "och prioriterat två problem att arbeta vidare med.",
        },
    )
    indicators = {(i.source, i.source_id): i for i in Indicator.objects.all()}
    chosen = [
        (("kolada", "D00001"), "T", None, ""),
        (("kolada", "D00003"), "T", Decimal("15"), "mål i handlingsplanen (demo)"),
        (("survey", "SK-ALK"), "y9", None, ""),
    ]
    for order, (key, group, target, label) in enumerate(chosen, start=1):
        if key in indicators:
            ReportIndicator.objects.update_or_create(
                report=report,
                indicator=indicators[key],
                group=group,
                defaults={"order": order, "target_value": target, "target_label": label},
            )
    problems = [
        (
            "Alkohol bland unga",
            dict(frequency=4, trend=3, exposure=4, signal_value=3, consequences=4, influence=4),
            "Tidig debut hänger ihop med langning från äldre syskon och vänner och med få alkoholfria "
            "aktiviteter på helger. Föräldrar underskattar hur lätt unga får tag i alkohol.",
            True,
        ),
        (
            "Narkotika i centrum",
            dict(frequency=2, trend=4, exposure=3, signal_value=5, consequences=4, influence=3),
            "Några få unga står för en stor del av brotten; tillgången via sociala medier har ökat.",
            True,
        ),
        (
            "Otrygghet vid busstationen kvällstid",
            dict(frequency=2, trend=2, exposure=2, signal_value=3, consequences=2, influence=4),
            "Internt underlag: enstaka händelser, följs upp med trygghetsvandring.",
            False,
        ),
    ]
    for title, scores, causes, public in problems:
        problem, _ = Problem.objects.update_or_create(
            report=report, title=title, defaults={**scores, "cause_analysis": causes, "is_public": public}
        )
        place_in_gap_view(problem)
    link_promises(report, indicators)
    freeze(report)

    # Arjeplog's lägesbild of 2019, adopted in November 2019: the one the promise period 2019–2020 started
    # from (reports/demo_data.py puts it in that period).
    first, _ = SituationReport.objects.update_or_create(
        municipality=arjeplog,
        title="Lägesbild Arjeplog 2019",
        defaults={
            "period": "2019",
            "status": SituationReport.Status.ADOPTED,
            "adopted_at": datetime.date(2019, 11, 12),
            "summary": "Kommunens och polisens första gemensamma lägesbild, underlag för medborgarlöftet.",
            "public_summary": "Alkohol bland unga och bristande kunskap hos föräldrar prioriterades.",
        },
    )
    for order, key in enumerate([("kolada", "D00001"), ("kolada", "D00003")], start=1):
        if key in indicators:
            ReportIndicator.objects.update_or_create(
                report=first, indicator=indicators[key], group="T", defaults={"order": order}
            )
    problem, _ = Problem.objects.update_or_create(
        report=first,
        title="Alkohol bland unga",
        defaults={
            **dict(frequency=4, trend=3, exposure=4, signal_value=3, consequences=4, influence=4),
            "cause_analysis": "Föräldrar saknar kunskap om hur lätt unga får tag i alkohol.",
            "is_public": True,
        },
    )
    place_in_gap_view(problem)
    freeze(first)

    # The lägesbild the collaboration shared at its meeting in Älvsbyn on 18 November 2019.

    pite_alvdal = Collaboration.objects.get(slug="pite-alvdal")
    shared, _ = SituationReport.objects.update_or_create(
        collaboration=pite_alvdal,
        title="Gemensam lägesbild Pite älvdal 2019",
        defaults={
            "period": "2018–2019",
            "status": SituationReport.Status.ADOPTED,
            "adopted_at": datetime.date(2019, 11, 18),
            "summary": "Sammanställd inför samverkansmötet i Älvsbyn: de fyra kommunernas nyckeltal jämförda "
            "med länet och riket.",
        },
    )
    for order, key in enumerate([("kolada", "D00001"), ("kolada", "D00003")], start=1):
        if key in indicators:
            ReportIndicator.objects.update_or_create(
                report=shared, indicator=indicators[key], group="T", defaults={"order": order}
            )
    freeze(shared)
