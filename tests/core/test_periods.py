"""Work periods: overlapping periods of one place are refused, and existing records join a period."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from samverka.core import periods
from samverka.core.models import Period


def test_merge_spans_joins_only_spans_sharing_a_year():
    assert periods.merge_spans([(2025, 2026), (2019, 2020), (2026, 2027), (2021, 2021)]) == [
        (2019, 2020),
        (2021, 2021),
        (2025, 2027),
    ]


def test_overlapping_period_of_the_same_place_is_refused_in_swedish(places):
    arjeplog = places["arjeplog"]
    periods.period_create(arjeplog, 2025, 2027)
    for first, last in [(2027, 2028), (2024, 2025), (2026, 2026), (2020, 2030)]:
        with pytest.raises(ValidationError) as error:
            periods.period_create(arjeplog, first, last)
        assert "har redan perioden 2025–2027" in error.value.messages[0]
    assert list(Period.objects.values_list("first_year", "last_year")) == [(2025, 2027)]


def test_adjacent_periods_and_other_places_are_free(places):
    periods.period_create(places["arjeplog"], 2025, 2027)
    periods.period_create(places["arjeplog"], 2028, 2029)
    periods.period_create(places["pitea"], 2025, 2027)
    periods.period_create(places["pite_alvdal"], 2025, 2027)
    assert Period.objects.count() == 4
    assert periods.period_at(places["arjeplog"], datetime.date(2027, 12, 31)).label == "2025–2027"
    assert periods.period_at(places["arjeplog"], datetime.date(2028, 1, 1)).label == "2028–2029"
    assert periods.period_at(places["arjeplog"], datetime.date(2024, 12, 31)) is None


def test_last_year_before_first_is_refused(places):
    with pytest.raises(ValidationError) as error:
        periods.period_create(places["arjeplog"], 2027, 2025)
    assert error.value.messages == ["Periodens sista år är före dess första år."]
    assert not Period.objects.exists()


def test_migration_attaches_existing_records_to_periods_without_overlap(places, users):
    from samverka.promises.models import ActionPlan, Promise
    from samverka.situation.models import SituationReport

    arjeplog, pite_alvdal = places["arjeplog"], places["pite_alvdal"]
    police = places["orgs"]["lpo-pitea-alvdal"]
    report = SituationReport.objects.create(municipality=arjeplog, title="Lägesbild 2019", period="2019")
    old = Promise.objects.create(
        municipality=arjeplog,
        police_area=police,
        title="Löfte 2019–2020",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    plan = ActionPlan.objects.create(
        municipality=arjeplog,
        owner_organisation=police,
        title="Plan 2025–2026",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    new = Promise.objects.create(
        municipality=arjeplog,
        police_area=police,
        title="Löfte 2026–2027",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2027, 12, 31),
    )
    joint = SituationReport.objects.create(collaboration=pite_alvdal, title="Gemensam", period="2019")
    undated = SituationReport.objects.create(municipality=arjeplog, title="Utan år", period="")

    migration = importlib.import_module("samverka.situation.migrations.0005_attach_records_to_periods")
    migration.attach(apps, None)

    labels = {(p.owner.name, p.label) for p in Period.objects.select_related("municipality", "collaboration")}
    assert labels == {("Arjeplog", "2019–2020"), ("Arjeplog", "2025–2027"), ("Pite älvdal", "2019")}
    for record, label in [(report, "2019–2020"), (old, "2019–2020"), (plan, "2025–2027"), (new, "2025–2027")]:
        record.refresh_from_db()
        assert record.work_period.label == label
        assert record.work_period.municipality == arjeplog
    joint.refresh_from_db()
    undated.refresh_from_db()
    assert joint.work_period.collaboration == pite_alvdal
    assert undated.work_period is None


def test_new_records_join_the_period_of_their_start(places, users):
    from samverka.promises import services

    period = periods.period_create(places["arjeplog"], 2025, 2027)
    promise = services.promise_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        title="Löfte 2027",
        start=datetime.date(2027, 1, 1),
        end=datetime.date(2027, 12, 31),
    )
    later = services.promise_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        title="Löfte 2028",
        start=datetime.date(2028, 1, 1),
        end=datetime.date(2028, 12, 31),
    )
    assert promise.work_period == period
    assert later.work_period is None
