"""The lists of many assessments cost the same number of queries with N and with N+10 assessments: the
readiness API list, the county board's table and the comparison over time compute results in batches."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.readiness import selectors
from samverka.readiness.models import Assessment, ConsensusScore, Score, ScoreSheet, TeamMember


def _copies(assessment, n):
    """n completed, published copies of `assessment`, with its team, interviews, sheets and consensus."""
    team = list(assessment.team.all())
    for _ in range(n):
        copy = Assessment.objects.get(pk=assessment.pk)
        copy.pk = uuid.uuid4()
        copy._state.adding = True
        copy.save()
        TeamMember.objects.bulk_create(
            [TeamMember(assessment=copy, user_id=m.user_id, role=m.role) for m in team]
        )
        for interview in assessment.interviews.prefetch_related("consensus", "sheets__scores"):
            consensus, sheets = list(interview.consensus.all()), list(interview.sheets.all())
            interview.pk = uuid.uuid4()
            interview._state.adding = True
            interview.assessment = copy
            interview.save()
            ConsensusScore.objects.bulk_create(
                [ConsensusScore(interview=interview, dimension=c.dimension, value=c.value) for c in consensus]
            )
            for sheet in sheets:
                new = ScoreSheet.objects.create(
                    interview=interview, scorer_id=sheet.scorer_id, submitted_at=sheet.submitted_at
                )
                Score.objects.bulk_create(
                    [Score(sheet=new, dimension=s.dimension, value=s.value) for s in sheet.scores.all()]
                )


def _queries(fetch) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return len(queries), response


@pytest.fixture
def done(readiness):
    done = readiness["done"]
    Assessment.objects.filter(pk=done.pk).update(published=True, shared_with_county=True)
    assert selectors.result_of(done)[0] is not None
    _copies(done, 2)
    return done


def _growth(fetch, done, check):
    fetch()  # the first request also reads the user's roles (cached on the API client's user)
    before, response = _queries(fetch)
    check(response, 3)
    _copies(done, 10)
    after, response = _queries(fetch)
    check(response, 13)
    assert after == before


def test_the_readiness_api_list_costs_the_same_queries_with_ten_more_assessments(done, users):
    api = APIClient()
    api.force_authenticate(users["coordinator"])

    def fetch():
        return api.get("/api/v1/readiness/?municipality=arjeplog&completed=true&limit=100")

    def check(response, n):
        copies = [a for a in response.json()["results"] if a["issue"] == done.issue]
        assert len(copies) == n
        assert all(a["result"]["stage"] == selectors.result_of(done)[0].overall.stage for a in copies)

    _growth(fetch, done, check)


def test_the_readiness_county_page_costs_the_same_queries_with_ten_more_assessments(done, users, client_for):
    client = client_for(users["county"])

    def check(response, n):
        assert len([r for r in response.context["rows"] if r["assessment"].issue == done.issue]) == n

    _growth(lambda: client.get(reverse("readiness:county", args=["norrbotten"])), done, check)


def test_the_comparison_page_costs_the_same_queries_with_ten_more_assessments(done, users, client_for):
    client = client_for(users["coordinator"])

    def check(response, n):
        assert len(response.context["columns"]) == n
        assert [row["change"] for row in response.context["rows"]] == [0.0] * len(done.dimension_keys)

    _growth(lambda: client.get(reverse("readiness:compare", args=[done.pk])), done, check)
