"""Arjeplog's prevention settings and programme document, from the source pages, and the yearly cycle:
Arjeplog's work periods 2019–2020 and 2021–2022 (closed) and 2025–2027 (current), Pite älvdal's 2019–2020,
with the lägesbilder, promises, plans and assessments of each and the yearly follow-ups of the closed ones
(idempotent)."""

from django.db import transaction

from samverka.core.models import Collaboration, Municipality, Period, owner_fields
from samverka.promises.models import ActionPlan, Promise
from samverka.readiness.models import Assessment
from samverka.reports.models import MunicipalitySettings, ProgrammeDocument, YearlyFollowUp
from samverka.situation.models import SituationReport

FOLLOW_UPS = {
    2019: "Medborgarlöftets första år: två av tre åtaganden genomfördes enligt plan. Fortbildningen för "
    "föräldrar, elever och personal samlade 85 deltagare och föräldrakvällen 60. Lägesbilden antogs i "
    "november och visade att alkohol bland unga är det största problemet.",
    2020: "Pandemin gjorde att föräldrakvällen ställdes in och att fortbildningen hölls digitalt. Löftet "
    "utvärderades i januari 2021: ett åtagande hölls, två hölls delvis. Lärdom: planera digitala "
    "alternativ från början.",
    2021: "Mellanperiod utan nytt medborgarlöfte. BRÅ Arjeplog arbetade vidare med uppsökande verksamhet och "
    "förberedde en ny lägesbild.",
    2022: "Drogvaneundersökningen genomfördes i årskurs 9. Arbetet med nästa lägesbild och en gemensam "
    "handlingsplan påbörjades.",
}


def _period(owner, first, last):
    period, _ = Period.objects.get_or_create(**owner_fields(owner), first_year=first, last_year=last)
    return period


def load_cycle():
    arjeplog = Municipality.objects.get(slug="arjeplog")
    pite_alvdal = Collaboration.objects.get(slug="pite-alvdal")
    first = _period(arjeplog, 2019, 2020)
    between = _period(arjeplog, 2021, 2022)
    current = _period(arjeplog, 2025, 2027)
    shared = _period(pite_alvdal, 2019, 2020)

    SituationReport.objects.filter(municipality=arjeplog, title="Lägesbild Arjeplog 2019").update(
        work_period=first
    )
    # the lägesbild of 2023, adopted in February 2024, is the one the current period starts from
    SituationReport.objects.filter(municipality=arjeplog, title="Lägesbild Arjeplog 2023").update(
        work_period=current
    )
    SituationReport.objects.filter(
        collaboration=pite_alvdal, title="Gemensam lägesbild Pite älvdal 2019"
    ).update(work_period=shared)
    for period in (first, current):
        Promise.objects.filter(
            municipality=arjeplog, start__year__gte=period.first_year, start__year__lte=period.last_year
        ).update(work_period=period)
        ActionPlan.objects.filter(
            municipality=arjeplog, start__year__gte=period.first_year, start__year__lte=period.last_year
        ).update(work_period=period)
    Assessment.objects.filter(municipality=arjeplog, work_period__isnull=True).update(work_period=current)
    for period, years in [(first, (2019, 2020)), (between, (2021, 2022))]:
        for year in years:
            YearlyFollowUp.objects.get_or_create(
                period=period,
                year=year,
                defaults={"municipality": arjeplog, "text": FOLLOW_UPS[year], "published": True},
            )


@transaction.atomic
def load(stdout=None):
    arjeplog = Municipality.objects.get(slug="arjeplog")
    MunicipalitySettings.objects.update_or_create(
        municipality=arjeplog,
        defaults={
            "coordinator_title": "Preventionssamordnare, Arjeplogs kommun",
            "coordinator_share": 50,
            "coordinating_function": "BRÅ Arjeplog, en arbetsgrupp där kommunen och polisen samarbetar, styrd "
            "av Rådet för social hållbarhet.",
            "supervision": "",
        },
    )
    ProgrammeDocument.objects.update_or_create(
        municipality=arjeplog,
        title="BRÅ:s gemensamma handlingsplan",
        defaults={
            "kind": ProgrammeDocument.Kind.IMPLEMENTATION_PLAN,
            "year_adopted": 2025,
            "adopted_by": "Rådet för social hållbarhet",
            "has_measurable_targets": False,
            "has_funds": False,
            "contents": "Gemensamma handlingsplaner för att förebygga att ungdomar hamnar i droger och "
            "kriminalitet och för att förebygga krogrelaterat våld.",
        },
    )
    load_cycle()
