"""The public side: promise list and pages, Atom and iCalendar feeds, embeddable versions."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar

from samverka.promises import services
from samverka.promises.models import FollowUp

ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, *args):
    return reverse(f"public:promises_public:{name}", args=["arjeplog", *args])


@pytest.fixture
def reported(active_promise, users, today):
    commitment = active_promise.commitments.get()
    services.planned_event_add(
        user=users["coordinator"], commitment=commitment, title="Föräldrakväll", date=today, place="Aulan"
    )
    return services.follow_up_create(
        user=users["police"],
        commitment=commitment,
        date=today,
        description="Fortbildningskväll med 45 deltagare.",
        amount=Decimal(1),
        participants=45,
    )


def test_the_list_shows_active_promises_but_never_drafts_or_those_awaiting_sign_off(make_promise, client):
    active = make_promise("active")
    for state in ["draft", "awaiting_signoff"]:
        hidden = make_promise(state)
        hidden.title = f"Hemligt {state}"
        hidden.save()
    text = client.get(url("list")).content.decode()
    assert active.title in text
    assert "Hemligt" not in text


PROMISE_LINK = r"/medborgarloften/([0-9a-f-]{36})/"


@pytest.mark.parametrize(
    ("name", "records"),
    [
        ("list", PROMISE_LINK),
        ("embed", PROMISE_LINK),
        ("fragment", PROMISE_LINK),
        ("feed", r"<id>urn:uuid:([0-9a-f-]{36})</id>"),  # one entry per follow-up
        ("calendar", r"UID:event-([0-9a-f-]{36})@samverka"),  # one event per planned event
    ],
)
def test_the_public_lists_cost_the_same_queries_with_ten_more_promises(
    make_promise, users, client, today, queries_do_not_grow, name, records
):
    def add(i):
        promise = make_promise("active")
        commitment = promise.commitments.get()
        services.follow_up_create(
            user=users["police"], commitment=commitment, date=today, description=f"Gjort {i}", amount=1
        )
        services.planned_event_add(
            user=users["coordinator"], commitment=commitment, title=f"Kväll {i}", date=today, place="Aulan"
        )

    add(-1)
    queries_do_not_grow(lambda: client.get(url(name)), add, records)


def test_a_promise_page_shows_commitments_progress_in_words_and_the_timeline(
    reported, active_promise, client
):
    response = client.get(url("promise", active_promise.pk))
    text = response.content.decode()
    assert response.status_code == 200
    # today is mid-June of the first year: one done, nothing due before the end of the year
    assert "Enligt plan" in text
    assert "1 av 2 gjort; 0 väntat hittills." in text
    assert "Fortbildningskväll med 45 deltagare." in text
    assert 'class="bar"' in text


def test_a_promise_is_not_found_under_another_municipalitys_address(active_promise, client):
    assert (
        client.get(reverse("public:promises_public:promise", args=["pitea", active_promise.pk])).status_code
        == 404
    )


def test_a_draft_is_not_found_even_with_its_id(make_promise, client):
    draft = make_promise("draft")
    assert client.get(url("promise", draft.pk)).status_code == 404


def test_the_atom_feed_is_valid_atom_with_every_follow_up(reported, client):
    response = client.get(url("feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ["id", "title", "updated"]:
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    for required in ["id", "title", "updated"]:
        assert entry.find(f"{ATOM}{required}").text
    assert entry.find(f"{ATOM}id").text == f"urn:uuid:{reported.pk}"
    assert entry.find(f"{ATOM}link").get("href").startswith("http")
    assert "Fortbildningskväll" in entry.find(f"{ATOM}summary").text


def test_the_atom_feed_leaves_out_follow_ups_of_promises_that_are_not_public(
    make_promise, users, client, today
):
    promise = make_promise("active")
    services.follow_up_create(
        user=users["police"],
        commitment=promise.commitments.get(),
        date=today,
        description="Synligt",
        amount=1,
    )
    hidden = make_promise("active")
    services.follow_up_create(
        user=users["police"], commitment=hidden.commitments.get(), date=today, description="Dolt", amount=1
    )
    services.commitment_save(
        user=users["coordinator"],
        parent=hidden,
        text="Nytt",
        target={"kind": "count", "amount": 1, "unit": "year"},
    )
    text = client.get(url("feed")).content.decode()
    assert "Synligt" in text
    assert "Dolt" not in text


def test_the_calendar_is_valid_icalendar_with_due_follow_ups_and_planned_events(
    reported, active_promise, client, today
):
    response = client.get(url("calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar.get("PRODID")
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for event in events:
        assert event.get("DTSTAMP") and event.get("DTSTART") and event.get("SUMMARY")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Föräldrakväll" in summaries
    dues = sorted(e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).startswith("Uppföljning senast"))
    assert dues == [datetime.date(today.year, 12, 31), datetime.date(today.year + 1, 12, 31)]


def test_embeddable_versions_may_be_framed_and_the_fragment_has_no_page_around_it(
    reported, active_promise, client
):
    embed = client.get(url("embed"))
    assert "X-Frame-Options" not in embed.headers
    assert active_promise.title in embed.content.decode()
    assert "site-header" not in embed.content.decode()
    fragment = client.get(url("fragment"))
    assert "X-Frame-Options" not in fragment.headers
    assert "<html" not in fragment.content.decode()
    assert active_promise.title in fragment.content.decode()
    assert client.get(url("list")).headers["X-Frame-Options"] == "DENY"
    one = client.get(url("promise_embed", active_promise.pk))
    assert "X-Frame-Options" not in one.headers
    assert "site-header" not in one.content.decode()
    assert "Fortbildningskväll med 45 deltagare." in one.content.decode()


def test_an_embedded_draft_is_not_found(make_promise, client):
    assert client.get(url("promise_embed", make_promise("draft").pk)).status_code == 404


def test_the_public_front_page_links_to_the_promises(places, client):
    assert url("list") in client.get(reverse("public:municipality", args=["arjeplog"])).content.decode()


def test_a_published_plan_shows_only_published_activities(places, users, client, today):
    from samverka.activities.models import Activity

    shown = Activity.objects.create(
        municipality=places["arjeplog"], title="Offentlig aktivitet", published=True
    )
    hidden = Activity.objects.create(
        municipality=places["arjeplog"], title="Intern aktivitet", published=False
    )
    plan = services.plan_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        owner_organisation=places["orgs"]["bra-arjeplog"],
        title="BRÅ-plan",
        start=today,
        end=today,
    )
    services.commitment_save(
        user=users["coordinator"],
        parent=plan,
        text="Åtgärd",
        target={"kind": "count", "amount": 1, "unit": "year"},
        activities=[shown, hidden],
    )
    assert client.get(url("plan", plan.pk)).status_code == 404  # not adopted yet
    services.plan_submit(user=users["coordinator"], plan=plan)
    services.plan_approve(user=users["coordinator"], plan=plan, party="municipality")  # its own plan
    text = client.get(url("plan", plan.pk)).content.decode()
    assert "Offentlig aktivitet" in text
    assert "Intern aktivitet" not in text
    assert not FollowUp.objects.exists()


def test_the_promise_page_costs_the_same_queries_with_ten_more_follow_ups(
    active_promise, users, client, today, queries_do_not_grow
):
    def add(i):
        services.follow_up_create(
            user=users["police"],
            commitment=active_promise.commitments.get(),
            date=today,
            description=f"Gjort nummer {i}",
            amount=1,
        )

    add(-1)
    queries_do_not_grow(lambda: client.get(url("promise", active_promise.pk)), add, r"Gjort nummer -?\d+")
