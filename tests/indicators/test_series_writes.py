"""Single observations written by hand (tests, a value set on a page) go into their series: create adds or
replaces a period, update and delete rewrite the periods they match, and a series left without periods is
gone. What the view shows afterwards is exactly what was written."""

from decimal import Decimal

import pytest

from samverka.indicators.models import Indicator, Observation, Place, Series

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(places):
    indicator = Indicator.objects.create(source="own", source_id="EGEN-1", name_sv="Egen räkning")
    place = Place.objects.create(
        code="2506", kind="municipality", name="Arjeplog", municipality=places["arjeplog"]
    )
    return indicator, place


def stored(indicator):
    return sorted(
        Observation.objects.filter(indicator=indicator).values_list(
            "period", "group", "value", "count", "status"
        )
    )


def test_create_update_and_delete_write_the_series_and_the_view_shows_them(key):
    indicator, place = key
    Observation.objects.create(indicator=indicator, place=place, period="2023", value="12.5", count=7)
    Observation.objects.create(indicator=indicator, place=place, period="2024", value=Decimal(3))
    Observation.objects.create(indicator=indicator, place=place, period="2024", group="K", value=Decimal(1))
    Observation.objects.create(
        indicator=indicator, place=place, period="2023", value=Decimal("13")
    )  # replaced
    assert Series.objects.filter(indicator=indicator).count() == 2
    assert stored(indicator) == [
        ("2023", "T", Decimal("13"), None, ""),
        ("2024", "K", Decimal("1"), None, ""),
        ("2024", "T", Decimal("3"), None, ""),
    ]

    assert Observation.objects.filter(indicator=indicator, period="2024").update(status="prel") == 2
    assert [s for *_rest, s in stored(indicator)] == ["", "prel", "prel"]

    assert Observation.objects.filter(indicator=indicator, group="K").delete()[0] == 1
    assert Series.objects.filter(indicator=indicator).count() == 1  # the K series had one period: gone
    Observation.objects.filter(indicator=indicator, period="2023").delete()
    assert stored(indicator) == [("2024", "T", Decimal("3"), None, "prel")]


def test_only_an_observations_values_can_be_updated(key):
    indicator, place = key
    Observation.objects.create(indicator=indicator, place=place, period="2023", value=Decimal(1))
    with pytest.raises(TypeError):
        Observation.objects.filter(indicator=indicator).update(period="2024")
    assert stored(indicator) == [("2023", "T", Decimal("1"), None, "")]
