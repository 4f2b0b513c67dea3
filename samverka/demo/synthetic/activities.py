"""The activity catalogue: activities with their areas, target groups, organisations and factors."""

import datetime

from samverka.activities.models import (
    Activity,
    Arena,
    EvidenceBasis,
    Factor,
    PreventionLevel,
    Status,
    SubstanceArea,
    TargetGroup,
)

TITLES = [
    "Föräldramöte om {x}",
    "Tobaksfri duo i {p}",
    "Ansvarsfull alkoholservering i {p}",
    "Nattvandring i {p}",
    "Drogfri skolavslutning",
    "Värdegrundsarbete mot {x}",
    "Antidopingarbete med gym i {p}",
    "Spelprevention för unga vuxna",
    "Fritidsgård med drogfri helg",
    "Tillsyn av tobaksförsäljning i {p}",
    "Kartläggning av {x} bland unga",
    "Utbildning för personal om {x}",
]
TOPICS = ["alkohol", "narkotika", "doping", "tobak och nikotin", "spel om pengar", "cannabis"]
BASE_DATE = datetime.date(2026, 6, 30)


def generate(ctx):
    rng, scale = ctx.rng, ctx.scale
    areas = list(SubstanceArea.objects.order_by("code").values_list("pk", flat=True))
    groups = list(TargetGroup.objects.order_by("code").values_list("pk", flat=True))
    factors = list(Factor.objects.order_by("code").values_list("pk", flat=True))
    # Bigger places have more activities: weight by a skewed size.
    weights = [rng.paretovariate(1.5) for _ in ctx.municipalities]
    activities, links = [], {"substance_areas": [], "target_groups": [], "organisations": [], "factors": []}
    for number in range(scale.activities):
        place = rng.choices(ctx.municipalities, weights=weights)[0]
        orgs = ctx.organisations_by_municipality[place.pk]
        status = rng.choices([Status.ACTIVE, Status.PAUSED, Status.ENDED], weights=[8, 1, 1])[0]
        activity = Activity(
            id=ctx.uuid(),
            municipality_id=place.pk,
            title=rng.choice(TITLES).format(x=rng.choice(TOPICS), p=place.name)[:200],
            summary=f"Syntetisk aktivitet nummer {number + 1}.",
            description="**Syfte:** att minska bruket bland unga.\n\n- samverkan med skola och polis",
            arena=rng.choice(Arena.values),
            prevention_level=rng.choice(PreventionLevel.values),
            age_min=rng.choice([None, 10, 13, 16]),
            age_max=rng.choice([None, 18, 25]),
            status=status,
            status_reason="" if status == Status.ACTIVE else "Personalbrist",
            evidence_basis=rng.choice(EvidenceBasis.values),
            frequency=rng.choice(["en gång per år", "varje vecka", "varje termin", ""]),
            reach_per_year=rng.choice([None, 20, 50, 120, 400]),
            contact_organisation_id=rng.choice(orgs).pk,
            published=rng.random() < 0.75,
            last_reviewed=BASE_DATE - datetime.timedelta(days=rng.randrange(0, 700)),
        )
        activities.append(activity)
        for pk in rng.sample(areas, rng.randint(1, 3)):
            links["substance_areas"].append((activity.pk, pk))
        for pk in rng.sample(groups, rng.randint(0, 2)):
            links["target_groups"].append((activity.pk, pk))
        for org in rng.sample(orgs, min(len(orgs), rng.randint(1, 2))):
            links["organisations"].append((activity.pk, org.pk))
        for pk in rng.sample(factors, rng.randint(0, 3)):
            links["factors"].append((activity.pk, pk))
    ctx.bulk(Activity, activities)
    for name, pairs in links.items():
        field = Activity._meta.get_field(name)
        Through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        ctx.bulk(Through, [Through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs])
    ctx.activities = activities
