"""Fuzzing the indicator imports (survey tables and Kolada JSON): every file is imported whole or
refused with a message; never a crash, never part of a file written."""

import csv
import io
import json

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from samverka.indicators.models import Indicator, Observation
from samverka.indicators.parsing import ImportFileError
from tests.hardening.test_fuzz_imports import ANY_FILE

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PLACES = ["2506", "2581", "0025", "0000", "Arjeplog", "9999", "", "25O6", "2506 "]
PERIODS = ["2019", "2020", "2023", "20x0", "", "1899", "2020-Q3", "2020–2021"]
VALUES = ["12,5", "3", "-1", "", "abc", "1e400", "NaN", "100", "0,0", "1 234,5"]


@st.composite
def survey_tables(draw):
    headers = draw(
        st.sampled_from(
            [
                ["Indikator", "Kommun", "År", "Värde"],
                ["Fråga", "Kommun", "År", "Andel", "Antal", "Kön", "Årskurs"],
                ["Indikator", "År", "Värde"],
                ["indikator", "kommunkod", "år", "värde", "okänd"],
            ]
        )
    )
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = []
        for header in headers:
            name = header.lower()
            if name in ("indikator", "fråga"):
                row.append(
                    draw(st.sampled_from(["Andel som röker", "Alkoholkonsumtion"] * 3 + ["", "x" * 400]))
                )
            elif name in ("kommun", "kommunkod"):
                row.append(draw(st.sampled_from(["2506", "2581"] * 4 + PLACES)))
            elif name == "år":
                row.append(draw(st.sampled_from(["2020", "2023"] * 4 + PERIODS)))
            elif name == "kön":
                row.append(draw(st.sampled_from(["Flickor", "Pojkar", "Totalt", "", "Annat"])))
            elif name == "årskurs":
                row.append(draw(st.sampled_from(["9", "Gy2", "", "åk 9"])))
            else:
                row.append(draw(st.sampled_from(["12,5", "3"] * 4 + VALUES)))
        rows.append(row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(draw(st.sampled_from(["utf-8", "cp1252"])), errors="replace")


@st.composite
def kolada_files(draw):
    values = []
    for _ in range(draw(st.integers(0, 4))):
        values.append(
            {
                "kpi": draw(st.sampled_from(["N07903", "U07801"] * 4 + ["", 12, None])),
                "municipality": draw(st.sampled_from(["2506", "2581", "0025", "0000"] * 4 + PLACES)),
                "period": draw(st.sampled_from([2020, 2023] * 4 + ["2020", "x", None])),
                "values": [
                    {
                        "gender": draw(st.sampled_from(["T", "K", "M"] * 3 + ["X"])),
                        "status": draw(st.sampled_from([""] * 4 + ["Missing", None])),
                        "value": draw(
                            st.one_of(
                                st.none(),
                                st.floats(allow_nan=False, allow_infinity=False),
                                st.sampled_from(["12", "x"]),
                            )
                        ),
                        **draw(st.sampled_from([{}, {}, {}, {"count": 3}, {"count": -1}])),
                    }
                    for _ in range(draw(st.integers(0, 3)))
                ],
            }
        )
    text = json.dumps({"count": len(values), "values": values, "next_page": None}, ensure_ascii=False)
    if draw(st.integers(0, 3)) == 0:  # now and then a broken file: cut short or with a stray character
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", "}", ",", "ö", "\x00"]))
    return text.encode()


def state():
    return (
        sorted(Observation.objects.values_list("indicator_id", "place_id", "period", "group", "value")),
        Indicator.objects.count(),
    )


@FUZZ
@given(data=st.one_of(survey_tables(), survey_tables(), ANY_FILE))
def test_a_survey_table_imports_whole_or_is_refused_with_a_message(situation_demo, import_table, data):
    before = state()
    try:
        result = import_table(data, filename="enkat.xlsx" if data.startswith(b"PK") else "enkat.csv")
    except ImportFileError as error:
        event("refused")
        assert str(error)
        assert state() == before
    else:
        event("imported")
        # A key given twice in one file is stored once (the last value), so the counts may be fewer.
        assert result.created + result.updated + result.unchanged <= result.rows


@FUZZ
@given(data=st.one_of(kolada_files(), kolada_files(), st.binary(max_size=200)))
def test_a_kolada_file_imports_whole_or_is_refused_with_a_message(situation_demo, import_kolada, data):
    before = state()
    try:
        result = import_kolada(data)
    except ImportFileError as error:
        event("refused")
        assert str(error)
        assert state() == before
    else:
        event("imported")
        # A key given twice in one file is stored once (the last value), so the counts may be fewer.
        assert result.created + result.updated + result.unchanged <= result.rows
