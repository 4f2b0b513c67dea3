"""Meetings, decisions, action items on the owners' start pages, and the årshjul as iCalendar."""

import uuid

import pytest
from django.urls import reverse
from icalendar import Calendar

from samverka.meetings.models import ActionItem, AnnualEvent, Decision, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_meeting_is_the_one_of_the_source_page(meeting_demo):
    assert meeting_demo.starts_at.date().isoformat() == "2019-11-18"
    assert meeting_demo.location == "Älvsbyn"
    assert meeting_demo.collaboration.slug == "pite-alvdal"
    assert {o.slug for o in meeting_demo.participants.all()} >= {
        "lpo-pitea-alvdal",
        "lansstyrelsen-norrbotten",
        "alvsbyns-kommun",
    }
    assert "Vi delade en lägesbild och diskuterade" in meeting_demo.notes
    assert meeting_demo.situation_report.title == "Gemensam lägesbild Pite älvdal 2019"
    assert meeting_demo.action_items.count() == 1


def test_the_demo_is_idempotent(meeting_demo):
    from samverka.meetings import demo_data

    counts = (
        Meeting.objects.count(),
        Decision.objects.count(),
        ActionItem.objects.count(),
        AnnualEvent.objects.count(),
    )
    demo_data.load()
    assert counts == (
        Meeting.objects.count(),
        Decision.objects.count(),
        ActionItem.objects.count(),
        AnnualEvent.objects.count(),
    )


def pages(meeting):
    return [
        reverse("meetings:index", args=["pite-alvdal"]),
        reverse("meetings:create", args=["pite-alvdal"]),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:annual_event_create", args=["pite-alvdal"]),
        reverse("meetings:annual_calendar", args=["pite-alvdal"]),
    ]


def test_members_of_the_collaboration_see_every_page(meeting_demo, users, client_for):
    client = client_for(users["police"])
    for url in pages(meeting_demo):
        assert client.get(url).status_code == 200, url


def test_pitea_editor_is_a_member_of_pite_alvdal_too(meeting_demo, users, client_for):
    # Piteå kommun takes part in the collaboration, so its editor sees its meetings.
    assert (
        client_for(users["other_editor"]).get(reverse("meetings:detail", args=[meeting_demo.pk])).status_code
        == 200
    )


def test_arjeplogs_own_meetings_are_hidden_from_pitea(meeting_demo, users, client_for, places):
    meeting = Meeting.objects.create(
        municipality=places["arjeplog"],
        title="BRÅ Arjeplog",
        starts_at="2024-03-01T10:00+01:00",
        organiser=places["orgs"]["arjeplogs-kommun"],
    )
    client = client_for(users["other_editor"])
    for url in [
        reverse("meetings:index", args=["arjeplog"]),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:annual_calendar", args=["arjeplog"]),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("meetings:decision_add", args=[meeting.pk]), {"decision-text": "x"}).status_code
        == 404
    )


def test_the_anonymous_visitor_is_sent_to_log_in(meeting_demo, users, client_for):
    client = client_for(users["anonymous"])
    for url in pages(meeting_demo):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"], url


def test_guessed_ids_are_not_found(meeting_demo, users, client_for):
    client = client_for(users["coordinator"])
    guess = uuid.uuid4()
    assert client.get(reverse("meetings:detail", args=[guess])).status_code == 404
    assert (
        client.post(reverse("meetings:action_item_status", args=[guess]), {"status": "done"}).status_code
        == 404
    )
    assert client.get(reverse("meetings:index", args=["atlantis"])).status_code == 404


def test_a_reader_may_not_change_a_meeting(meeting_demo, users, client_for):
    client = client_for(users["county"])
    assert client.get(reverse("meetings:detail", args=[meeting_demo.pk])).status_code == 200
    assert client.get(reverse("meetings:edit", args=[meeting_demo.pk])).status_code == 403
    assert (
        client.post(
            reverse("meetings:decision_add", args=[meeting_demo.pk]), {"decision-text": "x"}
        ).status_code
        == 403
    )


def test_an_action_item_appears_on_the_owners_start_page_until_done(meeting_demo, users, client_for, places):
    organiser = client_for(users["police"])
    response = organiser.post(
        reverse("meetings:action_item_add", args=[meeting_demo.pk]),
        {
            "item-text": "Skicka pressmeddelande om föräldrakvällen",
            "item-owner_organisation": places["orgs"]["pitea-kommun"].pk,
            "item-due_date": "2030-01-31",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(text__startswith="Skicka pressmeddelande")
    owner = client_for(users["other_editor"])
    assert "Skicka pressmeddelande om föräldrakvällen" in owner.get("/").content.decode()
    assert "Skicka pressmeddelande" not in client_for(users["coordinator"]).get("/").content.decode()
    response = owner.post(
        reverse("meetings:action_item_status", args=[item.pk]), {"status": "done", "next": "start"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done"
    assert "Skicka pressmeddelande" not in owner.get("/").content.decode()


def test_an_action_item_owner_must_be_an_organisation_of_the_meetings_place(
    meeting_demo, users, client_for, places
):
    client = client_for(users["police"])
    client.post(
        reverse("meetings:action_item_add", args=[meeting_demo.pk]),
        {"item-text": "Fel ägare", "item-owner_organisation": places["orgs"]["systembolaget"].pk},
    )
    assert not ActionItem.objects.filter(text="Fel ägare").exists()


def test_someone_who_neither_owns_nor_edits_cannot_close_an_item(meeting_demo, users, client_for):
    item = meeting_demo.action_items.get()
    assert (
        client_for(users["county"])
        .post(reverse("meetings:action_item_status", args=[item.pk]), {"status": "done"})
        .status_code
        == 403
    )
    item.refresh_from_db()
    assert item.status == "open"


def test_a_meeting_is_created_with_its_lagesbild_and_decisions(meeting_demo, users, client_for, places):
    client = client_for(users["coordinator"])
    orgs = places["orgs"]
    response = client.post(
        reverse("meetings:create", args=["pite-alvdal"]),
        {
            "title": "Samverkansmöte våren 2024",
            "starts_at": "2024-04-10T09:00",
            "location": "Piteå",
            "organiser": orgs["lpo-pitea-alvdal"].pk,
            "participants": [orgs["arjeplogs-kommun"].pk, orgs["lpo-pitea-alvdal"].pk],
            "agenda": "1. Lägesbild",
            "situation_report": meeting_demo.situation_report.pk,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Samverkansmöte våren 2024")
    client.post(
        reverse("meetings:decision_add", args=[meeting.pk]),
        {"decision-text": "Vi tar fram en gemensam kommunikationsplan."},
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vi tar fram en gemensam kommunikationsplan." in page
    assert meeting_demo.situation_report.title in page


def test_the_annual_calendar_is_valid_icalendar_with_yearly_events(meeting_demo, users, client_for):
    client = client_for(users["coordinator"])
    client.post(
        reverse("meetings:annual_event_create", args=["pite-alvdal"]),
        {"title": "Trygghetsvandring", "kind": "other", "month": 9, "day": 20, "first_year": 2024},
    )
    response = client.get(reverse("meetings:annual_calendar", args=["pite-alvdal"]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert "Trygghetsvandring" in events and "Föräldrakväll för ett tryggare föräldraskap" in events
    assert events["Trygghetsvandring"]["rrule"]["FREQ"] == ["YEARLY"]
    assert events["Trygghetsvandring"].decoded("dtstart").isoformat() == "2024-09-20"


def test_an_annual_event_with_an_impossible_date_is_refused(meeting_demo, users, client_for):
    client = client_for(users["coordinator"])
    response = client.post(
        reverse("meetings:annual_event_create", args=["pite-alvdal"]),
        {"title": "Fel", "kind": "other", "month": 13, "day": 40, "first_year": 2024},
    )
    assert response.status_code == 200 and not AnnualEvent.objects.filter(title="Fel").exists()


def test_the_meeting_list_costs_the_same_queries_with_ten_more_meetings(
    meeting_demo, users, client_for, places, queries_do_not_grow
):
    client = client_for(users["coordinator"])

    def add(i):
        Meeting.objects.create(
            collaboration=places["pite_alvdal"],
            title=f"Möte {i}",
            starts_at="2024-03-01T10:00+01:00",
            organiser=places["orgs"]["arjeplogs-kommun"],
        )

    queries_do_not_grow(
        lambda: client.get(reverse("meetings:index", args=["pite-alvdal"])), add, r"/moten/m/([0-9a-f-]{36})/"
    )


def test_the_start_page_panel_costs_the_same_queries_with_ten_more_action_items(
    meeting_demo, users, client_for, places, queries_do_not_grow
):
    def add(i):
        ActionItem.objects.create(
            meeting=meeting_demo, text=f"Uppgift {i}", owner_organisation=places["orgs"]["arjeplogs-kommun"]
        )

    client = client_for(users["coordinator"])
    page = queries_do_not_grow(lambda: client.get("/"), add, r"Uppgift \d+").content.decode()
    assert "Uppgift 9" in page


def test_a_stale_meeting_form_shows_the_conflict_keeps_the_edits_and_saves_on_the_second_try(
    meeting_demo, users, client_for
):
    from samverka.meetings.models import Meeting

    client = client_for(users["admin"])
    url = reverse("meetings:edit", args=[meeting_demo.pk])
    assert client.get(url).context["form"]["opened_at_version"].value() == 1
    data = {
        "title": meeting_demo.title,
        "starts_at": "2026-03-01T10:00",
        "location": "",
        "organiser": str(meeting_demo.organiser_id),
        "participants": [str(pk) for pk in meeting_demo.participants.values_list("pk", flat=True)],
        "agenda": "",
        "notes": "",
        "opened_at_version": "1",
    }
    Meeting.objects.filter(pk=meeting_demo.pk).update(title="Ändrad av någon annan", version=2)
    stale = client.post(url, {**data, "title": "Min titel"})
    assert stale.status_code == 200
    assert [c.theirs for c in stale.context["conflict"].changes if c.field == "title"] == [
        "Ändrad av någon annan"
    ]
    assert stale.context["form"]["title"].value() == "Min titel"
    assert stale.context["form"]["opened_at_version"].value() == 2
    again = client.post(url, {**data, "title": "Min titel", "opened_at_version": "2"})
    assert again.status_code == 302
    assert Meeting.objects.get(pk=meeting_demo.pk).title == "Min titel"


def test_the_annual_calendar_costs_the_same_queries_with_ten_more_events(
    meeting_demo, users, client_for, places, queries_do_not_grow
):
    client = client_for(users["coordinator"])

    def add(i):
        AnnualEvent.objects.create(
            collaboration=places["pite_alvdal"], title=f"Arshandelse {i}", month=3, day=1 + i, first_year=2020
        )

    queries_do_not_grow(
        lambda: client.get(reverse("meetings:annual_calendar", args=["pite-alvdal"])), add, r"Arshandelse \d+"
    )
