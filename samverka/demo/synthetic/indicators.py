"""Indicators: places (country, counties, municipalities), indicators and ten years of observations.

25 indicators × every place × 10 years × 3 groups; at national scale 107 indicators, about 1,000,000
observations in some 100,000 series, inserted in batches of 5,000 series.
"""

from decimal import Decimal

from samverka.indicators.models import Indicator, Place, Series

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
    groups = (("T", 1.0), ("K", 0.9), ("M", 1.1))
    for indicator in indicators:
        for place in places:
            level = rng.uniform(5, 40)
            values = {group: [] for group, _factor in groups}
            for _period in years:
                level = max(0.0, level + rng.uniform(-2, 2))
                for group, factor in groups:
                    values[group].append(Decimal(f"{level * factor:.1f}"))
            batch += [
                Series(
                    indicator_id=indicator.pk,
                    place_id=place.pk,
                    group=group,
                    periods=years,
                    values=values[group],
                    counts=[None] * len(years),
                    denominators=[None] * len(years),
                    statuses=[""] * len(years),
                )
                for group, _factor in groups
            ]
            if len(batch) >= 5_000:
                ctx.bulk(Series, batch)
                batch = []
    ctx.bulk(Series, batch)
