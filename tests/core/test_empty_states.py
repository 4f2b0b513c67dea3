"""Issue 12: every staff list says, when empty, what to do first and links to the form that does it —
only for a user who may act; record pages say who changed them last; reports write Swedish dates."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.core.models import Period

pytestmark = pytest.mark.django_db


def _empty_state(page):
    match = re.search(r'<div class="empty-state">(.*?)</div>', page, re.S)
    assert match, "no empty state on the page"
    return match.group(1)


def test_the_empty_readiness_list_links_a_coordinator_to_the_first_assessment(places, users, client_for):
    page = client_for(users["coordinator"]).get(reverse("readiness:list", args=["arjeplog"])).content.decode()
    state = _empty_state(page)
    assert "Inga mätningar än." in state
    assert f'href="{reverse("readiness:create", args=["arjeplog"])}"' in state
    assert "Starta den första mätningen" in state


def test_the_empty_readiness_list_gives_an_editor_no_link_she_may_not_follow(places, users, client_for):
    page = client_for(users["editor"]).get(reverse("readiness:list", args=["arjeplog"])).content.decode()
    state = _empty_state(page)
    assert "Inga mätningar än." in state
    assert "<a " not in state
    assert reverse("readiness:create", args=["arjeplog"]) not in page


def test_the_empty_promise_overview_links_an_editor_to_the_first_promise_and_plan(places, users, client_for):
    page = (
        client_for(users["coordinator"]).get(reverse("promises:overview", args=["arjeplog"])).content.decode()
    )
    states = re.findall(r'<div class="empty-state">(.*?)</div>', page, re.S)
    assert len(states) == 2
    assert (
        f'href="{reverse("promises:promise_new", args=["arjeplog"])}">Skriv det första medborgarlöftet</a>'
        in states[0]
    )
    assert (
        f'href="{reverse("promises:plan_new", args=["arjeplog"])}">Skriv den första åtgärdsplanen</a>'
        in states[1]
    )


def test_the_empty_promise_overview_gives_the_county_board_no_link(places, users, client_for):
    response = client_for(users["county"]).get(reverse("promises:overview", args=["arjeplog"]))
    page = response.content.decode()
    states = re.findall(r'<div class="empty-state">(.*?)</div>', page, re.S)
    assert "Inga löften ännu." in states[0]
    assert "Inga åtgärdsplaner ännu." in states[1]
    assert all("<a " not in state for state in states)


def test_the_empty_meetings_list_links_to_the_first_meeting(places, users, client_for):
    page = client_for(users["coordinator"]).get(reverse("meetings:index", args=["arjeplog"])).content.decode()
    state = _empty_state(page)
    assert "Inga möten än." in state
    assert f'href="{reverse("meetings:create", args=["arjeplog"])}">Planera det första mötet</a>' in state


def test_the_yearly_follow_up_writes_swedish_dates(places, users, client_for):
    call_command("demo", stdout=io.StringIO())
    first = next(p for p in Period.objects.all() if p.owner == places["arjeplog"] and p.label == "2019–2020")
    page = (
        client_for(users["coordinator"])
        .get(reverse("reports:yearly_follow_up", args=[first.pk, 2020]))
        .content.decode()
    )
    body = page.split("<main", 1)[1]
    assert re.search(
        r"\b\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) 20\d\d\b",
        body,
    )
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", re.sub(r'datetime="[^"]*"', "", body))
