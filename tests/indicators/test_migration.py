"""The indicator models moved from the situation app into their own app, in the same tables: a database
made before the move keeps every indicator, observation, import, history row and link to them."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("indicators", None),
    ("situation", "0002_problem_goal_commitment_foreign_keys"),
    ("promises", "0002_goal_target_linked_indicator"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_indicators_observations_and_links(places):
    old = migrate(BEFORE)
    indicator_model = old.get_model("situation", "Indicator")
    assert indicator_model._meta.db_table == "situation_indicator"
    municipality = places["arjeplog"]
    place = old.get_model("situation", "Place").objects.create(
        code=municipality.code, kind="municipality", name=municipality.name, municipality_id=municipality.pk
    )
    indicator = indicator_model.objects.create(source="kolada", source_id="N07403", name_sv="Brott")
    old.get_model("situation", "HistoricalIndicator").objects.create(
        id=indicator.pk,
        source="kolada",
        source_id="N07403",
        name_sv="Brott",
        history_date=timezone.now(),
        history_type="+",
    )
    run = old.get_model("situation", "ImportRun").objects.create(file_name="k.json", file_format="kolada")
    observation = old.get_model("situation", "Observation").objects.create(
        indicator=indicator, place=place, period="2023", value=Decimal("412.3"), import_run=run
    )
    old.get_model("situation", "ObservationChange").objects.create(
        observation=observation, import_run=run, old_value=Decimal("400"), new_value=Decimal("412.3")
    )
    report = old.get_model("situation", "SituationReport").objects.create(
        municipality_id=municipality.pk, title="Lägesbild 2023", period="2023"
    )
    old.get_model("situation", "ReportIndicator").objects.create(report=report, indicator=indicator)
    ContentType.objects.get_or_create(app_label="situation", model="indicator")

    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())

    from samverka.indicators.models import ImportRun, Indicator, Observation, ObservationChange, Place
    from samverka.situation.models import ReportIndicator

    moved = Indicator.objects.get(source_id="N07403")
    assert moved.pk == indicator.pk and moved.name_sv == "Brott"
    kept = Observation.objects.get(indicator=moved)
    assert (kept.place, kept.period, kept.value) == (
        Place.objects.get(code=municipality.code),
        "2023",
        Decimal("412.3"),
    )
    assert kept.import_run == ImportRun.objects.get(file_name="k.json")
    assert ObservationChange.objects.get(series_id=kept.series_id, period="2023").old_value == Decimal("400")
    assert [h.name_sv for h in moved.history.all()] == ["Brott"]
    assert ReportIndicator.objects.get(report_id=report.pk).indicator == moved
    assert ContentType.objects.filter(app_label="indicators", model="indicator").count() == 1
    assert not ContentType.objects.filter(app_label="situation", model="indicator").exists()
