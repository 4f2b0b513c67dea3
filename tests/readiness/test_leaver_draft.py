"""Finding 8 of issue 17: an unsubmitted score sheet is visible only to its scorer, whatever happens to
the team. A scorer who leaves with a draft must not have it unblinded when the remaining scorers submit."""

import pytest
from django.urls import reverse

from samverka.core.models import Membership, Organisation, Role
from samverka.readiness import services
from samverka.readiness.models import Score, ScoreSheet, TeamMember

pytestmark = pytest.mark.django_db

DRAFT_NOTE = "Lämnande bedömares utkast, aldrig inskickat"


def content(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def leaver(readiness, users, django_user_model):
    """Scorer 2 (with a draft of interview 2) leaves the ongoing assessment's team; a new scorer joins and
    submits, so both remaining scorers have submitted interview 2."""
    assessment = readiness["ongoing"]
    interview = readiness["ongoing_interview"]
    draft = ScoreSheet.objects.get(interview=interview, scorer=readiness["scorer2"])
    assert draft.submitted_at is None
    Score.objects.filter(sheet=draft, dimension="A").update(note=DRAFT_NOTE)
    newcomer = django_user_model.objects.create_user("arjeplog-bedomare3", password="x")
    Membership.objects.create(
        user=newcomer, organisation=Organisation.objects.get(slug="arjeplogs-kommun"), role=Role.EDITOR
    )
    members = [
        (m.user, m.role)
        for m in assessment.team.select_related("user")
        if m.user_id != readiness["scorer2"].pk
    ] + [(newcomer, TeamMember.Role.SCORER)]
    services.team_set(user=users["coordinator"], assessment=assessment, members=members)
    values = {k: (v, "") for k, v in zip("ABCDEF", [3, 2, 3, 3, 2, 2], strict=True)}
    services.score_save(user=newcomer, interview=interview, values=values, submit=True)
    return {**readiness, "newcomer": newcomer}


def test_a_scorer_who_left_keeps_their_draft_hidden_when_the_others_submit(leaver, users, client_for):
    interview = leaver["ongoing_interview"]
    assessment = leaver["ongoing"]
    for who in [leaver["scorer1"], leaver["newcomer"], users["coordinator"]]:
        client = client_for(who)
        data = client.get(reverse("readiness:scores_json", args=[interview.pk])).json()
        assert data["all_submitted"] is True, who
        assert sorted(s["scorer"] for s in data["sheets"]) == ["arjeplog-bedomare1", "arjeplog-bedomare3"]
        for url in [
            reverse("readiness:interview", args=[interview.pk]),
            reverse("readiness:consensus", args=[interview.pk]),
            reverse("readiness:export", args=[assessment.pk]),
            f"/api/v1/readiness/{assessment.pk}/interviews/2/sheets/",
        ]:
            text = content(client.get(url))
            assert "arjeplog-bedomare2" not in text, (who, url)
            assert DRAFT_NOTE not in text, (who, url)


def test_a_draft_stays_visible_to_its_own_scorer(readiness, client_for):
    interview = readiness["ongoing_interview"]
    data = client_for(readiness["scorer2"]).get(reverse("readiness:scores_json", args=[interview.pk])).json()
    assert [(s["scorer"], s["submitted"]) for s in data["sheets"]] == [("arjeplog-bedomare2", False)]
