"""The header's count of unread notifications is kept with the data's version (the page cache's
generation): a person's next page reuses it, and any change shows in it at once."""

import pytest
from django.core.cache import cache

from samverka.notices import inbox
from samverka.notices.models import Notification
from samverka.promises import demo_data as promise_demo


@pytest.fixture
def cached(settings, places, users, frozen_today):
    promise_demo.load()
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _count(page: str) -> str:
    return page.split('class="notice-count"')[1].split(">", 1)[1].split(" ", 1)[0]


def test_the_next_page_reuses_the_count_and_a_change_shows_at_once(cached, users, client_for, counted):
    client = client_for(users["police"])
    first = client.get("/loften/arjeplog/").content.decode()
    before = int(_count(first))
    assert before >= 1  # the demo plan awaits the police's approval
    assert counted == [users["police"].pk]
    # another page of the same person, same data: the count comes from the cache
    assert int(_count(client.get("/moten/arjeplog/").content.decode())) == before
    assert counted == [users["police"].pk]
    # marking one read is a write: the next page counts afresh, one fewer
    inbox.sync(users["police"])
    Notification.objects.filter(user=users["police"], kind="approval").update(read_at="2026-03-01T12:00Z")
    assert int(_count(client.get("/moten/arjeplog/").content.decode())) == before - 1
    assert len(counted) > 1


def test_each_person_has_their_own_count(cached, users, client_for, counted):
    client_for(users["police"]).get("/loften/arjeplog/")
    client_for(users["county"]).get("/loften/arjeplog/")
    # the county board's count is its own, never the police's kept one
    assert counted == [users["police"].pk, users["county"].pk]
