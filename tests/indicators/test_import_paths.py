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
            c.series.indicator.source_id,
            c.series.place.code,
            c.period,
            c.series.group,
            c.import_run.file_name,
            c.old_value,
            c.new_value,
            c.old_status,
            c.new_status,
            c.old_count,
            c.new_count,
        )
        for c in ObservationChange.objects.select_related("series__indicator", "series__place", "import_run")
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
    # unchanged, in a series andra.csv changed (2022): an observation's import is its series' last one
    assert by_key[("SK-ALK", "2506", "2023", "y9")] == (Decimal("38.250000"), "", 23, 60, "andra.csv")
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


def test_a_first_import_giving_a_key_twice_keeps_its_last_row_on_every_path(db):
    """Nothing stored yet: the plain INSERT breaks the unique key, and the merge keeps the last row."""
    data = table(
        [
            "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;40,0;24;60",
            "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;45,5;27;60",
            "SK-ALK;Har druckit alkohol;Arjeplog;2023;Åk 9;Totalt;38,25;23;60",
        ]
    )
    states = []
    for loader in ["copy", "batched"] if connection.vendor == "postgresql" else ["batched"]:
        with transaction.atomic():
            result = run_import(data, loader)
            states.append(snapshot([result]))
            assert [row.status for row in result.sample] == ["refused", "new", "new"]
            assert [o[4] for o in states[-1]["observations"]] == [Decimal("45.5"), Decimal("38.25")]
            assert states[-1]["counts"] == [(3, 2, 0, 0, 1)]
            transaction.set_rollback(True)
    assert all(state == states[0] for state in states)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
@pytest.mark.parametrize(
    "lines, stored",
    [
        (  # one place spelt two ways: one series, its two years; the key given twice: the last row
            [
                "SK-ALK;Har druckit alkohol;2506;2022;Åk 9;Totalt;40,0;24;60",
                "SK-ALK;Har druckit alkohol;Arjeplog;2023;Åk 9;Totalt;38,25;23;60",
                "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;41,0;25;60",
            ],
            [("2506", "2022", Decimal("41")), ("2506", "2023", Decimal("38.25"))],
        ),
        (  # years more than 63 apart: no year bits; a key given twice is still found
            [
                "SK-ALK;Har druckit alkohol;Arjeplog;1950;Åk 9;Totalt;1,0;1;60",
                "SK-ALK;Har druckit alkohol;Arjeplog;2024;Åk 9;Totalt;2,0;2;60",
                "SK-ALK;Har druckit alkohol;Arjeplog;1950;Åk 9;Totalt;3,0;3;60",
            ],
            [("2506", "1950", Decimal("3")), ("2506", "2024", Decimal("2"))],
        ),
        (  # periods that are not plain years (a month, a school year): their verdicts joined
            [
                "SK-ALK;Har druckit alkohol;Arjeplog;2024-03;Åk 9;Totalt;5,5;5;60",
                "SK-ALK;Har druckit alkohol;Arjeplog;2024;Åk 9;Totalt;6,5;6;60",
                "SK-ALK;Har druckit alkohol;Arjeplog;2024-03;Åk 9;Totalt;7,5;7;60",
            ],
            [("2506", "2024", Decimal("6.5")), ("2506", "2024-03", Decimal("7.5"))],
        ),
    ],
)
def test_a_first_import_is_the_same_through_copy_and_batches_whatever_its_places_and_periods(
    db, lines, stored
):
    """A first import through COPY is one INSERT of series grouped in SQL (tablecopy._series_select), a
    key given twice found by the periods' bits or verdicts: the same as row by row."""
    states = []
    for loader in ["copy", "batched"]:
        with transaction.atomic():
            result = run_import(table(lines), loader)
            states.append(snapshot([result]))
            transaction.set_rollback(True)
    assert states[0] == states[1]
    assert [(o[1], o[2], o[4]) for o in states[0]["observations"]] == stored
    assert states[0]["counts"] == [(3, 2, 0, 0, 1)]


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


# --- the database reading the table (indicators/tablecopy.py) against Python reading it row by row -------


@pytest.fixture
def paths(monkeypatch):
    """Which way each import of a table went: "database" (tablecopy read it, or refused it with an error)
    or "python" (tablecopy handed it to the row-by-row path)."""
    from samverka.indicators import tablecopy

    taken = []
    stage = tablecopy.stage

    def spy(*args, **kwargs):
        try:
            staged = stage(*args, **kwargs)
        except tablecopy.NotForCopy:
            taken.append("python")
            raise
        except ImportFileError:
            taken.append("database")
            raise
        taken.append("database")
        return staged

    monkeypatch.setattr(tablecopy, "stage", spy)
    return taken


def outcome(data: bytes, loader: str, limits=None, name: str = "enkat.csv"):
    """What one import of `data` leaves: its snapshot, or its error (message, row, Swedish text)."""
    from django.utils import translation

    with transaction.atomic():
        run = importing.import_run_create(
            user=None, municipality=None, file_name=name, file_format="table", data=None
        )
        rows = importing.parse_file(data, file_format="table", filename=name, limits=limits)
        try:
            state = snapshot(
                [
                    importing.observations_import(
                        rows, run=run, source="survey", scope=importing.EVERYWHERE, loader=loader
                    )
                ]
            )
        except ImportFileError as exc:
            with translation.override("sv"):
                state = ("error", exc.message, exc.row, importing.import_error_text(exc))
        transaction.set_rollback(True)
        return state


def both_paths(data: bytes, paths: list, limits=None, expect: str = "database"):
    """The outcome through the database (PostgreSQL) and row by row, checked identical."""
    by_python = outcome(data, "batched", limits)
    if connection.vendor != "postgresql":
        return by_python
    by_database = outcome(data, "copy", limits)
    assert paths == [expect]
    assert by_database == by_python
    return by_database


REFUSED = [
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;4x,0;24;60",
        3,
        "column 'andel (%)' holds '4x,0', which is not a number.",
    ),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;=SUMMA(G2:G9);24;60",
        3,
        "column 'andel (%)' holds '=SUMMA(G2:G9)', which is not a number.",
    ),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;40,0;12,5;60",
        3,
        "column 'antal' holds '12,5', which is not a whole number.",
    ),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;40,0;-3;60",
        3,
        "column 'antal' holds '-3', which is not a whole number.",
    ),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;1234567890123;24;60",
        3,
        "andel (%) 1234567890123 is too large.",
    ),
    (";;Arjeplog;2022;Åk 9;Totalt;40,0;24;60", 3, "the indicator is empty."),
    (
        "X" * 41 + ";Fråga;Arjeplog;2022;Åk 9;Totalt;40,0;24;60",
        3,
        f"indicator id {'X' * 40!r}… is longer than 40 characters.",
    ),
    (
        "SK-ALK;Har druckit alkohol;Atlantis;2022;Åk 9;Totalt;40,0;24;60",
        3,
        "unknown municipality 'Atlantis'.",
    ),
    ("SK-ALK;Har druckit alkohol;9999;2022;Åk 9;Totalt;40,0;24;60", 3, "unknown municipality code 9999."),
    ("SK-ALK;Har druckit alkohol;=A1;2022;Åk 9;Totalt;40,0;24;60", 3, "unknown municipality '=A1'."),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;20x2;Åk 9;Totalt;40,0;24;60",
        3,
        "'20x2' is not a period (a year such as 2023, or 2023-T1, 2023-Q2).",
    ),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 7;Totalt;40,0;24;60",
        3,
        "grade 'Åk 7' is not 'Åk 9' or 'Gy 2'.",
    ),
    (
        "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Alla barn;40,0;24;60",
        3,
        "group 'Alla barn' is not Totalt, Flickor or Pojkar (or Kvinnor, Män).",
    ),
]


@pytest.mark.parametrize(("line", "row", "message"), REFUSED)
def test_each_refused_row_is_refused_alike_by_the_database_and_row_by_row(db, paths, line, row, message):
    good = "SK-TOB;Röker dagligen;Riket;2023;Åk 9;Totalt;3,1;;"
    # the wrong row among good ones, a later wrong row too: the first one is reported, nothing is saved
    data = table([good, line, good.replace("2023", "2021"), "SK-TOB;;Riket;2023;Åk 9;Totalt;x;;"])
    kind, text, at, swedish = both_paths(data, paths)
    assert (kind, text, at) == ("error", message, row)
    assert swedish.startswith(f"Rad {row}: ")
    assert Observation.objects.count() == 0


def test_a_row_with_cells_beyond_the_header_is_refused_alike(db, paths):
    good = "SK-TOB;Röker dagligen;Riket;2023;Åk 9;Totalt;3,1;;"
    # after the first 4 kB, where csv's sniffer has found the delimiter
    data = table([good] * 100 + ["SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt;40,0;24;60;;extra"])
    kind, text, at, _ = both_paths(data, paths)
    assert (kind, text, at) == ("error", "The row has 11 cells but the header names 9 columns.", 102)


def test_a_table_without_a_place_column_is_refused_alike(db, paths):
    data = "Indikator;År;Andel (%)\r\nSK-ALK;2023;40,0\r\n".encode("cp1252")
    kind, text, at, swedish = both_paths(data, paths)
    assert (kind, at) == ("error", 1)
    assert text == "The table lacks the column(s) Kommun. Its columns are: indikator, år, andel (%)."
    assert "saknar" in swedish


def test_too_many_rows_are_refused_alike_and_an_earlier_wrong_row_first(db, paths):
    from samverka.core.tabular import Limits

    lines = [f"SK-ALK;Fråga;Arjeplog;{year};Åk 9;Totalt;40,0;24;60" for year in range(2010, 2015)]
    kind, text, at, _ = both_paths(table(lines), paths, limits=Limits(max_rows=3))
    assert (kind, text, at) == ("error", "The file has more than 3 rows; split it into smaller files.", 5)
    paths.clear()
    lines[1] = lines[1].replace("40,0", "fyrtio")
    kind, text, at, _ = both_paths(table(lines), paths, limits=Limits(max_rows=3))
    assert (kind, text, at) == ("error", "column 'andel (%)' holds 'fyrtio', which is not a number.", 3)
    paths.clear()
    state = both_paths(table(lines[:1] + lines[2:4]), paths, limits=Limits(max_rows=3))  # exactly 3: read
    assert state["counts"] == [(3, 3, 0, 0, 1)]


def test_numbers_only_python_reads_and_blank_rows_give_the_same_values_both_ways(db, paths):
    data = table(
        [
            "SK-ALK;Har druckit alkohol;Arjeplog;2022;Åk 9;Totalt; 1 234,5 ;24;60",
            "",
            "  ;  ;;;;;;;",
            "SK-ALK;Har druckit alkohol;arjeplog;2023;åk 9;flickor;- 3,5;7;29",
            "SK-ALK;Har druckit alkohol;Arjeplog;2021;Åk 9;Totalt;1,1234565;12,0;30",
            "SK-ALK;Har druckit alkohol;Arjeplog;2020;Åk 9;Totalt;1.234,5;;",
            "SK-TOB;Röker dagligen;Norrbottens län;2023-T1;Gy 2;Pojkar;;;;",
        ]
    )
    state = both_paths(data, paths)
    by_key = {o[:4]: o[4:8] for o in state["observations"]}
    assert by_key == {
        ("SK-ALK", "2506", "2022", "y9"): (Decimal("1234.500000"), "", 24, 60),
        ("SK-ALK", "2506", "2023", "y9K"): (Decimal("-3.500000"), "", 7, 29),
        ("SK-ALK", "2506", "2021", "y9"): (Decimal("1.123456"), "", 12, 30),
        ("SK-ALK", "2506", "2020", "y9"): (Decimal("1234.500000"), "", None, None),
        ("SK-TOB", "0025", "2023-T1", "g2M"): (None, "", None, None),
    }
    assert [s[0] for s in state["samples"][0]] == [2, 5, 6, 7, 8]


def test_a_table_of_counts_a_utf8_file_and_a_quoted_file_give_the_same_result_both_ways(db, paths):
    counts = "\ufeffFråga;Kommun;År;Antal;Status\r\nHar druckit;Piteå;2023;17;prel\r\n".encode()
    state = both_paths(counts, paths)
    assert [o[4:7] for o in state["observations"]] == [(Decimal("17.000000"), "prel", 17)]
    assert state["counts"] == [(1, 1, 0, 0, 1)]
    paths.clear()
    quoted = table(['SK-ALK;"Har druckit; alkohol";Arjeplog;2022;Åk 9;Totalt;40,0;24;60'])
    state = both_paths(quoted, paths, expect="python")  # csv unquotes: read row by row
    assert state["counts"] == [(1, 1, 0, 0, 1)]


def test_the_database_reads_a_plain_table_as_cells_and_an_uneven_one_as_lines(db, monkeypatch):
    """COPY reads a table whose rows have the header line's cells straight into columns; a blank line or a
    row with a cell too many makes it fail, and the lines are split by SQL instead: the same result."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no COPY")
    from samverka.indicators import tablecopy

    read = []
    stage = tablecopy.stage

    def spy(*args, **kwargs):
        staged = stage(*args, **kwargs)
        read.append(staged.read)
        return staged

    monkeypatch.setattr(tablecopy, "stage", spy)
    lines = FIRST.decode("cp1252").split("\r\n")[1:-1]
    for data in (
        FIRST,
        table(lines[:2] + [""] + lines[2:]),  # a blank line
        table([*lines[:4], lines[4] + ";"]),  # a blank cell beyond the header
        "Indikator;Kommun;År;Andel (%);;\r\nSK-ALK;Arjeplog;2022;40,0;;\r\nSK-ALK;Piteå;2022;4,5; ;\r\n".encode(
            "cp1252"
        ),  # blank columns after the header's names, on every line
        table([" " + lines[0].replace(";", " ; "), *lines[1:4], lines[4] + " "]),  # cells to trim
        table(lines).decode("cp1252").encode("utf-8-sig"),
    ):
        assert outcome(data, "copy") == outcome(data, "batched")
    assert read == ["cells", "lines", "lines", "cells", "cells", "cells"]


def test_a_lone_carriage_return_or_an_unusual_character_is_read_row_by_row(db, paths):
    lines = FIRST.decode("cp1252").split("\r\n")[1:-1]
    for data in (
        table(lines[:2]) + b"\r" + table(lines[2:])[len(HEADER) :],  # a carriage return alone
        table([lines[0].replace("Har druckit", "Har\u2026druckit"), *lines[1:]]),  # cp1252 0x85: an ellipsis
        table([lines[0].replace("Har druckit", "Har\u02c6druckit"), *lines[1:]]),  # cp1252 0x88: ˆ
    ):
        paths.clear()
        expect = "database" if "\u2026" in data.decode("cp1252") else "python"
        both_paths(data, paths, expect=expect)


def test_cells_with_the_exports_apostrophe_before_a_formula_read_alike_both_ways(db, paths):
    """A cell Samverka's export wrote as "'-" (an apostrophe before what would start a formula) reads as
    "-", row by row (core.tabular) and through the database alike; an apostrophe before anything else stays.
    The database leaves such a file to the row-by-row path; an apostrophe inside a cell does not."""
    data = (
        "Indikator;Fråga;Kommun;År;Andel (%);Status\r\n"
        "SK-ALK;Har druckit;Arjeplog;2022;40,0;'-\r\n"
        "SK-ALK;Har druckit;Arjeplog;2023;41,0; '+prel\r\n"
        "SK-ALK;Har druckit;Arjeplog;2021;39,0;'@SCB\r\n"
        ";'=Har druckit;Riket;2023;3,1;'=ej jämförbar\r\n"
        "SK-TOB;Röker;Riket;2023;3,1;'prel\r\n"
        "SK-TOB;Röker;Riket;2022;3,3;'-2,5\r\n"
    ).encode("cp1252")
    state = both_paths(data, paths, expect="python")
    assert {o[:3]: o[5] for o in state["observations"]} == {
        ("SK-ALK", "2506", "2022"): "-",
        ("SK-ALK", "2506", "2023"): "+prel",
        ("SK-ALK", "2506", "2021"): "@SCB",
        ("=Har druckit", "0000", "2023"): "=ej jämförbar",
        ("SK-TOB", "0000", "2023"): "'prel",
        ("SK-TOB", "0000", "2022"): "'-2,5",  # a number is written as it is, so this apostrophe is the file's
    }
    paths.clear()
    inside = "Indikator;Fråga;Kommun;År;Andel (%);Status\r\nSK-ALK;Barnens 'första' glas;Arjeplog;2022;40,0;prel\r\n"
    state = both_paths(inside.encode("cp1252"), paths)
    assert [o[5] for o in state["observations"]] == ["prel"]
