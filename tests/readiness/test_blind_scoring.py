"""Blind scoring: until every scorer has submitted an interview, no one sees another scorer's scores –
not on any page, export, JSON or by id."""

import pytest
from django.urls import reverse

from samverka.readiness import services
from samverka.readiness.models import Score, ScoreSheet

pytestmark = pytest.mark.django_db

SCORER1_NOTE = "Bedömare ettas hemliga anteckning"


@pytest.fixture
def blind(readiness):
    """Scorer 1 has submitted interview 2 of the ongoing assessment with a recognisable note."""
    interview = readiness["ongoing_interview"]
    sheet = ScoreSheet.objects.get(interview=interview, scorer=readiness["scorer1"])
    Score.objects.filter(sheet=sheet, dimension="C").update(note=SCORER1_NOTE)
    return readiness


def urls_for(readiness):
    interview = readiness["ongoing_interview"]
    assessment = readiness["ongoing"]
    return [
        reverse("readiness:interview", args=[interview.pk]),
        reverse("readiness:score", args=[interview.pk]),
        reverse("readiness:consensus", args=[interview.pk]),
        reverse("readiness:scores_json", args=[interview.pk]),
        reverse("readiness:export", args=[assessment.pk]),
        reverse("readiness:detail", args=[assessment.pk]),
        reverse("readiness:result_json", args=[assessment.pk]),
        reverse("readiness:report", args=[assessment.pk]),
        reverse("readiness:compare", args=[assessment.pk]),
    ]


def answers_for(readiness):
    """What scorer 2, who has not submitted, gets from each page of urls_for: (status, what it says).
    A page that fails (500) or answers with something else would hide the scores just as well, so the
    test below checks that each page really is the page it should be."""
    return [
        (200, "2. Fritidsledare</h1>"),
        (200, "Bedömning: 2. Fritidsledare"),
        (200, "2. Fritidsledare</h1>"),  # no consensus yet: back to the interview
        (200, '"all_submitted": false'),
        (200, "interview;dimension;score;scorer"),
        (200, "Spel om pengar bland unga"),
        (200, '"interviews_scored": 1'),  # only interview 1, agreed, counts: preliminary
        (200, "%PDF-"),  # the preliminary report, from interview 1 alone
        (200, "Förändring över tid: Spel om pengar bland unga"),
    ]


def content(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode(errors="replace")  # the PDF is binary


def test_scorer_who_has_not_submitted_cannot_see_the_other_scorers_scores_anywhere(blind, client_for):
    client = client_for(blind["scorer2"])
    for url, (status, says) in zip(urls_for(blind), answers_for(blind), strict=True):
        response = client.get(url, follow=True)
        text = content(response)
        assert (response.status_code, says in text) == (status, True), url
        assert SCORER1_NOTE not in text, url
        if url.endswith(".csv"):
            # interview 1 is agreed (both submitted, so unblinded): only interview 2 must not show scorer 1
            assert "1. Skolsköterska;A – Insatser i samhället;3,0;arjeplog-bedomare1" in text
            text = "\n".join(line for line in text.splitlines() if line.startswith("2. "))
            # nothing of interview 2: scorer 1's sheet is blind, scorer 2's own draft is not submitted
            assert text == ""
        assert "arjeplog-bedomare1" not in text, url


def test_scores_json_shows_a_scorer_only_their_own_sheet_before_everyone_submitted(blind, client_for):
    interview = blind["ongoing_interview"]
    data = client_for(blind["scorer2"]).get(reverse("readiness:scores_json", args=[interview.pk])).json()
    assert data["all_submitted"] is False
    assert [s["scorer"] for s in data["sheets"]] == ["arjeplog-bedomare2"]


def test_the_coordinator_does_not_see_scores_before_every_scorer_submitted(blind, client_for, users):
    interview = blind["ongoing_interview"]
    data = client_for(users["coordinator"]).get(reverse("readiness:scores_json", args=[interview.pk])).json()
    assert data["sheets"] == []


def test_guessed_ids_of_score_sheets_and_scores_reveal_nothing(blind, client_for):
    client = client_for(blind["scorer2"])
    sheet = ScoreSheet.objects.get(interview=blind["ongoing_interview"], scorer=blind["scorer1"])
    score = sheet.scores.first()
    for url in [
        f"/historik/readiness/scoresheet/{sheet.pk}/",
        f"/historik/readiness/score/{score.pk}/",
        reverse("readiness:scores_json", args=[sheet.pk]),
        reverse("readiness:interview", args=[sheet.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url


def test_after_both_submit_the_team_sees_both_side_by_side(blind, client_for):
    interview = blind["ongoing_interview"]
    values = {k: (v, "") for k, v in zip("ABCDEF", [3, 3, 5, 3, 2, 2], strict=True)}
    services.score_save(user=blind["scorer2"], interview=interview, values=values, submit=True)
    client = client_for(blind["scorer2"])
    data = client.get(reverse("readiness:scores_json", args=[interview.pk])).json()
    assert data["all_submitted"] is True
    assert sorted(s["scorer"] for s in data["sheets"]) == ["arjeplog-bedomare1", "arjeplog-bedomare2"]
    page = client.get(reverse("readiness:consensus", args=[interview.pk]))
    text = page.content.decode()
    assert SCORER1_NOTE in text
    assert 'class="disagree"' in text  # C: 3 against 5


def test_a_submitted_sheet_cannot_be_changed(blind):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.score_save(
            user=blind["scorer1"], interview=blind["ongoing_interview"], values={"A": (5, "")}, submit=False
        )


def test_consensus_cannot_be_recorded_before_everyone_submitted(blind, client_for, users):
    interview = blind["ongoing_interview"]
    client = client_for(users["coordinator"])
    data = {f"score_{k}": "3.0" for k in "ABCDEF"}
    client.post(reverse("readiness:consensus", args=[interview.pk]), data)
    assert not interview.consensus.exists()


def test_consensus_that_differs_from_a_scorer_needs_a_reason(blind, users):
    from django.core.exceptions import ValidationError

    interview = blind["ongoing_interview"]
    services.score_save(
        user=blind["scorer2"], interview=interview, values={k: (3, "") for k in "ABCDEF"}, submit=True
    )
    with pytest.raises(ValidationError, match="differs|skiljer"):
        services.consensus_save(
            user=users["coordinator"], interview=interview, values={k: (4, "") for k in "ABCDEF"}
        )
    assert not interview.consensus.exists()
