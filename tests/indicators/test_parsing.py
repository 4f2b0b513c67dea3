"""The pure parsers: Kolada JSON and Swedish CSV/XLSX tables, without a database."""

import io
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.core.exports import xlsx_bytes
from samverka.indicators.parsing import (
    DataRow,
    ImportFileError,
    IndicatorMeta,
    KoladaEnvelope,
    iter_kolada,
    iter_pages,
    iter_table_rows,
    place_kind,
)
from tests.indicators.conftest import DEMO_FILES, kolada_json, kolada_row

KNOWN = {"2505", "2506", "2560", "2581", "0025", "0000"}
NAMES = {
    "arjeplog": "2506",
    "piteå": "2581",
    "norrbotten": "0025",
    "norrbottens län": "0025",
    "riket": "0000",
}


def read(data, chunk_size=1 << 16, known=KNOWN, envelope=None):
    return list(iter_kolada(io.BytesIO(data), known, envelope=envelope, chunk_size=chunk_size))


def test_kolada_rows_become_one_row_per_gender_with_decimal_values():
    data = kolada_json(
        [
            kolada_row(
                values=[
                    {"gender": "T", "value": 412.3, "status": ""},
                    {"gender": "K", "value": 400, "status": None},
                    {"gender": "M", "value": None, "status": "Missing"},
                ]
            )
        ]
    )
    rows = read(data)
    assert [(r.group, r.value, r.status) for r in rows] == [
        ("T", Decimal("412.3"), ""),
        ("K", Decimal("400"), ""),
        ("M", None, "Missing"),
    ]
    assert rows[0].key == ("N07403", "2506", "2023", "T")


def test_county_and_country_ids_are_places_of_their_kind():
    rows = read(kolada_json([kolada_row(place="0025"), kolada_row(place="0000")]))
    assert [r.place for r in rows] == ["0025", "0000"]
    assert [place_kind(r.place) for r in rows] == ["county", "country"]
    assert place_kind("2506") == "municipality"


def test_envelope_keys_in_any_order_and_next_page_are_read():
    rows = [kolada_row(period=y) for y in (2021, 2022)]
    text = (
        '{"next_url": "https://example.org/v3/data?page=2", "values": ' + json.dumps(rows) + ', "count": 2}'
    )
    envelope = KoladaEnvelope()
    assert len(read(text.encode(), envelope=envelope)) == 2
    assert envelope.count == 2
    assert envelope.next_url == "https://example.org/v3/data?page=2"


def test_a_bare_list_of_rows_and_a_utf8_bom_are_accepted():
    data = b"\xef\xbb\xbf" + json.dumps([kolada_row()]).encode()
    assert len(read(data)) == 1


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 64, 1 << 16])
def test_the_stream_reads_the_same_rows_whatever_the_chunk_size(chunk_size):
    data = (DEMO_FILES / "kolada-demo-2024.json").read_bytes()
    assert read(data, chunk_size) == read(data)


def test_several_pages_are_read_in_order():
    pages = [kolada_json([kolada_row(period=2021)], next_page=2), kolada_json([kolada_row(period=2022)])]
    rows = list(iter_pages([io.BytesIO(p) for p in pages], KNOWN))
    assert [r.period for r in rows] == ["2021", "2022"]


def test_kpi_descriptions_name_indicators_from_the_data():
    data = (DEMO_FILES / "kolada-kpi-demo.json").read_bytes()
    metas = read(data)
    assert all(isinstance(m, IndicatorMeta) for m in metas)
    assert metas[0].indicator == "D00001"
    assert "DEMOVÄRDEN" in metas[0].title


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (kolada_json([kolada_row(), kolada_row(place="2599")]), "row 2: unknown municipality code 2599"),
        (kolada_json([kolada_row(place="0099")]), "row 1: unknown county code 0099"),
        (kolada_json([kolada_row(place="25O6")]), "row 1: '25O6' is not a place code"),
        (
            kolada_json([kolada_row(values=[{"gender": "T", "value": "12,5", "status": ""}])]),
            "row 1: value '12,5' for N07403, 2506, 2023, T is not a number",
        ),
        (
            kolada_json([kolada_row(values=[{"gender": "X", "value": 1}])]),
            "row 1: gender 'X' is not T, K or M",
        ),
        (kolada_json([kolada_row(period="tjugo")]), "row 1: 'tjugo' is not a period"),
        (
            kolada_json([kolada_row(values=[{"gender": "T", "value": 1e30, "status": ""}])]),
            "row 1: value 1E+30 is too large",
        ),
        (kolada_json([{"kpi": "N1", "period": 2023}]), "row 1: the row lacks municipality, values"),
        (b'{"count": 0}', "no 'values' list"),
        (b"", "The file is empty"),
        (b'{"values": [] } x', "unexpected text after the end"),
    ],
)
def test_each_malformed_kolada_case_names_the_row_or_problem(data, expected):
    with pytest.raises(ImportFileError) as error:
        read(data)
    assert expected in str(error.value)


@pytest.mark.parametrize("chunk_size", [5, 1 << 16])
def test_a_truncated_kolada_file_names_the_character_position(chunk_size):
    data = kolada_json([kolada_row(period=y) for y in range(2015, 2024)])
    cut = data[: len(data) // 2]
    with pytest.raises(ImportFileError) as error:
        read(cut, chunk_size)
    message = str(error.value)
    assert "ends too early" in message
    assert f"character {error.value.position}" in message
    assert error.value.position <= len(cut)


def test_a_syntax_error_names_line_and_column():
    data = b'{"values": [\n  {"kpi": "N1", "municipality": "2506" "period": 2023}\n]}'
    with pytest.raises(ImportFileError, match=r"line 2, column 40"):
        read(data)


@pytest.mark.parametrize("chunk_size", [7, 1 << 16])
def test_a_syntax_error_far_into_the_file_names_its_own_line_and_column(chunk_size):
    # 300 good rows, one per line, then a missing comma: the fast reader stops there, the exact one says where
    good = ",\n".join(json.dumps(kolada_row(period=2000 + i % 24)) for i in range(300))
    data = ('{"values": [\n' + good + ',\n{"kpi": "N1" "municipality": "2506"}\n]}').encode()
    with pytest.raises(ImportFileError) as error:
        read(data, chunk_size)
    at = data.decode().index('"municipality": "2506"}')
    assert error.value.position == at
    assert f"at character {at} (line 302, column 14): unexpected" in str(error.value)


def test_a_control_character_inside_a_string_is_refused_as_malformed_json():
    with pytest.raises(
        ImportFileError, match=r"The JSON is malformed at character \d+ .*invalid control character"
    ):
        read(b'{"values": [{"kpi": "N\x01"}]}')


def test_a_kolada_file_in_windows_1252_is_refused_with_the_byte_position():
    data = json.dumps({"values": [kolada_row()], "note": "Älvsbyn"}, ensure_ascii=False).encode("cp1252")
    with pytest.raises(ImportFileError) as error:
        read(data)
    assert "not UTF-8" in str(error.value)
    assert error.value.position == data.index("Ä".encode("cp1252"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_either_parse_or_raise_an_import_file_error(data):
    try:
        read(data)
    except ImportFileError:
        pass


# --- tables ---------------------------------------------------------------------------------------

HEADER = "Indikator;Fråga;Kommun;År;Årskurs;Kön;Andel (%);Antal;Antal svarande"


def table(*lines, header=HEADER, encoding="utf-8-sig", newline="\r\n") -> bytes:
    return newline.join([header, *lines]).encode(encoding)


def rows_of(data, filename="enkat.csv"):
    return list(iter_table_rows(data, filename, KNOWN, NAMES))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_swedish_excel_csv_with_semicolons_decimal_comma_and_any_of_its_encodings(encoding):
    data = table("SK-ALK;Druckit alkohol;Arjeplog;2023;Åk 9;Flickor;12,5;4;32", encoding=encoding)
    [row] = rows_of(data)
    assert row == DataRow(
        indicator="SK-ALK",
        place="2506",
        period="2023",
        group="y9K",
        value=Decimal("12.5"),
        count=4,
        denominator=32,
        row=2,
        name="Druckit alkohol",
    )


def test_places_by_code_or_name_and_groups_in_one_or_two_columns():
    header = "Indikator;Kommun;År;Grupp;Värde"
    data = table(
        "A;2581;2023;Åk 9 pojkar;1",
        "A;Norrbottens län;2023;Gy 2;2",
        "A;Riket;2023;Totalt;3",
        "A;Norrbotten;2023;Kvinnor;4",
        header=header,
    )
    assert [(r.place, r.group) for r in rows_of(data)] == [
        ("2581", "y9M"),
        ("0025", "g2"),
        ("0000", "T"),
        ("0025", "K"),
    ]


def test_the_demo_survey_table_reads_whole():
    data = (DEMO_FILES / "skolenkat-demo-2019-2023.csv").read_bytes()
    names = {**NAMES, "arvidsjaur": "2505", "älvsbyn": "2560"}
    rows = list(iter_table_rows(data, "skolenkat.csv", KNOWN, names))
    assert len(rows) == 270
    assert {r.group for r in rows} == {"y9", "y9K", "y9M", "g2", "g2K", "g2M"}


def test_xlsx_tables_read_like_csv():
    data = xlsx_bytes(
        {"Blad1": (["Indikator", "Kommun", "År", "Kön", "Andel"], [["A", "Arjeplog", 2023, "Pojkar", 7.5]])}
    )
    [row] = rows_of(data, "enkat.xlsx")
    assert (row.place, row.group, row.value) == ("2506", "M", Decimal("7.5"))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["A;Fråga;Arjeplog;2023;Åk 9;Totalt;12,5;4;32", "A;Fråga;Luleå;2023;Åk 9;Totalt;1;1;1"],
            "row 3: unknown municipality 'Luleå'",
        ),
        (["A;Fråga;2599;2023;Åk 9;Totalt;1;1;1"], "row 2: unknown municipality code 2599"),
        (
            ["A;Fråga;Arjeplog;2023;Åk 9;Totalt;ca 12;4;32"],
            "row 2: column 'andel (%)' holds 'ca 12', which is not a number",
        ),
        (
            ["A;Fråga;Arjeplog;2023;Åk 9;Totalt;12;4,5;32"],
            "row 2: column 'antal' holds '4,5', which is not a whole number",
        ),
        (["A;Fråga;Arjeplog;förra året;Åk 9;Totalt;12;4;32"], "row 2: 'förra året' is not a period"),
        (["A;Fråga;Arjeplog;2023;Åk 7;Totalt;12;4;32"], "row 2: grade 'Åk 7'"),
        (["A;Fråga;Arjeplog;2023;Åk 9;Alla elever;12;4;32;x"], "row 2: The row has 10 cells"),
    ],
)
def test_each_malformed_table_case_names_the_row(lines, expected):
    with pytest.raises(ImportFileError) as error:
        rows_of(table(*lines))
    assert expected in str(error.value)


def test_a_table_without_the_needed_columns_says_which():
    with pytest.raises(ImportFileError, match="lacks the column.*År"):
        rows_of(table("A;Arjeplog;12", header="Indikator;Kommun;Värde"))


def test_a_table_in_a_wrong_encoding_is_refused():
    data = table("A;Fråga;Arjeplog;2023;Åk 9;Totalt;12;4;32", encoding="utf-16")
    with pytest.raises(ImportFileError, match="not a text file|neither UTF-8"):
        rows_of(data)
