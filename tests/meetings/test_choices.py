"""Choices are limited to what the user may see (issue 17, finding 7): a Piteå editor making a meeting of
Pite älvdal must not be offered – or be able to post – Arjeplog's draft lägesbild, nor read its title."""

import pytest
from django.urls import reverse

from samverka.core.selectors import organisations_of
from samverka.meetings.models import Meeting
from samverka.situation.models import SituationReport

DRAFT = "Arjeplogs hemliga utkast 2026"


@pytest.fixture
def reports(meeting_demo, places):
    make = SituationReport.objects.create
    return {
        "arjeplog_draft": make(municipality=places["arjeplog"], title=DRAFT, period="2026"),
        "arjeplog_adopted": make(
            municipality=places["arjeplog"],
            title="Arjeplogs antagna lägesbild 2025",
            period="2025",
            status=SituationReport.Status.ADOPTED,
        ),
        "pitea_draft": make(municipality=places["pitea"], title="Piteås eget utkast 2026", period="2026"),
    }


def _post(client, url, places, report):
    organiser = organisations_of(places["pite_alvdal"]).first()
    return client.post(
        url,
        {
            "title": "Nytt möte om lägesbilden",
            "starts_at": "2026-12-01T10:00",
            "location": "Älvsbyn",
            "organiser": organiser.pk,
            "situation_report": report.pk,
        },
    )


def test_pitea_is_offered_its_own_draft_and_adopted_ones_but_never_arjeplogs_draft(
    reports, users, client_for
):
    page = client_for(users["other_editor"]).get(reverse("meetings:create", args=["pite-alvdal"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Piteås eget utkast 2026" in text and "Arjeplogs antagna lägesbild 2025" in text
    assert DRAFT not in text
    # Arjeplog's own staff are offered it
    text = client_for(users["coordinator"]).get(reverse("meetings:create", args=["pite-alvdal"])).content
    assert DRAFT in text.decode()


def test_posting_arjeplogs_draft_as_pitea_is_refused_and_saves_nothing(reports, users, client_for, places):
    before = Meeting.objects.count()
    response = _post(
        client_for(users["other_editor"]),
        reverse("meetings:create", args=["pite-alvdal"]),
        places,
        reports["arjeplog_draft"],
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert DRAFT not in response.content.decode()
    assert Meeting.objects.count() == before


def test_the_county_board_and_anonymous_cannot_post_it_either(reports, users, client_for, places):
    before = Meeting.objects.count()
    url = reverse("meetings:create", args=["pite-alvdal"])
    assert _post(client_for(users["county"]), url, places, reports["arjeplog_draft"]).status_code == 403
    response = _post(client_for(users["anonymous"]), url, places, reports["arjeplog_draft"])
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert Meeting.objects.count() == before


def test_a_linked_draft_stays_hidden_from_pitea_and_is_kept_when_pitea_edits(
    reports, meeting_demo, users, client_for
):
    meeting_demo.situation_report = reports["arjeplog_draft"]
    meeting_demo.save()
    assert (
        DRAFT
        in client_for(users["coordinator"])
        .get(reverse("meetings:detail", args=[meeting_demo.pk]))
        .content.decode()
    )
    pitea = client_for(users["other_editor"])  # the same client, now logged in as Piteå's editor
    detail = pitea.get(reverse("meetings:detail", args=[meeting_demo.pk])).content.decode()
    assert DRAFT not in detail and meeting_demo.title in detail
    edit = pitea.get(reverse("meetings:edit", args=[meeting_demo.pk])).content.decode()
    assert DRAFT not in edit and 'name="situation_report"' not in edit
    organiser = meeting_demo.organiser
    response = pitea.post(
        reverse("meetings:edit", args=[meeting_demo.pk]),
        {
            "title": "Omdöpt möte",
            "starts_at": "2019-11-18T09:00",
            "location": "Älvsbyn",
            "organiser": organiser.pk,
            "opened_at_version": meeting_demo.version,
        },
    )
    assert response.status_code == 302
    meeting_demo.refresh_from_db()
    assert meeting_demo.title == "Omdöpt möte"
    assert meeting_demo.situation_report == reports["arjeplog_draft"]
