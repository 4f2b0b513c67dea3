"""Writing imports: keyed (idempotent), corrections recorded, malformed files save nothing, batched."""

import pytest

from samverka.indicators import importing
from samverka.indicators.models import ImportRun, Indicator, Observation, ObservationChange, Place
from samverka.indicators.parsing import ImportFileError
from tests.indicators.conftest import DEMO_FILES, kolada_json, kolada_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _places(places):
    return places


def snapshot():
    return sorted(
        Observation.objects.values_list(
            "indicator__source_id", "place__code", "period", "group", "value", "status"
        )
    )


def test_places_exist_for_every_municipality_county_and_the_country():
    importing.places_ensure()
    importing.places_ensure()
    assert Place.objects.filter(kind="country").count() == 1
    assert Place.objects.get(code="0025").county.code == "25"
    assert Place.objects.get(code="2506").municipality.slug == "arjeplog"


def test_importing_the_same_kolada_file_twice_changes_nothing(import_kolada):
    data = (DEMO_FILES / "kolada-demo-2018-2023.json").read_bytes()
    first = import_kolada(data)
    before = snapshot()
    second = import_kolada(data)
    assert first.created == 324 and first.rows == 324
    assert (second.created, second.updated, second.unchanged) == (0, 0, 324)
    assert snapshot() == before
    assert not ObservationChange.objects.exists()


def test_a_corrected_file_updates_values_and_records_the_change(import_kolada):
    import_kolada(kolada_json([kolada_row(values=[{"gender": "T", "value": 412.3, "status": ""}])]))
    result = import_kolada(kolada_json([kolada_row(values=[{"gender": "T", "value": 398.1, "status": ""}])]))
    assert (result.created, result.updated) == (0, 1)
    observation = Observation.objects.get()
    assert str(observation.value.normalize()) == "398.1"
    change = ObservationChange.objects.get()
    assert (str(change.old_value.normalize()), str(change.new_value.normalize())) == ("412.3", "398.1")
    assert change.import_run.status == ImportRun.Status.DONE


def test_a_null_value_is_kept_with_its_status(import_kolada):
    import_kolada(kolada_json([kolada_row(values=[{"gender": "K", "value": None, "status": "Missing"}])]))
    observation = Observation.objects.get()
    assert (observation.value, observation.status, observation.group) == (None, "Missing", "K")


def test_an_error_in_the_last_row_saves_nothing_even_after_earlier_batches(import_kolada):
    rows = [kolada_row(period=2000 + i % 24, kpi=f"K{i // 24}") for i in range(300)]
    rows.append(kolada_row(place="9999"))
    with pytest.raises(ImportFileError, match="row 301: unknown municipality code 9999"):
        import_kolada(kolada_json(rows), batch_size=50)
    assert not Observation.objects.exists()
    assert not Indicator.objects.exists()


def test_a_truncated_page_among_several_saves_nothing(import_kolada):
    good = kolada_json([kolada_row(period=2022)])
    bad = kolada_json([kolada_row(period=2023)])[:-10]
    with pytest.raises(ImportFileError, match="file or page 2: .*ends too early"):
        import_kolada(good, bad)
    assert not Observation.objects.exists()


def test_a_dry_run_counts_and_saves_nothing(import_kolada):
    result = import_kolada(kolada_json([kolada_row(), kolada_row(place="0000")]), dry_run=True)
    assert (result.rows, result.created) == (2, 2)
    assert not Observation.objects.exists()


def test_kpi_descriptions_name_the_indicators_and_data_never_renames_them(import_kolada):
    import_kolada((DEMO_FILES / "kolada-kpi-demo.json").read_bytes())
    import_kolada((DEMO_FILES / "kolada-demo-2024.json").read_bytes())
    indicator = Indicator.objects.get(source_id="D00001")
    assert indicator.name_sv.startswith("Anmälda brott mot narkotikastrafflagen")
    assert indicator.unit == "per 100 000 inv."


def test_an_unnamed_kpi_is_created_under_its_id_until_named(import_kolada):
    import_kolada(kolada_json([kolada_row(kpi="N99999")]))
    assert Indicator.objects.get(source_id="N99999").name_sv == "N99999"


def test_the_swedish_survey_table_imports_idempotently(import_table):
    data = (DEMO_FILES / "skolenkat-demo-2019-2023.csv").read_bytes()
    first = import_table(data)
    second = import_table(data)
    assert first.created == 270
    assert (second.created, second.updated, second.unchanged) == (0, 0, 270)
    observation = Observation.objects.get(
        indicator__source_id="SK-ALK", place__code="2506", period="2023", group="y9K"
    )
    assert observation.count is not None and observation.denominator == 12
    assert Indicator.objects.get(source_id="SK-ALK").name_sv == "Har druckit alkohol senaste 12 månaderna"


def test_a_table_writes_only_the_importers_own_municipality_and_lists_the_rest(import_table):
    from samverka.indicators.importing import WriteScope

    own = WriteScope(codes=frozenset({"2506"}), shared=False)
    data = "Indikator;Kommun;År;Värde\nA;Arjeplog;2023;1\nA;Piteå;2023;2\nA;Norrbottens län;2023;3\n"
    result = import_table(data.encode(), scope=own)
    assert (result.rows, result.created) == (1, 1)
    assert [(i.code, i.name, i.count, i.rows) for i in result.left_out_list()] == [
        ("0025", "Norrbottens län", 1, [4]),
        ("2581", "Piteå", 1, [3]),
    ]
    assert list(Observation.objects.values_list("place__code", flat=True)) == ["2506"]
    with pytest.raises(ImportFileError, match="rows only for Piteå \\(2581\\): 2"):
        import_table("Indikator;Kommun;År;Värde\nB;Piteå;2023;2\n".encode(), scope=own)
    refusing = WriteScope(codes=frozenset({"2506"}), shared=False, refuse=True)
    with pytest.raises(ImportFileError, match="the file has rows for Norrbottens län \\(0025\\): 4, Piteå"):
        import_table(data.replace("A;", "C;").encode(), scope=refusing)
    assert not Observation.objects.filter(indicator__source_id="C").exists()


def test_an_empty_file_is_refused(import_table):
    with pytest.raises(ImportFileError):
        import_table("Indikator;Kommun;År;Värde\n".encode())


def test_writes_are_batched_so_twice_the_rows_cost_at_most_five_more_queries(import_kolada):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rows(kpi, years):
        return [
            kolada_row(kpi=kpi, place=p, period=y)
            for p in ("2506", "2581", "2505", "2560", "0025")
            for y in years
        ]

    import_kolada(kolada_json([kolada_row(kpi="N1"), kolada_row(kpi="N2")]))  # the indicators exist
    counts = {}
    for kpi, years in [
        ("N1", range(1990, 2030)),
        ("N2", range(1950, 2030)),
    ]:  # 200 and 400 rows, one batch each
        data = kolada_json(rows(kpi, years))
        with CaptureQueriesContext(connection) as new:
            import_kolada(data, batch_size=1000)
        with CaptureQueriesContext(connection) as changed:
            import_kolada(data.replace(b"412.3", b"400.1"), batch_size=1000)
        counts[kpi] = (len(new), len(changed))
    # Twice the rows (200 more): at most a few more queries, where SQLite's parameter limit splits an insert.
    assert counts["N2"][0] - counts["N1"][0] <= 5 and counts["N2"][1] - counts["N1"][1] <= 5
    # a constant few more since the preview's rows are readable: their statuses and their names, one each;
    # and one asking whether anything is stored for the indicators (if not, one plain INSERT writes their
    # series, and one more checks that the file gave no key twice; otherwise one counts the new rows)
    assert counts["N1"][0] < 34 and counts["N1"][1] < 34
    assert ObservationChange.objects.count() == 600


def test_a_kolada_entry_with_several_values_counts_as_one_row_left_out(import_kolada):
    scope = importing.WriteScope(codes=frozenset({"2581"}), shared=False)
    values = [{"gender": g, "value": 1.0, "status": ""} for g in ("T", "K", "M")]
    result = import_kolada(
        kolada_json([kolada_row("N1", "2581", 2023, values), kolada_row("N1", "2506", 2023, values)]),
        scope=scope,
    )
    assert result.rows == 3
    assert [(i.code, i.count, i.rows) for i in result.left_out_list()] == [("2506", 1, [2])]
