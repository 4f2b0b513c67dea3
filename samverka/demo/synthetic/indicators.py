"""Indicators: places (country, counties, municipalities), indicators and ten years of observations.

25 indicators × every place × 10 years × 3 groups; at national scale 107 indicators, about 1,000,000
observations, inserted in batches of 5,000.
"""

from decimal import Decimal

from samverka.indicators.models import Indicator, Observation, Place

AREAS = ["alcohol", "narcotics", "doping", "tobacco", "gambling", "crime", "general"]


def generate(ctx):
    rng, scale = ctx.rng, ctx.scale
    places = [Place(code="0000", kind="country", name="Riket")]
    places += [Place(code=f"00{c.code}", kind="county", name=c.name, county_id=c.pk) for c in ctx.counties]
    places += [
        Place(code=m.code, kind="municipality", name=m.name, municipality_id=m.pk) for m in ctx.municipalities
    ]
    ctx.bulk(Place, places)
    places = list(Place.objects.order_by("code"))
    count = scale.indicators if scale.municipalities < 100 else 107
    indicators = [
        Indicator(
            id=ctx.uuid(),
            source="kolada",
            source_id=f"N{10000 + number}",
            name_sv=f"Syntetisk indikator {number + 1}",
            unit="%",
            direction=rng.choice(["better", "worse", "neutral"]),
            area=rng.choice(AREAS),
        )
        for number in range(count)
    ]
    ctx.bulk(Indicator, indicators)
    batch = []
    years = [str(2016 + year) for year in range(scale.years)]
    for indicator in indicators:
        for place in places:
            level = rng.uniform(5, 40)
            for period in years:
                level = max(0.0, level + rng.uniform(-2, 2))
                for group, factor in (("T", 1.0), ("K", 0.9), ("M", 1.1)):
                    batch.append(
                        Observation(
                            indicator_id=indicator.pk,
                            place_id=place.pk,
                            period=period,
                            group=group,
                            value=Decimal(f"{level * factor:.1f}"),
                        )
                    )
            if len(batch) >= 50_000:
                ctx.bulk(Observation, batch)
                batch = []
    ctx.bulk(Observation, batch)
