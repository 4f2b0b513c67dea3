"""The interview guide's questions are ordered by arrows, not by a number to type (issue 12, forms)."""

import pytest
from django.urls import reverse


def _texts(assessment, dimension):
    return [q.text_sv for q in assessment.questions.filter(dimension=dimension).order_by("order", "pk")]


@pytest.fixture
def guide(readiness):
    assessment = readiness["ongoing"]
    dimension = next(
        key for key in assessment.dimension_keys if assessment.questions.filter(dimension=key).count() >= 2
    )
    return assessment, dimension


def test_the_coordinator_moves_a_question_down_within_its_dimension(guide, users, client_for):
    assessment, dimension = guide
    before = _texts(assessment, dimension)
    first = assessment.questions.get(dimension=dimension, text_sv=before[0])
    client = client_for(users["coordinator"])
    response = client.post(
        reverse("readiness:guide_move", args=[assessment.pk, first.pk]), {"direction": "down"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#q-{first.pk}")
    assert _texts(assessment, dimension) == [before[1], before[0], *before[2:]]
    page = client.get(reverse("readiness:guide", args=[assessment.pk])).content.decode()
    assert "Flytta upp" in page and "Flytta ner" in page
    assert 'name="form-0-order"' not in page  # no number to type


def test_the_last_question_does_not_move_down(guide, users, client_for):
    assessment, dimension = guide
    before = _texts(assessment, dimension)
    last = assessment.questions.get(dimension=dimension, text_sv=before[-1])
    client_for(users["coordinator"]).post(
        reverse("readiness:guide_move", args=[assessment.pk, last.pk]), {"direction": "down"}
    )
    assert _texts(assessment, dimension) == before


# The county board reads an assessment only when it is shared with it: to it this one does not exist.
@pytest.mark.parametrize(("who", "status"), [("editor", 403), ("other_editor", 404), ("county", 404)])
def test_no_one_but_the_assessments_managers_moves_a_question(guide, users, client_for, who, status):
    assessment, dimension = guide
    before = _texts(assessment, dimension)
    first = assessment.questions.get(dimension=dimension, text_sv=before[0])
    response = client_for(users[who]).post(
        reverse("readiness:guide_move", args=[assessment.pk, first.pk]), {"direction": "down"}
    )
    assert response.status_code == status
    assert _texts(assessment, dimension) == before


def test_anonymous_is_sent_to_log_in(guide, client_for):
    assessment, dimension = guide
    first = assessment.questions.filter(dimension=dimension).first()
    response = client_for(None).post(
        reverse("readiness:guide_move", args=[assessment.pk, first.pk]), {"direction": "down"}
    )
    assert response.status_code == 302 and "/konto/logga-in/" in response.url
