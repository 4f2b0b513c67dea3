"""Readiness in Swedish and English: counts with plural forms, sheet errors in the reader's language, and
the texts module's strategies, anchors and interview guide taken from the catalogue."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samverka.readiness import scoring, sheets, texts
from samverka.readiness.models import Assessment
from tests.readiness.sheets import bad_sheets, csv_bytes, good_rows


def consensus_rows(interviews: int):
    """Consensus rows of the first `interviews` interviews of the good sheet: six rows per interview."""
    wanted = {f"Intervju {i + 1}" for i in range(interviews)}
    return [r for r in good_rows() if not r[3] and r[0] in wanted]


def client_in(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client


@pytest.mark.parametrize(
    ("language", "interviews", "expected", "wrong"),
    [
        ("sv", 1, "6 rader, 1 intervju.", "1 intervjuer"),
        ("sv", 2, "12 rader, 2 intervjuer.", "2 intervju."),
        ("en", 1, "6 rows, 1 interview.", "1 interviews"),
        ("en", 2, "12 rows, 2 interviews.", "2 interview."),
    ],
)
def test_import_preview_counts_rows_and_interviews_with_plural_forms(
    readiness, users, client_for, language, interviews, expected, wrong
):
    assessment = readiness["ongoing"]
    Assessment.objects.filter(pk=assessment.pk).update(step="half")
    client = client_in(client_for(users["coordinator"]), language)
    sheet = csv_bytes(consensus_rows(interviews))
    response = client.post(
        reverse("readiness:import", args=[assessment.pk]), {"sheet": SimpleUploadedFile("s.csv", sheet)}
    )
    text = response.content.decode()
    assert expected in text
    assert wrong not in text


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        ("sv", "rad 5: poängen 10 ligger utanför 1–9", "outside"),
        ("en", "row 5: the score 10 is outside 1–9", "utanför"),
    ],
)
def test_a_bad_sheet_is_explained_in_the_readers_language(
    readiness, users, client_for, language, expected, foreign
):
    data, _row, _word = bad_sheets()["score above nine"]
    assessment = readiness["ongoing"]
    Assessment.objects.filter(pk=assessment.pk).update(step="half")
    client = client_in(client_for(users["coordinator"]), language)
    response = client.post(
        reverse("readiness:import", args=[assessment.pk]), {"sheet": SimpleUploadedFile("s.csv", data)}
    )
    text = response.content.decode()
    assert expected in text
    assert foreign not in text


@pytest.mark.parametrize(("interviews", "expected"), [(1, "1 intervju\n"), (2, "2 intervjuer\n")])
def test_the_command_table_counts_interviews_in_swedish(interviews, expected):
    result = sheets.parse_sheet(csv_bytes(consensus_rows(interviews))).result()
    assert f"sex dimensioner (A–F), {expected}" in sheets.text_table(result) + "\n"


def test_scoring_messages_follow_the_active_language():
    for language, expected in (("sv", "poängen 0 ligger utanför 1–9"), ("en", "the score 0 is outside 1–9")):
        with translation.override(language), pytest.raises(scoring.ScoringError) as caught:
            scoring.check_score(0)
        assert str(caught.value) == expected


def test_strategies_anchors_and_stage_names_come_from_the_catalogue_in_both_languages():
    result = sheets.parse_sheet(csv_bytes(consensus_rows(2))).result()
    stage = result.overall.stage
    swedish, english = texts.strategies_for(result, "sv"), texts.strategies_for(result, "en")
    assert swedish["goal"] == texts.in_language(texts.STAGE_GOALS[stage], "sv")
    assert english["goal"] == texts.in_language(texts.STAGE_GOALS[stage], "en") != swedish["goal"]
    assert (
        texts.in_language(texts.STAGE_GOALS[5], "sv")
        == "Samla den kunskap som redan finns för att planera insatser."
    )
    assert texts.in_language(texts.STAGE_GOALS[5], "en") == "Gather existing information to plan strategies."
    assert texts.anchors_for("C", "sv")[0] == (1, "Ledningen ser inte frågan.")
    assert texts.anchors_for("C", "en")[0] == (1, "Leaders do not see the issue.")
    assert scoring.stage_name(5, "sv") == "Förberedelse" and scoring.stage_name(5, "en") == "Preparation"
    assert scoring.dimension_name("B", "five", "sv") == "Insatser och kunskap om insatserna"
    assert scoring.dimension_name("B", "six", "en") == "Community knowledge of the efforts"


def test_the_interview_guide_is_copied_in_swedish_and_english(readiness):
    question = readiness["done"].questions.order_by("order").first()
    issue = readiness["done"].issue
    assert (
        question.text_sv == f"Hur stort problem är {issue} i er kommun, på en skala från 1 till 10? Varför?"
    )
    assert (
        question.text_en == f"How big a problem is {issue} in your community, on a scale from 1 to 10? Why?"
    )
