"""The observations' references carry no database constraint (a fact table loaded in bulk; the import
checks them set-based). Deleting what they point to must still behave as the foreign keys promise:
an indicator takes its observations with it, a municipality with observations is protected, and a
deleted import run leaves its observations without a run."""

import pytest
from django.db.models import ProtectedError

from samverka.core.models import Municipality
from samverka.indicators.models import ImportRun, Indicator, Observation

from .test_import_paths import FIRST, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _places(places):
    return places


def test_the_observation_table_has_no_foreign_key_constraints_but_deletes_follow_them():
    run_import(FIRST, "batched")
    alk = Indicator.objects.get(source_id="SK-ALK")
    tob = Indicator.objects.get(source_id="SK-TOB")
    assert Observation.objects.filter(indicator=alk).count() == 4
    assert Observation.objects.filter(indicator=tob).count() == 1

    alk.delete()
    assert not Observation.objects.filter(indicator_id=alk.pk).exists()
    assert Observation.objects.filter(indicator=tob).count() == 1


def test_a_municipality_with_observations_is_protected():
    run_import(FIRST, "batched")
    arjeplog = Municipality.objects.get(name="Arjeplog")
    with pytest.raises(ProtectedError):
        arjeplog.delete()
    assert Municipality.objects.filter(pk=arjeplog.pk).exists()
    assert Observation.objects.filter(place__municipality=arjeplog).count() == 3


def test_deleting_an_import_run_keeps_its_observations_without_a_run():
    run_import(FIRST, "batched")
    run = ImportRun.objects.get(file_name="enkat.csv")
    assert Observation.objects.filter(import_run=run).count() == 5
    run.delete()
    assert Observation.objects.count() == 5
    assert not Observation.objects.filter(import_run__isnull=False).exists()
