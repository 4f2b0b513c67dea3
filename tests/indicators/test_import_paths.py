"""The import's two ways into the staging table, COPY (PostgreSQL) and batched INSERTs (any database), give
the same result: the same observations with the same values, the same recorded changes, the same counts.
And a table read from an open file gives the same rows as the same table read from bytes."""

import io
from decimal import Decimal

import pytest
from django.db import connection, transaction

from samverka.indicators import importing
from samverka.indicators.models import ImportRun, Observation, ObservationChange
from samverka.indicators.parsing import ImportFileError

from .conftest import DEMO_FILES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _places(places):
    return places


HEADER = "Indikator;Fråga;Kommun;År;Årskurs;Kön;Andel (%);Antal;Antal svarande\r\n"


def table(lines: list[str]) -> bytes:
    return (HEADER + "".join(line + "\r\n" for line in lines)).encode("cp1252")


FIRST = table(
    [
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;40,0;24;60",
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Flickor;41,5;12;29",
        "SK-ALK;Har druckit alkohol;Arjeplog;2023;Åk 9;Totalt;38,25;23;60",
        "SK-ALK;Har druckit alkohol;Piteå;2023;Gy 2;Pojkar;;;",
        "SK-TOB;Röker dagligen;Riket;2023;Åk 9;Totalt;3,1;;",
    ]
)
# Changed: a value (40 -> 42), a count (12 -> 13), an empty value filled; unchanged: 2023 Arjeplog;
# new: Arvidsjaur and 2024; the 2024 row is given twice and its last row wins.
SECOND = table(
    [
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;42,0;25;60",
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Flickor;41,5;13;29",
        "SK-ALK;Har druckit alkohol;Arjeplog;2023;Åk 9;Totalt;38,25;23;60",
        "SK-ALK;Har druckit alkohol;Piteå;2023;Gy 2;Pojkar;12,5;5;40",
        "SK-ALK;Har druckit alkohol;Arvidsjaur;2023;Åk 9;Totalt;44,4;20;45",
        "SK-TOB;Röker dagligen;Riket;2024;Åk 9;Totalt;2,0;;",
        "SK-TOB;Röker dagligen;Riket;2024;Åk 9;Totalt;2,9;;",
    ]
)


def run_import(data: bytes, loader: str, batch_size: int = importing.BATCH_SIZE, name: str = "enkat.csv"):
    run = importing.import_run_create(
        user=None, municipality=None, file_name=name, file_format="table", data=None
    )
    rows = importing.parse_file(data, file_format="table", filename=name)
    return importing.observations_import(
        rows, run=run, source="survey", scope=importing.EVERYWHERE, loader=loader, batch_size=batch_size
    )


def snapshot(results) -> dict:
    """Everything an import leaves behind, by content (ids differ between runs)."""

    def key(o):
        return (o.indicator.source_id, o.place.code, o.period, o.group)

    observations = sorted(
        (*key(o), o.value, o.status, o.count, o.denominator, o.import_run.file_name)
        for o in Observation.objects.select_related("indicator", "place", "import_run")
    )
    changes = sorted(
        (
            *key(c.observation),
            c.import_run.file_name,
            c.old_value,
            c.new_value,
            c.old_status,
            c.new_status,
            c.old_count,
            c.new_count,
        )
        for c in ObservationChange.objects.select_related(
            "observation__indicator", "observation__place", "import_run"
        )
    )
    counts = [(r.rows, r.created, r.updated, r.unchanged, r.indicators_created) for r in results]
    previews = [
        [
            (row.row, row.indicator_code, row.place_code, row.period, row.group_code, row.old, row.value)
            for row in r.changes
        ]
        for r in results
    ]
    samples = [
        [(row.row, row.place_code, row.period, row.group_code, row.status, row.old) for row in r.sample]
        for r in results
    ]
    runs = sorted(
        ImportRun.objects.values_list("file_name", "status", "rows", "created", "updated", "unchanged")
    )
    return {
        "observations": observations,
        "changes": changes,
        "counts": counts,
        "previews": previews,
        "samples": samples,
        "runs": runs,
    }


def imported_with(loader: str, batch_size: int = importing.BATCH_SIZE) -> dict:
    """Both files through one loader, the result captured, then everything rolled back."""
    with transaction.atomic():
        results = [
            run_import(FIRST, loader, batch_size, "forsta.csv"),
            run_import(SECOND, loader, batch_size, "andra.csv"),
        ]
        state = snapshot(results)
        transaction.set_rollback(True)
    return state


def test_the_batched_path_keeps_the_last_row_of_a_key_and_records_changes_against_what_was_stored(db):
    state = imported_with("batched")
    assert state["counts"] == [(5, 5, 0, 0, 2), (7, 2, 3, 1, 0)]
    assert state["changes"] == [
        (
            "SK-ALK",
            "2506",
            "2022",
            "y9",
            "andra.csv",
            Decimal("40.000000"),
            Decimal("42.000000"),
            "",
            "",
            24,
            25,
        ),
        (
            "SK-ALK",
            "2506",
            "2022",
            "y9K",
            "andra.csv",
            Decimal("41.500000"),
            Decimal("41.500000"),
            "",
            "",
            12,
            13,
        ),
        ("SK-ALK", "2581", "2023", "g2M", "andra.csv", None, Decimal("12.500000"), "", "", None, 5),
    ]
    by_key = {o[:4]: o[4:] for o in state["observations"]}
    assert by_key[("SK-TOB", "0000", "2024", "y9")] == (Decimal("2.900000"), "", None, None, "andra.csv")
    assert by_key[("SK-ALK", "2506", "2023", "y9")] == (Decimal("38.250000"), "", 23, 60, "forsta.csv")
    assert by_key[("SK-ALK", "2581", "2023", "g2M")] == (Decimal("12.500000"), "", 5, 40, "andra.csv")
    assert len(state["observations"]) == 7
    # the preview lists the changes in the file's order, with the spreadsheet's row numbers
    assert [(p[0], p[2], p[5], p[6]) for p in state["previews"][1]] == [
        (2, "2506", Decimal("40.000000"), Decimal("42.000000")),
        (3, "2506", Decimal("41.500000"), Decimal("41.500000")),
        (5, "2581", None, Decimal("12.500000")),
    ]
    # each of the first rows says what the import does with it, against what was stored before; the first
    # of the two 2024 rows is refused, its key's last row counts
    assert state["samples"][1] == [
        (2, "2506", "2022", "y9", "changed", Decimal("40.000000")),
        (3, "2506", "2022", "y9K", "changed", Decimal("41.500000")),
        (4, "2506", "2023", "y9", "unchanged", Decimal("38.250000")),
        (5, "2581", "2023", "g2M", "changed", None),
        (6, "2505", "2023", "y9", "new", None),
        (7, "0000", "2024", "y9", "refused", None),
        (8, "0000", "2024", "y9", "new", None),
    ]
    assert {row[4] for row in state["samples"][0]} == {"new"}


def test_batch_size_does_not_change_the_result(db):
    assert imported_with("batched", batch_size=2) == imported_with("batched")


def test_a_malformed_row_after_loaded_chunks_saves_nothing_and_leaves_no_staging_table(db):
    bad = SECOND.replace(b"2,9;;", b"2,9x;;")
    with pytest.raises(ImportFileError) as caught:
        run_import(bad, importing.default_loader(), batch_size=2)
    assert caught.value.row == 8
    assert Observation.objects.count() == 0
    result = run_import(FIRST, importing.default_loader())  # the next import starts clean
    assert (result.created, Observation.objects.count()) == (5, 5)


def test_a_table_read_from_an_open_file_gives_the_rows_of_the_same_bytes(db, tmp_path):
    path = DEMO_FILES / "skolenkat-demo-2019-2023.csv"
    from_bytes = list(importing.parse_file(path.read_bytes(), file_format="table", filename=path.name))
    with open(path, "rb") as handle:
        from_file = list(importing.parse_file(handle, file_format="table", filename=path.name))
    assert from_file == from_bytes and len(from_file) == 270
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"  \r\n\r\n")
    with open(empty, "rb") as handle, pytest.raises(ImportFileError) as caught:
        list(importing.parse_file(handle, file_format="table", filename="tom.csv"))
    assert caught.value.message == "The file is empty."
    with pytest.raises(ImportFileError) as caught:
        list(importing.parse_file(io.BytesIO(b"Indikator;Kommun\xff\x00;\r\n"), file_format="table"))
    assert caught.value.message == "The file is not a text file."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_and_batched_paths_give_identical_rows_values_and_changes(db):
    by_copy = imported_with("copy")
    by_batches = imported_with("batched", batch_size=3)
    assert by_copy == by_batches
    assert by_copy["counts"] == [(5, 5, 0, 0, 2), (7, 2, 3, 1, 0)]
    assert len(by_copy["changes"]) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_and_batched_paths_agree_on_the_demo_table_imported_twice_with_corrections(db):
    data = (DEMO_FILES / "skolenkat-demo-2019-2023.csv").read_bytes()
    corrected = data.replace(b";43,6;26;60", b";44,1;27;60").replace(b"Totalt;63,6;38;60", b"Totalt;;;")

    def both(loader):
        with transaction.atomic():
            results = [
                run_import(data, loader, name="forsta.csv"),
                run_import(corrected, loader, name="andra.csv"),
            ]
            state = snapshot(results)
            transaction.set_rollback(True)
        return state

    by_copy = both("copy")
    assert by_copy == both("batched")
    assert by_copy["counts"][1][1:4] == (0, len(by_copy["changes"]), 270 - len(by_copy["changes"]))
    assert len(by_copy["changes"]) >= 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no COPY")
def test_the_copy_loader_is_refused_where_there_is_no_copy(db):
    assert importing.default_loader() == "batched"
    with pytest.raises(ValueError):
        run_import(FIRST, "copy")
    assert Observation.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_postgresql_imports_through_copy_by_default(db):
    assert importing.default_loader() == "copy"
