"""The scoring and consensus pages in the one form style (issue 12): each dimension a fieldset with its
anchors, labels without colons, and bad input (a score of 11, a missing score) answered by the error
summary at the top, linking to the score's field, with nothing saved."""

import pytest
from django.urls import reverse

from samverka.readiness.models import ConsensusScore, Score, ScoreSheet

pytestmark = pytest.mark.django_db


def full(value="3.0", **changed):
    data = {f"score_{k}": value for k in "ABCDEF"}
    data.update(changed)
    return data


def summary_of(page):
    start = page.index('class="error-summary"')
    return page[start : page.index("</div>", start)]


def saved_scores(sheet):
    return sorted(Score.objects.filter(sheet=sheet).values_list("dimension", "value", "note"))


def test_the_scoring_form_has_a_fieldset_per_dimension_with_its_anchors(readiness, client_for):
    interview = readiness["ongoing_interview"]
    page = (
        client_for(readiness["scorer2"]).get(reverse("readiness:score", args=[interview.pk])).content.decode()
    )
    assert page.count('<fieldset class="form-section">') == 6
    assert "<legend>A Insatser i samhället</legend>" in page
    a = page[page.index("<legend>A Insatser") : page.index("<legend>B ")]
    assert a.index('<ol class="anchors">') < a.index('<label for="id_score_A">Poäng A</label>')
    assert '<label for="id_note_A">Anteckning A</label>' in a
    assert '<option value="" selected>(inget valt)</option>' in page or 'value="">(inget valt)' in page
    assert "Poäng (A)" not in page and ":</label>" not in page


def test_a_score_of_eleven_is_summed_up_at_the_top_and_nothing_is_saved(readiness, client_for):
    interview = readiness["ongoing_interview"]
    sheet = ScoreSheet.objects.get(interview=interview, scorer=readiness["scorer2"])
    before = saved_scores(sheet)
    response = client_for(readiness["scorer2"]).post(
        reverse("readiness:score", args=[interview.pk]), full(score_C="11.0", submit="1")
    )
    page = response.content.decode()
    summary = summary_of(page)
    assert "Inget sparades." in summary
    assert '<a href="#id_score_C">Poäng C: Välj ett giltigt alternativ.' in summary
    assert page.index("error-summary") < page.index('name="score_A"')
    assert saved_scores(sheet) == before
    sheet.refresh_from_db()
    assert sheet.submitted_at is None


def test_submitting_with_a_score_missing_links_to_that_score_and_saves_nothing(readiness, client_for):
    interview = readiness["ongoing_interview"]
    sheet = ScoreSheet.objects.get(interview=interview, scorer=readiness["scorer2"])
    before = saved_scores(sheet)
    response = client_for(readiness["scorer2"]).post(
        reverse("readiness:score", args=[interview.pk]), full(score_E="", note_A="Ny anteckning", submit="1")
    )
    summary = summary_of(response.content.decode())
    assert '<a href="#id_score_E">Poäng E: Dimension E saknar poäng.</a>' in summary
    assert summary.count("<li>") == 1
    assert saved_scores(sheet) == before
    sheet.refresh_from_db()
    assert sheet.submitted_at is None


def test_consensus_with_a_score_of_eleven_or_none_is_summed_up_and_nothing_is_saved(readiness, client_for):
    interview = readiness["ongoing_agreed"]
    before = sorted(ConsensusScore.objects.filter(interview=interview).values_list("dimension", "value"))
    client = client_for(readiness["scorer1"])
    url = reverse("readiness:consensus", args=[interview.pk])
    page = client.get(url).content.decode()
    assert '<label for="id_score_A">Poäng A <span class="required">(obligatoriskt)</span></label>' in page
    assert page.count('<fieldset class="form-section">') == 6
    response = client.post(url, full(score_A="11.0", score_D=""))
    summary = summary_of(response.content.decode())
    assert '<a href="#id_score_A">Poäng A: Välj ett giltigt alternativ.' in summary
    assert '<a href="#id_score_D">Poäng D: Det här fältet är obligatoriskt.</a>' in summary
    after = sorted(ConsensusScore.objects.filter(interview=interview).values_list("dimension", "value"))
    assert after == before


def test_a_consensus_that_differs_without_a_reason_points_at_the_reason(readiness, client_for):
    interview = readiness["ongoing_agreed"]
    before = sorted(ConsensusScore.objects.filter(interview=interview).values_list("dimension", "value"))
    response = client_for(readiness["scorer1"]).post(
        reverse("readiness:consensus", args=[interview.pk]), full("9.0")
    )
    summary = summary_of(response.content.decode())
    assert '<a href="#id_note_A">Motivering A: Dimension A: motivera' in summary
    after = sorted(ConsensusScore.objects.filter(interview=interview).values_list("dimension", "value"))
    assert after == before
