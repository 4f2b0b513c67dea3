"""Every activity of the source page "Metoder/Aktiviteter" (003_8e3e906edc0326b4.txt), in Arjeplog.

Partners and statuses are the ones the text gives; reach and evidence are left empty where the text
says nothing. Idempotent: ids are derived from a stable key, and an existing activity is left as it is
(running the loader twice changes nothing, and never undoes a coordinator's edits).
"""

import datetime
import uuid

from django.db import transaction

from samverka.activities import vocabularies
from samverka.activities.models import (
    Activity,
    Arena,
    EvidenceBasis,
    Factor,
    Occasion,
    Status,
    SubstanceArea,
    TargetGroup,
)
from samverka.core.models import Municipality, Organisation

NAMESPACE = uuid.UUID("6f1d7f43-5a3e-4c2e-9d55-1b0a2c7e8a10")

# Organisations the text names that the foundation lacks: slug -> (name, kind, parent slug)
EXTRA_ORGANISATIONS = {
    "arjeplog-ungdomskonsulenter": (
        "Ungdomskonsulenterna",
        Organisation.Kind.MUNICIPALITY,
        "arjeplogs-kommun",
    ),
    "ungdomsradet-arjeplog": ("Ungdomsrådet", Organisation.Kind.ASSOCIATION, None),
    "arjeplog-gym": ("Kommunens gym", Organisation.Kind.MUNICIPALITY, "arjeplogs-kommun"),
}

# key: (arena, title, summary, organisations, status, reason, areas, target groups, factors, frequency)
ACTIVITIES = {
    "brochure": (
        Arena.FAMILY,
        "Broschyren ”Att umgås med barn”",
        "En broschyr som har tagits fram till stöd för småbarnsföräldrar.",
        ["arjeplogs-kommun"],
        Status.ACTIVE,
        "",
        ["alcohol", "tobacco"],
        ["parents"],
        ["parental_attitudes"],
        "",
    ),
    "parental-support": (
        Arena.FAMILY,
        "Föräldrastöd",
        "Kommunens erbjudande om föräldrastöd.",
        ["arjeplogs-kommun"],
        Status.PAUSED,
        "Personalbrist.",
        ["alcohol", "narcotics", "tobacco"],
        ["parents"],
        ["parental_monitoring"],
        "",
    ),
    "concern-talks": (
        Arena.FAMILY,
        "Orosamtal",
        "Kommunen och polisen upptäcker tidigt ungdomar i risk för utanförskap eller brottsutveckling. "
        "Påträffas en ungdom i en miljö eller händelse som väcker oro erbjuds vårdnadshavare och ungdom "
        "ett orosamtal.",
        ["arjeplogs-kommun", "lpo-pitea-alvdal"],
        Status.ACTIVE,
        "",
        ["crime"],
        ["young_people", "parents"],
        [],
        "",
    ),
    "polar-early-detection": (
        Arena.CHILDREN_YOUTH,
        "Tidig upptäckt på fritidsgården Polar",
        "Fritidsgården Polar har utvecklat sina rutiner för att tidigt upptäcka och ingripa om barn befinner "
        "sig i riskzon, och ser över sina arbetssätt så att de bättre följer det som forskning visat "
        "effektivt och det som kommunens unga vill ha. Tätt samarbete med ungdomskonsulenterna och "
        "Ungdomsrådet.",
        ["fritidsgarden-polar", "arjeplog-ungdomskonsulenter", "ungdomsradet-arjeplog"],
        Status.ACTIVE,
        "",
        ["alcohol", "narcotics", "crime"],
        ["children", "young_people"],
        ["early_onset"],
        "",
    ),
    "norrbus": (
        Arena.CHILDREN_YOUTH,
        "Norrbus",
        "Kommunen och regionen (tidigare landstinget) samarbetar för att barn med sammansatta behov snabbt "
        "och effektivt ska få rätt stöd.",
        ["arjeplogs-kommun", "region-norrbotten"],
        Status.ACTIVE,
        "",
        ["narcotics", "crime"],
        ["children"],
        [],
        "",
    ),
    "aggression": (
        Arena.CHILDREN_YOUTH,
        "Träning i att hantera aggressioner",
        "Kommunen har personal utbildad i en metod som hjälper unga att hantera aggressioner och förbättra "
        "sin impulskontroll.",
        ["arjeplogs-kommun"],
        Status.ACTIVE,
        "",
        ["crime"],
        ["young_people"],
        ["aggression"],
        "",
    ),
    "outreach": (
        Arena.CHILDREN_YOUTH,
        "Uppsökande verksamhet kvällar och helger",
        "Kommunen och polisen samarbetar kring uppsökande verksamhet på kvällar och helger.",
        ["arjeplogs-kommun", "lpo-pitea-alvdal"],
        Status.ACTIVE,
        "",
        ["crime"],
        ["young_people"],
        [],
        "Kvällar och helger",
    ),
    "mediation": (
        Arena.CHILDREN_YOUTH,
        "Medling för unga lagöverträdare och brottsoffer",
        "Kommunen och polisen erbjuder medling till unga lagöverträdare och brottsoffer.",
        ["arjeplogs-kommun", "lpo-pitea-alvdal"],
        Status.ACTIVE,
        "",
        ["crime"],
        ["young_people"],
        [],
        "",
    ),
    "supplying-minors": (
        Arena.CHILDREN_YOUTH,
        "Samarbete mot langning",
        "Kommun, polis och Systembolaget samarbetar för att motverka langning av alkohol till unga.",
        ["arjeplogs-kommun", "lpo-pitea-alvdal", "systembolaget"],
        Status.ACTIVE,
        "",
        ["alcohol"],
        ["young_people", "public"],
        ["availability"],
        "",
    ),
    "school-absence": (
        Arena.SCHOOL,
        "Riktat arbete mot skolfrånvaro",
        "Skolframgång är en skyddande faktor och skolk en riskfaktor. Ett riktat arbete pågår för att "
        "minska skolfrånvaron och få tillbaka de unga som i dag inte kommer till skolan.",
        ["arjeplog-skolan"],
        Status.ACTIVE,
        "",
        ["alcohol", "narcotics", "tobacco", "crime"],
        ["young_people", "children"],
        ["truancy", "school_success"],
        "",
    ),
    "anti-doping": (
        Arena.LEISURE,
        "Antidopingarbete med kommunens gym",
        "Ett antidopingarbete pågår tillsammans med kommunens gym.",
        ["arjeplog-gym"],
        Status.ACTIVE,
        "",
        ["doping"],
        [],
        [],
        "",
    ),
    "bra-action-plans": (
        Arena.SOCIETY,
        "BRÅ:s gemensamma handlingsplaner",
        "I det lokala brottsförebyggande rådet (BRÅ) samarbetar kommunen och polisen. Gemensamma "
        "handlingsplaner tas fram för att förebygga att ungdomar hamnar i droger och kriminalitet och för "
        "att förebygga krogrelaterat våld. BRÅ är en arbetsgrupp som styrs av Rådet för social hållbarhet.",
        ["bra-arjeplog", "arjeplogs-kommun", "lpo-pitea-alvdal"],
        Status.ACTIVE,
        "",
        ["narcotics", "crime", "alcohol"],
        ["young_people", "public"],
        [],
        "",
    ),
}

# The source page names no evidence; for the demo, the trained method counts as research-based and the
# municipality's own routines as experience-based, so the gap view shows both kinds of cell.
EVIDENCE = {
    "aggression": EvidenceBasis.RESEARCH,
    "school-absence": EvidenceBasis.EXPERIENCE,
    "polar-early-detection": EvidenceBasis.EXPERIENCE,
}


@transaction.atomic
def load(stdout=None):
    vocabularies.seed(SubstanceArea, TargetGroup, Factor)
    arjeplog = Municipality.objects.filter(slug="arjeplog").first()
    if arjeplog is None:
        return
    orgs = {o.slug: o for o in Organisation.objects.all()}
    for slug, (name, kind, parent) in EXTRA_ORGANISATIONS.items():
        org, created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "parent": orgs.get(parent)}
        )
        if created:
            org.municipalities.add(arjeplog)
        orgs[slug] = org
    areas = {a.code: a for a in SubstanceArea.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    factors = {f.code: f for f in Factor.objects.all()}
    created_count = 0
    for key, (
        arena,
        title,
        summary,
        partners,
        status,
        reason,
        area_codes,
        group_codes,
        factor_codes,
        freq,
    ) in ACTIVITIES.items():
        activity, created = Activity.objects.get_or_create(
            pk=uuid.uuid5(NAMESPACE, f"arjeplog/{key}"),
            defaults={
                "municipality": arjeplog,
                "title": title,
                "summary": summary,
                "arena": arena,
                "status": status,
                "status_reason": reason,
                "frequency": freq,
                "published": True,
                "evidence_basis": EVIDENCE.get(key, EvidenceBasis.NONE),
            },
        )
        if created:
            created_count += 1
            activity.organisations.set([orgs[s] for s in partners])
            activity.substance_areas.set([areas[c] for c in area_codes])
            activity.target_groups.set([groups[c] for c in group_codes])
            activity.factors.set([factors[c] for c in factor_codes])
    occasions_load(arjeplog, orgs)
    if stdout is not None:
        stdout.write(f"activities: {created_count} new of {len(ACTIVITIES)} in Arjeplog\n")


def _yearly(key, month, day, venue, counts, partners=()):
    """One occasion a year from 2019, with the number who took part each year."""
    return [
        (key, datetime.date(year, month, day), venue, n, partners)
        for year, n in zip(range(2019, 2019 + len(counts)), counts, strict=False)
        if n is not None
    ]


# The activity log of the demo (invented, aggregate counts only): (activity key, date, place, how many
# took part, partner organisations). The anti-doping evenings are small, so the public sees "fewer than 5".
OCCASIONS = [
    *_yearly("aggression", 3, 10, "Arjeplogs skola", [24, 21, 26, 22, 25, 23, 27, 24]),
    *_yearly(
        "outreach",
        6,
        12,
        "Centrum och Silvervallen",
        [None, 35, 31, None, None, 36, 40, 38],
        ["lpo-pitea-alvdal"],
    ),
    ("anti-doping", datetime.date(2020, 2, 11), "Kommunens gym", 3, ["arjeplog-gym"]),
    ("anti-doping", datetime.date(2025, 3, 12), "Kommunens gym", 4, ["arjeplog-gym"]),
    ("anti-doping", datetime.date(2025, 9, 10), "Kommunens gym", 9, ["arjeplog-gym"]),
]
# By age band and gender where the school counted (13–15 year olds, about half girls).
BREAKDOWN = {"aggression": lambda n: {"13-15": {"girls": n // 2, "boys": n - n // 2}}}


def occasions_load(arjeplog, orgs) -> None:
    for key, date, venue, participants, partners in OCCASIONS:
        breakdown = BREAKDOWN[key](participants) if key in BREAKDOWN else {}
        occasion, _created = Occasion.objects.update_or_create(
            pk=uuid.uuid5(NAMESPACE, f"arjeplog/{key}/{date.isoformat()}"),
            defaults={
                "municipality": arjeplog,
                "activity_id": uuid.uuid5(NAMESPACE, f"arjeplog/{key}"),
                "date": date,
                "venue": venue,
                "participants": participants,
                "breakdown": breakdown,
            },
        )
        occasion.organisations.set([orgs[s] for s in partners if s in orgs])
