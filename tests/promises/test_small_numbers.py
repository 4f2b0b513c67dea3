"""Small numbers (issue 17, finding 12): a follow-up's participants below 5 are never published as a
number – "färre än 5" on the page and the embed, `null` with `participants_suppressed` in the API."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.promises import services


@pytest.fixture
def small_and_large(active_promise, users, today):
    commitment = active_promise.commitments.get()
    small = services.follow_up_create(
        user=users["police"],
        commitment=commitment,
        date=today,
        description="Samtalsgrupp för föräldrar.",
        amount=Decimal(1),
        participants=3,
    )
    large = services.follow_up_create(
        user=users["police"],
        commitment=commitment,
        date=today - datetime.timedelta(days=1),
        description="Föräldramöte i aulan.",
        amount=Decimal(1),
        participants=45,
    )
    return small, large


@pytest.mark.parametrize("name", ["promise", "promise_embed"])
def test_the_public_page_and_embed_say_fewer_than_5_for_three_participants(
    small_and_large, active_promise, client, name
):
    text = client.get(reverse(f"public:promises_public:{name}", args=["arjeplog", active_promise.pk])).content
    text = text.decode()
    assert "(deltagare: färre än 5)" in text
    assert "(deltagare: 3)" not in text
    assert "(deltagare: 45)" in text


@pytest.mark.parametrize("who", ["anonymous", "county", "other_editor", "coordinator"])
def test_the_api_gives_null_and_suppressed_for_three_participants(small_and_large, users, client_for, who):
    small, large = small_and_large
    client = client_for(users[who])
    item = client.get(f"/api/v1/follow-ups/{small.pk}/").json()
    assert item["participants"] is None and item["participants_suppressed"] is True
    listed = {f["id"]: f for f in client.get("/api/v1/follow-ups/").json()["results"]}
    assert listed[str(small.pk)]["participants"] is None
    assert listed[str(large.pk)]["participants"] == 45
    assert listed[str(large.pk)]["participants_suppressed"] is False
