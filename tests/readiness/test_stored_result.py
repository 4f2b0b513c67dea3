"""An assessment's result is computed when its inputs change and stored; the pages, the API and the
county overview read the stored result and never recompute it."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.readiness import selectors, services
from samverka.readiness.models import Assessment

# What a result is computed from (the start-page panels may still ask which sheets await a scorer).
SCORE_TABLES = ('"readiness_consensusscore"', '"readiness_score"')


def _stored(assessment):
    return Assessment.objects.get(pk=assessment.pk).stored_result


def _result_rows(html: str) -> str:
    """The results table of a page, whitespace collapsed (what a reader sees of the scores)."""
    start = html.index("<tbody>", html.index("Poäng och stadium per dimension"))
    return " ".join(html[start : html.index("</tbody>", start)].split())


@pytest.mark.django_db
def test_the_stored_result_equals_the_computed_one_for_the_demo_data(readiness):
    assessments = list(Assessment.objects.all())
    assert len(assessments) == 2
    computed = selectors.result_data(assessments)
    for a in assessments:
        assert a.stored_result == computed[a.pk]
    done, why_done = selectors.result_of(readiness["done"])
    assert done is not None and not done.preliminary and why_done == ""
    assert selectors.results_of(assessments) == selectors.computed_results_of(assessments)
    ongoing, _why = selectors.result_of(readiness["ongoing"])
    assert ongoing.preliminary and ongoing.interviews == 1 and ongoing.interviews_planned == 4


@pytest.mark.django_db
def test_the_data_migration_fills_the_result_of_existing_assessments(readiness):
    Assessment.objects.update(stored_result=None)
    migration = importlib.import_module("samverka.readiness.migrations.0007_assessment_stored_result")
    migration.fill_stored_results(apps, None)
    for a in Assessment.objects.all():
        assert a.stored_result is not None
        assert a.stored_result == selectors.result_data([a])[a.pk]
    assert (
        _stored(readiness["done"])["result"]["overall"][1]
        == selectors.result_of(readiness["done"])[0].overall.stage
    )


@pytest.mark.django_db
def test_agreeing_a_new_score_updates_the_stored_result_and_the_page_at_once(readiness, users, client_for):
    ongoing, interview = readiness["ongoing"], readiness["ongoing_agreed"]
    client = client_for(users["coordinator"])
    page = client.get(reverse("readiness:detail", args=[ongoing.pk])).content.decode()
    assert "<td>3,00</td>" in _result_rows(page)  # A – the consensus of interview 1
    assert _stored(ongoing)["result"]["dimensions"]["A"] == ["3/1", 3]

    values = {k: (v, "") for k, v in zip("ABCDEF", [7, 2, 3, 3, 2, 2], strict=True)}
    values["A"] = (7, "Nya uppgifter om insatserna.")
    services.consensus_save(user=users["coordinator"], interview=interview, values=values)

    assert _stored(ongoing)["result"]["dimensions"]["A"] == ["7/1", 7]
    rows = _result_rows(client.get(reverse("readiness:detail", args=[ongoing.pk])).content.decode())
    assert "<td>7,00</td>" in rows
    assert "<td>3,00</td>" not in rows.split("</tr>")[0]


@pytest.mark.django_db
def test_removing_an_interview_updates_the_stored_number_planned(readiness, users):
    ongoing = readiness["ongoing"]
    planned = ongoing.interviews.get(number=4)
    services.interview_remove(user=users["coordinator"], interview=planned)
    stored = _stored(ongoing)
    assert stored["result"]["planned"] == 3
    result, _why = selectors.result_of(Assessment.objects.get(pk=ongoing.pk))
    assert result.interviews_planned == 3 and result.interviews_needed == 4


@pytest.mark.django_db
def test_reopening_and_completing_store_the_result_again(readiness, users):
    done = readiness["done"]
    Assessment.objects.filter(pk=done.pk).update(stored_result=None)
    services.assessment_complete(user=users["coordinator"], assessment=Assessment.objects.get(pk=done.pk))
    assert _stored(done) == selectors.result_data([done])[done.pk]


@pytest.mark.django_db
def test_an_assessment_without_a_result_stores_why_in_both_languages(readiness, users, places):
    a = services.assessment_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        issue="Spel bland vuxna",
        substance_area="gambling",
        model="six",
        step="whole",
        respondents=[("Rektor", "school")],
    )
    stored = _stored(a)
    assert stored["result"] is None and stored["planned"] == 1
    assert stored["why"]["sv"] != stored["why"]["en"]
    assert "consensus" in stored["why"]["en"]
    assert selectors.coverage_of(Assessment.objects.get(pk=a.pk), None)["planned"] == 1


@pytest.mark.django_db
def test_the_public_result_page_reads_the_stored_result_and_no_scores(readiness, client):
    done = readiness["done"]
    Assessment.objects.filter(pk=done.pk).update(published=True, completed=True)
    url = reverse("public:readiness_public:detail", args=["arjeplog", done.pk])
    client.get(url)  # warm caches (the chart)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in SCORE_TABLES)]
    # What the page shows is what is stored: a stored result that differs from the scores shows as stored.
    stored = _stored(done)
    stored["result"]["overall"] = ["17/2", 8]
    Assessment.objects.filter(pk=done.pk).update(stored_result=stored)
    page = client.get(url).content.decode()
    assert "<strong>8,50</strong>" in _result_rows(page)


@pytest.mark.django_db
def test_the_county_overviews_read_stored_results(readiness, users, client_for):
    done = readiness["done"]
    Assessment.objects.filter(pk=done.pk).update(published=True, shared_with_county=True)
    client = client_for(users["county"])
    client.get(reverse("readiness:county", args=["norrbotten"]))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("readiness:county", args=["norrbotten"]))
    assert [r["assessment"].pk for r in response.context["rows"]] == [done.pk]
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in SCORE_TABLES)]
