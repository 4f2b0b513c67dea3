"""Fuzzing the readiness score sheets: the parser and the import (upload, preview, confirm) accept a
sheet whole or refuse it with a message; never a crash, never part of a sheet written."""

import csv
import io

from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from samverka.readiness.models import ConsensusScore, Interview, Score
from samverka.readiness.scoring import ScoringError
from samverka.readiness.sheets import parse_sheet
from tests.hardening.test_fuzz_imports import ANY_FILE

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DIMENSIONS = ["A", "B", "C", "D", "E", "F", "a", "Ledarskap", "Resurser", "G", ""]
SCORES = ["1", "3", "4,5", "9", "9,5", "0", "-1", "10", "", "tre", "4.5", "1e1"]
SCORERS = ["", "konsensus", "consensus", "arjeplog-bedomare1", "arjeplog-bedomare2", "okänd"]


@st.composite
def score_sheets(draw):
    """Sheets near the valid ones: full consensus for a few interviews, then some cells broken."""
    rows = []
    for interview in draw(
        st.lists(st.sampled_from(["1", "2", "3", "7", "Rektor"]), min_size=1, max_size=3, unique=True)
    ):
        for dimension in "ABCDEF":
            rows.append([interview, dimension, str(draw(st.integers(1, 9))), ""])
            if draw(st.booleans()):
                rows.append([interview, dimension, str(draw(st.integers(1, 9))), "arjeplog-bedomare1"])
    for _ in range(draw(st.integers(0, 2))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, 3))
        rows[row][column] = draw(st.sampled_from([DIMENSIONS, SCORES, SCORERS, ["", "x" * 300]][column]))
    if draw(st.booleans()):
        rows.append(draw(st.sampled_from([["1", "A", "5", ""], ["", "", "", ""], ["1", "Q", "1", "x"]])))
    header = draw(
        st.sampled_from(
            [
                ["interview", "dimension", "score", "scorer"],
                ["intervju", "dimension", "poäng", "bedömare"],
                ["intervju", "poäng"],
            ]
        )
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([";", ","])))
    writer.writerow(header)
    writer.writerows(row[: len(header)] for row in rows)
    return buffer.getvalue().encode(draw(st.sampled_from(["utf-8", "cp1252"])), errors="replace")


SHEETS = st.one_of(score_sheets(), score_sheets(), ANY_FILE)


@FUZZ
@given(data=SHEETS, model=st.sampled_from(["six", "five"]), half=st.booleans())
def test_the_sheet_parser_reads_or_refuses_any_file(data, model, half):
    try:
        sheet = parse_sheet(data, "poang.csv", model=model, half_steps=half)
        sheet.result(half)
    except ScoringError as error:
        assert str(error)


def state(assessment):
    return (
        sorted(
            Interview.objects.filter(assessment=assessment).values_list("id", "number", "respondent_role")
        ),
        sorted(
            ConsensusScore.objects.filter(interview__assessment=assessment).values_list(
                "interview_id", "dimension", "value"
            )
        ),
        sorted(
            Score.objects.filter(sheet__interview__assessment=assessment).values_list(
                "sheet_id", "dimension", "value"
            )
        ),
    )


@FUZZ
@given(data=SHEETS)
def test_the_score_import_imports_or_refuses_any_sheet_and_never_writes_part_of_it(users, readiness, data):
    assessment = readiness["ongoing"]
    client = Client()
    client.force_login(users["coordinator"])
    before = state(assessment)
    upload = io.BytesIO(data)
    upload.name = "poang.csv"
    url = f"/beredskap/{assessment.pk}/import/"
    response = client.post(url, {"sheet": upload})
    assert response.status_code == 200
    assert state(assessment) == before  # the preview never writes
    if response.context["preview"] is None:
        event("refused at upload")
        assert response.context["form"].errors
        return
    response = client.post(url, {"confirm": "1"})
    if response.status_code == 302:
        event("imported")
        # Whole interviews only: every interview with consensus scores has one for every dimension.
        _, consensus, _ = state(assessment)
        per_interview = {}
        for interview_id, dimension, _value in consensus:
            per_interview.setdefault(interview_id, set()).add(dimension)
        assert all(dimensions == set(assessment.dimension_keys) for dimensions in per_interview.values())
    else:
        event("refused at confirm")
        assert response.status_code == 200
        assert [m.message for m in response.context["messages"]]
        assert state(assessment) == before
