"""The public annual calendar /p/<slug>/arshjul.ics: the årshjul's public events as iCalendar, without
login; internal events stay internal; marking an event public is an editor's choice in the form."""

from django.urls import reverse
from icalendar import Calendar

from samverka.meetings.models import AnnualEvent

PUBLIC = {"Drogvaneundersökning i åk 9 och gy 2", "Föräldrakväll för ett tryggare föräldraskap"}


def summaries(response):
    return {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_arjeplogs_public_calendar_has_only_its_public_events_without_login(meeting_demo, client):
    response = client.get("/p/arjeplog/arshjul.ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert summaries(response) == PUBLIC
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Årshjul – Arjeplog"
    (evening,) = [e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Föräldrakväll")]
    assert evening["rrule"]["FREQ"] == ["YEARLY"] and evening.decoded("dtstart").isoformat() == "2019-10-15"
    # the internal ones exist in the årshjul but never reach the public feed
    internal = set(AnnualEvent.objects.filter(municipality__slug="arjeplog").values_list("title", flat=True))
    assert "Länsrapporten till Länsstyrelsen" in internal - summaries(response)


def test_a_collaboration_without_public_events_has_an_empty_calendar_and_an_unknown_place_404(
    meeting_demo, client
):
    assert AnnualEvent.objects.filter(collaboration__slug="pite-alvdal").exists()
    assert summaries(client.get("/p/pite-alvdal/arshjul.ics")) == set()
    assert client.get("/p/ingenstans/arshjul.ics").status_code == 404


def test_an_editor_marks_an_event_public_and_an_event_is_internal_by_default(meeting_demo, users, client_for):
    client = client_for(users["coordinator"])
    url = reverse("meetings:annual_event_create", args=["arjeplog"])
    client.post(
        url, {"title": "Internt planeringsmöte", "kind": "other", "month": 9, "day": 1, "first_year": 2024}
    )
    client.post(
        url,
        {
            "title": "Trygghetsvandring",
            "kind": "other",
            "month": 9,
            "day": 20,
            "first_year": 2024,
            "is_public": "on",
        },
    )
    assert summaries(client_for(None).get("/p/arjeplog/arshjul.ics")) == PUBLIC | {"Trygghetsvandring"}
    assert not AnnualEvent.objects.get(title="Internt planeringsmöte").is_public


def test_wrong_municipality_county_board_and_anonymous_cannot_add_a_public_event(
    meeting_demo, users, client_for
):
    url = reverse("meetings:annual_event_create", args=["arjeplog"])
    data = {"title": "Smyg", "kind": "other", "month": 9, "day": 20, "first_year": 2024, "is_public": "on"}
    for who in ["other_editor", "county", "outsider", None]:
        client_for(users[who] if who else None).post(url, data)
    assert not AnnualEvent.objects.filter(title="Smyg").exists()
    assert summaries(client_for(None).get("/p/arjeplog/arshjul.ics")) == PUBLIC


def test_an_impossible_date_gets_a_clear_message_and_nothing_is_added(meeting_demo, users, client_for):
    response = client_for(users["coordinator"]).post(
        reverse("meetings:annual_event_create", args=["arjeplog"]),
        {"title": "Fel", "kind": "other", "month": 2, "day": 30, "first_year": 2024, "is_public": "on"},
    )
    assert "Kontrollera att detta värde är mindre än eller lika med 28." in response.content.decode()
    assert not AnnualEvent.objects.filter(title="Fel").exists()
