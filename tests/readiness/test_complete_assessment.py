"""Issue 16: a stage only from a complete assessment. The result is preliminary ("preliminär – N av M
intervjuer") until every planned interview, and at least the minimum, has consensus; a preliminary result
is never published nor fed to the lägesbild or comparisons; only a held, transcribed interview is scored;
completing says exactly what is missing; removing an interview or a scorer keeps agreed scores and is
logged."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.api.services import api_token_create
from samverka.readiness import selectors, services
from samverka.readiness.models import Assessment, ConsensusScore, Event, Interview, ScoreSheet

pytestmark = pytest.mark.django_db


def _assessment(users, readiness, *, model="six", planned=6, minimum=4, reason=""):
    return services.assessment_create(
        user=users["coordinator"],
        owner=readiness["done"].municipality,
        issue=f"Prov {model} {planned} {minimum}",
        substance_area="alcohol",
        model=model,
        step="whole",
        team=[(readiness["scorer1"], "scorer"), (readiness["scorer2"], "scorer")],
        respondents=[(f"Roll {n}", "school") for n in range(1, planned + 1)],
        minimum_interviews=minimum,
        minimum_reason=reason,
    )


def _score_fully(readiness, users, interview, value=5):
    """Hold the interview, both scorers submit, the team agrees: through the services, as the pages do."""
    interview.held_on = datetime.date(2026, 10, 1)
    interview.transcript = "Utskrift."
    services.interview_save(user=users["coordinator"], interview=interview)
    keys = interview.assessment.dimension_keys
    values = {k: (Decimal(value), "") for k in keys}
    for scorer in (readiness["scorer1"], readiness["scorer2"]):
        services.score_save(user=scorer, interview=interview, values=values, submit=True)
    services.consensus_save(user=readiness["scorer1"], interview=interview, values=values)


def _json(client, assessment):
    return client.get(reverse("readiness:result_json", args=[assessment.pk]))


@pytest.mark.parametrize("model", ["six", "five"])
def test_preliminary_at_0_1_minus_one_and_minimum_final_only_with_all(readiness, users, client_for, model):
    """Six planned interviews, minimum 4: no result at 0, preliminary at 1, 3 (minimum − 1) and 4
    (the minimum, while two planned interviews are still open), final with all six."""
    assessment = _assessment(users, readiness, model=model, planned=6, minimum=4)
    interviews = list(assessment.interviews.order_by("number"))
    client = client_for(readiness["scorer1"])

    token = api_token_create(user=readiness["scorer1"], name="test")[1]

    def from_api():
        """The same three fields through /api/v1/ (the scorer is on the team: she sees the result)."""
        response = client.get(f"/api/v1/readiness/{assessment.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}")
        result = response.json()["result"]
        if result is None:
            return None
        return result["preliminary"], result["interviews_scored"], result["interviews_planned"]

    response = _json(client, assessment)
    assert response.status_code == 409
    assert response.json() | {"error": ""} == {
        "error": "",
        "preliminary": True,
        "interviews_scored": 0,
        "interviews_planned": 6,
    }
    assert from_api() is None  # no consensus yet: no numbers at all
    seen, seen_api = {}, {}
    for n, interview in enumerate(interviews, start=1):
        _score_fully(readiness, users, interview)
        data = _json(client, assessment).json()
        seen[n] = (data["preliminary"], data["interviews_scored"], data["interviews_planned"])
        seen_api[n] = from_api()
    assert seen[1] == (True, 1, 6)
    assert seen[3] == (True, 3, 6)
    assert seen[4] == (True, 4, 6)
    assert seen[6] == (False, 6, 6)
    assert seen_api == seen
    data = _json(client, assessment).json()
    assert data["model"] == model and sorted(data["dimensions"]) == list(assessment.dimension_keys)
    name = {"six": "Six dimensions (A–F, original)", "five": "Five dimensions (B–F, 2014 edition)"}[model]
    assert data["model_name"] == name


def test_the_minimum_counts_when_fewer_are_planned_and_cancelled_ones_do_not_count(
    readiness, users, client_for
):
    """Three planned with the default minimum 4: all three agreed is still "3 of 4". With the minimum set
    to 3 (with a reason) it is final; a cancelled interview is not waited for."""
    assessment = _assessment(users, readiness, planned=4, minimum=4)
    first, second, third, fourth = assessment.interviews.order_by("number")
    fourth.status = Interview.Status.CANCELLED
    services.interview_save(user=users["coordinator"], interview=fourth)
    for interview in (first, second, third):
        _score_fully(readiness, users, interview)
    result, _why = selectors.result_of(assessment)
    assert (result.preliminary, result.interviews, result.interviews_needed) == (True, 3, 4)
    page = client_for(users["coordinator"]).get(assessment.get_absolute_url()).content.decode()
    assert "preliminär – 3 av 4 intervjuer" in page

    assessment.minimum_interviews = 3
    with pytest.raises(ValidationError):
        assessment.full_clean()  # another minimum needs a reason
    assessment.minimum_reason = "En liten by: tre nyckelpersoner finns."
    services.assessment_update(user=users["coordinator"], assessment=assessment, expected_version=1)
    result, _why = selectors.result_of(Assessment.objects.get(pk=assessment.pk))
    assert result.preliminary is False
    event = Event.objects.get(assessment=assessment, kind=Event.Kind.MINIMUM_CHANGED)
    assert event.by == users["coordinator"] and "tre nyckelpersoner" in event.text


def test_the_demo_reads_preliminary_1_of_4_until_all_four_are_agreed(readiness, users, client_for):
    """As loaded: interview 1 scored by both demo scorers and agreed, interview 2 held without consensus,
    3 and 4 planned."""
    ongoing = readiness["ongoing"]
    agreed = readiness["ongoing_agreed"]
    assert set(
        agreed.sheets.filter(submitted_at__isnull=False).values_list("scorer__username", flat=True)
    ) == {
        "arjeplog-bedomare1",
        "arjeplog-bedomare2",
    }
    assert agreed.consensus.count() == 6
    assert [i.interview_id for i in ConsensusScore.objects.filter(interview__assessment=ongoing)] == [
        agreed.pk
    ] * 6
    result, _why = selectors.result_of(ongoing)
    assert (result.preliminary, result.interviews, result.interviews_needed) == (True, 1, 4)

    coordinator = client_for(users["coordinator"])
    page = coordinator.get(ongoing.get_absolute_url()).content.decode()
    assert "preliminär – 1 av 4 intervjuer" in page
    pdf = coordinator.get(reverse("readiness:report", args=[ongoing.pk]))
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "preliminär – 1 av 4 intervjuer" in " ".join(text.split())
    assert "1 intervju " in " ".join(text.split()) + " " and "1 intervjuer" not in text

    # completing now is refused, says what is missing, and changes nothing
    with pytest.raises(ValidationError) as refused:
        services.assessment_complete(user=users["coordinator"], assessment=ongoing)
    said = " ".join(refused.value.messages)
    assert "2. Fritidsledare" in said and "3. Präst" in said and "4. Lokalpolitiker" in said
    assert "1 intervju har konsensus; mätningen behöver minst 4." in said
    assert Assessment.objects.get(pk=ongoing.pk).completed is False
    # a preliminary result is never public and never in the lägesbild's readiness part
    Assessment.objects.filter(pk=ongoing.pk).update(published=True, completed=True, shared_with_county=True)
    ongoing.refresh_from_db()
    anonymous = client_for(users["anonymous"])
    assert (
        anonymous.get(reverse("public:readiness_public:detail", args=["arjeplog", ongoing.pk])).status_code
        == 404
    )
    assert selectors.final_result_of(ongoing) is None
    county = (
        client_for(users["county"]).get(reverse("readiness:county", args=["norrbotten"])).content.decode()
    )
    assert ongoing.issue not in county
    Assessment.objects.filter(pk=ongoing.pk).update(
        published=False, completed=False, shared_with_county=False
    )
    ongoing.refresh_from_db()

    # the three others held, scored and agreed: final, and it can be completed
    held = readiness["ongoing_interview"]
    values = {k: (Decimal(v), "") for k, v in zip("ABCDEF", [3, 2, 3, 3, 2, 2], strict=True)}  # as scorer 1
    services.score_save(user=readiness["scorer2"], interview=held, values=values, submit=True)
    services.consensus_save(user=readiness["scorer1"], interview=held, values=values)
    for other in ongoing.interviews.filter(number__in=[3, 4]):
        _score_fully(readiness, users, other, value=3)
    coordinator = client_for(users["coordinator"])  # one test client: log the coordinator in again
    page = coordinator.get(ongoing.get_absolute_url()).content.decode()
    assert "Baserat på 4 av 4 intervjuer." in page
    assert "preliminär –" not in page
    services.assessment_complete(user=users["coordinator"], assessment=ongoing)
    assert Assessment.objects.get(pk=ongoing.pk).completed is True


def test_a_planned_interview_cannot_be_scored_and_nothing_changes(readiness, users, client_for):
    planned = readiness["ongoing"].interviews.get(number=3)
    assert planned.status == Interview.Status.PLANNED
    values = {k: (Decimal(3), "") for k in readiness["ongoing"].dimension_keys}
    with pytest.raises(ValidationError) as refused:
        services.score_save(user=readiness["scorer1"], interview=planned, values=values, submit=True)
    assert refused.value.messages == [
        "Intervju 3. Präst är bara planerad: markera den som genomförd innan den bedöms."
    ]
    client = client_for(readiness["scorer1"])
    response = client.post(reverse("readiness:score", args=[planned.pk]), {"score_A": "3.0"}, follow=True)
    assert "bara planerad" in response.content.decode()
    assert not ScoreSheet.objects.filter(interview=planned).exists()


def test_a_held_interview_without_transcript_needs_a_reason_before_scoring(readiness, users):
    interview = readiness["ongoing"].interviews.get(number=3)
    interview.held_on = datetime.date(2026, 11, 20)
    services.interview_save(user=users["coordinator"], interview=interview)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.HELD and not interview.scorable
    values = {k: (Decimal(3), "") for k in readiness["ongoing"].dimension_keys}
    with pytest.raises(ValidationError, match="ingen utskrift"):
        services.score_save(user=readiness["scorer1"], interview=interview, values=values)
    assert not ScoreSheet.objects.filter(interview=interview).exists()
    interview.no_transcript_reason = "Respondenten ville inte bli inspelad; anteckningar finns."
    services.interview_save(user=users["coordinator"], interview=interview)
    services.score_save(user=readiness["scorer1"], interview=interview, values=values)
    assert ScoreSheet.objects.filter(interview=interview).count() == 1


def test_cancelled_interview_cannot_be_scored(readiness, users):
    interview = readiness["ongoing"].interviews.get(number=4)
    interview.status = Interview.Status.CANCELLED
    services.interview_save(user=users["coordinator"], interview=interview)
    with pytest.raises(ValidationError, match="ställdes in eller togs bort"):
        services.score_save(user=readiness["scorer1"], interview=interview, values={"A": (Decimal(3), "")})


def test_removing_an_interview_or_a_scorer_keeps_agreed_scores_and_logs_who(readiness, users):
    assessment = _assessment(users, readiness, planned=5)
    first, second = list(assessment.interviews.order_by("number"))[:2]
    _score_fully(readiness, users, first)
    services.interview_remove(user=users["coordinator"], interview=first)
    first.refresh_from_db()
    assert first.status == Interview.Status.REMOVED
    assert ConsensusScore.objects.filter(interview=first).count() == 6
    services.interview_remove(user=users["coordinator"], interview=second)
    assert not Interview.objects.filter(pk=second.pk).exists()
    texts = list(Event.objects.filter(assessment=assessment).values_list("by__username", "text"))
    assert (
        "arjeplog-samordnare",
        "Intervju 1. Roll 1 togs bort; dess 6 konsensuspoäng och dess bedömningsblad sparas.",
    ) in texts
    assert ("arjeplog-samordnare", "Intervju 2. Roll 2 togs bort (den hade inga poäng).") in texts
    result, _why = selectors.result_of(assessment)
    assert result is None  # a removed interview no longer counts

    third = assessment.interviews.get(number=3)
    _score_fully(readiness, users, third)
    services.team_set(
        user=users["coordinator"],
        assessment=assessment,
        members=[(users["coordinator"], "coordinator"), (readiness["scorer1"], "scorer")],
    )
    assert ConsensusScore.objects.filter(interview=third).count() == 6
    assert (
        ScoreSheet.objects.filter(interview__assessment=assessment, scorer=readiness["scorer2"]).count() == 2
    )
    event = Event.objects.get(assessment=assessment, kind=Event.Kind.SCORER_REMOVED)
    assert event.by == users["coordinator"] and "Olof Marklund" in event.text


def test_dimension_names_on_the_interview_page_the_result_and_the_county_csv(readiness, users, client_for):
    client = client_for(readiness["scorer1"])
    interview = readiness["ongoing_interview"]
    page = client.get(reverse("readiness:interview", args=[interview.pk])).content.decode()
    assert "A – Insatser i samhället" in page
    result_page = client.get(readiness["done"].get_absolute_url()).content.decode()
    assert "Sex dimensioner (A–F, ursprungliga)" in result_page
    csv = client_for(users["county"]).get(reverse("readiness:county", args=["norrbotten"]) + "?format=csv")
    lines = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert "A Insatser i samhället" in lines[0]
    assert "Sex dimensioner (A–F, ursprungliga)" in lines[1]
