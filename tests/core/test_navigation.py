"""The place navigation (core/navigation.py) and the place search (/sok/<slug>/)."""

import re

import pytest
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.core.navigation import PLACE_KEY

pytestmark = pytest.mark.django_db


def _place_nav(html: str) -> str:
    match = re.search(r'<div class="place-nav".*?</form>', html, re.S)
    assert match, "no place navigation on the page"
    return match.group(0)


def test_a_coordinator_of_one_place_sees_its_sections_without_a_switcher(users, client_for):
    html = client_for(users["coordinator"]).get("/").content.decode()
    nav = _place_nav(html)
    for label, url in [
        ("Aktiviteter", "/aktiviteter/kommun/arjeplog/"),
        ("Löften och planer", "/loften/arjeplog/"),
        ("Beredskap", "/beredskap/kommun/arjeplog/"),
        ("Lägesbild", "/lagesbild/arjeplog/"),
        ("Möten", "/moten/arjeplog/"),
        ("Rapporter", "/rapporter/kommun/arjeplog/"),
    ]:
        assert f'<a href="{url}">{label}</a>' in nav
    assert "place-switcher" not in nav
    assert 'action="/sok/arjeplog/"' in nav


def test_the_section_of_the_page_is_marked_current(users, client_for):
    html = client_for(users["coordinator"]).get("/moten/arjeplog/").content.decode()
    assert '<a href="/moten/arjeplog/" aria-current="page" class="active">Möten</a>' in _place_nav(html)


def test_the_police_switches_between_its_four_municipalities_and_the_choice_is_remembered(users, client_for):
    client = client_for(users["police"])
    nav = _place_nav(client.get("/aktiviteter/kommun/pitea/").content.decode())
    switcher = re.search(r'<details class="place-switcher">.*?</details>', nav, re.S).group(0)
    # on a section's page the switcher leads to the same section of the other places
    others = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', switcher)
    assert sorted(others) == [
        ("/aktiviteter/kommun/alvsbyn/", "Älvsbyn"),
        ("/aktiviteter/kommun/arjeplog/", "Arjeplog"),
        ("/aktiviteter/kommun/arvidsjaur/", "Arvidsjaur"),
    ]
    assert client.session[PLACE_KEY] == "pitea"
    # the start page (no place in its address) keeps Piteå
    start = _place_nav(client.get("/").content.decode())
    assert '<a href="/moten/pitea/">Möten</a>' in start
    client.get("/lagesbild/arvidsjaur/")
    assert '<a href="/moten/arvidsjaur/">Möten</a>' in _place_nav(client.get("/").content.decode())


def test_the_county_board_can_switch_to_all_fourteen_municipalities(users, client_for):
    nav = _place_nav(client_for(users["county"]).get("/").content.decode())
    switcher = re.search(r'<details class="place-switcher">.*?</details>', nav, re.S).group(0)
    assert len(re.findall(r"<li><a ", switcher)) == 13  # the fourteen but the current one
    assert '<a href="/kommun/pitea/">Piteå</a>' in switcher


def test_a_place_the_user_does_not_work_in_is_never_remembered(users, client_for):
    client = client_for(users["coordinator"])
    assert client.get("/aktiviteter/kommun/pitea/").status_code == 404
    assert client.session.get(PLACE_KEY) != "pitea"
    assert '<a href="/moten/arjeplog/">Möten</a>' in _place_nav(client.get("/").content.decode())


def test_the_start_page_has_no_module_cards(users, client_for):
    html = client_for(users["county"]).get("/").content.decode()
    assert "Dina kommuner" not in html
    assert html.count("/aktiviteter/kommun/") == 1  # the navigation's one link, not 14 cards


def test_public_pages_and_anonymous_visitors_get_no_place_navigation(users, client_for):
    assert 'class="place-nav"' not in client_for(users["coordinator"]).get("/p/arjeplog/").content.decode()
    assert 'class="place-nav"' not in client_for(users["anonymous"]).get("/").content.decode()


def test_a_person_without_places_gets_no_place_navigation(users, client_for):
    html = client_for(users["outsider"]).get("/").content.decode()
    assert 'class="place-nav"' not in html
    assert "Du är inte medlem i någon organisation ännu" in html


# --- Search ------------------------------------------------------------------------------------------


@pytest.fixture
def records(places):
    """Arjeplog's demo activities, promises, lägesbild and meetings."""
    from samverka.activities import demo_data as activities
    from samverka.meetings import demo_data as meetings
    from samverka.promises import demo_data as promises
    from samverka.situation import demo_data as situation

    for app in (activities, promises, situation, meetings):
        app.load()


def test_search_finds_the_places_activities_promises_commitments_meetings_and_problems(
    users, client_for, places, records
):
    from samverka.meetings.models import Meeting

    Meeting.objects.create(
        municipality=places["arjeplog"],
        title="Samverkansmöte om langning",
        starts_at="2026-11-02T10:00Z",
        organiser=users["coordinator"].memberships.first().organisation,
    )
    client = client_for(users["coordinator"])
    html = client.get("/sok/arjeplog/", {"q": "langning"}).content.decode()
    assert "Samarbete mot langning" in html  # an activity
    assert "Gemensam kontroll mot langning" in html  # a commitment
    assert "Samverkansmöte om langning" in html  # a meeting
    assert "2 november 2026" in html
    html = client.get("/sok/arjeplog/", {"q": "busstationen"}).content.decode()
    assert "Otrygghet vid busstationen kvällstid" in html  # a problem
    assert "1 träff för ”busstationen”." in html
    html = client.get("/sok/arjeplog/", {"q": "Trygg sommar"}).content.decode()
    assert "Medborgarlöfte 2027: Trygg sommar i Arjeplog" in html  # a promise


def test_search_says_when_nothing_is_found_and_asks_for_two_letters(users, client_for):
    client = client_for(users["coordinator"])
    assert "Inget hittades" in client.get("/sok/arjeplog/", {"q": "zzzqqq"}).content.decode()
    assert "Skriv minst två bokstäver" in client.get("/sok/arjeplog/", {"q": "a"}).content.decode()


def test_search_never_shows_another_municipalitys_records(users, client_for, places, records):
    Activity.objects.create(municipality=places["pitea"], title="Piteås hemliga langningsinsats")
    # Piteå's editor cannot search Arjeplog at all, and searching Piteå finds only Piteå's records
    client = client_for(users["other_editor"])
    assert client.get("/sok/arjeplog/", {"q": "langning"}).status_code == 404
    html = client.get("/sok/pitea/", {"q": "langning"}).content.decode()
    assert "Piteås hemliga langningsinsats" in html
    assert "Samarbete mot langning" not in html
    # Arjeplog's coordinator does not find Piteå's activity in Arjeplog, and cannot search Piteå
    client = client_for(users["coordinator"])
    assert "Piteås hemliga" not in client.get("/sok/arjeplog/", {"q": "langning"}).content.decode()
    assert client.get("/sok/pitea/", {"q": "langning"}).status_code == 404


def test_the_county_board_searches_what_it_may_view_and_anonymous_must_log_in(users, client_for, records):
    html = client_for(users["county"]).get("/sok/arjeplog/", {"q": "langning"}).content.decode()
    assert "Samarbete mot langning" in html
    response = client_for(users["anonymous"]).get("/sok/arjeplog/", {"q": "langning"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client_for(users["outsider"]).get("/sok/arjeplog/", {"q": "langning"}).status_code == 404
