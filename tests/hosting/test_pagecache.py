"""Public pages in the shared cache, invalidated by any change (on any node: the counter is in the cache)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from samverka.activities.models import Activity


@pytest.fixture
def page_cache(settings, places):
    from samverka.activities import demo_data

    demo_data.load()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_public_page_is_served_from_the_cache_until_anything_changes(page_cache):
    visitor = Client()
    url = "/p/arjeplog/aktiviteter/"
    first = visitor.get(url)
    second = visitor.get(url)
    assert "X-Samverka-Cache" not in first
    assert second["X-Samverka-Cache"] == "hit"
    activity = Activity.objects.filter(municipality__slug="arjeplog", published=True).first()
    assert activity.title in second.content.decode()
    Activity.objects.filter(pk=activity.pk).update(title="x")  # an update() sends no signal...
    activity.title = "Helt ny titel från en annan nod"
    activity.save()  # ...a save does, wherever it happens
    third = visitor.get(url)
    assert "X-Samverka-Cache" not in third
    assert "Helt ny titel från en annan nod" in third.content.decode()


def test_each_visitor_gets_their_own_working_csrf_token_in_a_cached_page(page_cache):
    Client().get("/p/arjeplog/aktiviteter/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/p/arjeplog/aktiviteter/")
    assert page["X-Samverka-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert token != "@@samverka-csrf@@"
    response = visitor.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token, "next": "/p/"})
    assert response.status_code == 302


def test_logged_in_users_never_get_a_cached_page(page_cache, users, client_for):
    Client().get("/p/arjeplog/aktiviteter/")
    response = client_for(users["editor"]).get("/p/arjeplog/aktiviteter/")
    assert "X-Samverka-Cache" not in response
    assert "/konto/logga-ut/" in response.content.decode()


def test_without_a_shared_cache_nothing_is_cached(places, settings):
    assert settings.PUBLIC_PAGE_CACHE_SECONDS == 0  # the default with no REDIS_URL
    visitor = Client()
    visitor.get("/p/arjeplog/")
    assert "X-Samverka-Cache" not in visitor.get("/p/arjeplog/")


def _published_activity():
    return Activity.objects.filter(municipality__slug="arjeplog", published=True).first()


@pytest.fixture
def demo_activities(places):
    from samverka.activities import demo_data

    demo_data.load()


def test_without_a_shared_cache_a_public_page_answers_304_until_it_changes(demo_activities, settings):
    assert settings.PUBLIC_PAGE_CACHE_SECONDS == 0
    url = "/p/arjeplog/aktiviteter/"
    first = Client().get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert "no-cache" in first["Cache-Control"]
    again = Client().get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    activity = _published_activity()
    activity.title = "Ny titel syns genast"
    activity.save()
    changed = Client().get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and "Ny titel syns genast" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_with_the_shared_cache_a_304_runs_no_view_and_any_change_shows_at_once(
    page_cache, django_assert_num_queries, time_machine
):
    # the clock stands still: an ETag also rolls over with each period of the page cache (next test)
    time_machine.move_to("2026-06-15 10:00:01+02:00", tick=False)
    urls = ["/p/arjeplog/aktiviteter/", "/p/arjeplog/", "/p/"]
    first = {url: Client().get(url) for url in urls}
    for url, response in first.items():
        assert response.status_code == 200 and response.has_header("Last-Modified"), url
        with django_assert_num_queries(0):  # the version is known before the view: nothing is read
            again = Client().get(url, headers={"if-none-match": response["ETag"]})
        assert again.status_code == 304 and again["ETag"] == response["ETag"]
    activity = _published_activity()
    activity.title = "Ändrad på en annan nod"
    activity.save()
    for url, response in first.items():
        changed = Client().get(url, headers={"if-none-match": response["ETag"]})
        assert changed.status_code == 200 and changed["ETag"] != response["ETag"], url
    listed = Client().get("/p/arjeplog/aktiviteter/")
    assert "Ändrad på en annan nod" in listed.content.decode()


def test_the_news_feed_is_conditional_too(page_cache):
    feed = Client().get("/p/arjeplog/nyheter/flode.atom")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert (
        Client().get("/p/arjeplog/nyheter/flode.atom", headers={"if-none-match": feed["ETag"]}).status_code
        == 304
    )


def test_logged_in_users_get_no_shared_etag(demo_activities, users, client_for):
    response = client_for(users["editor"]).get("/p/arjeplog/aktiviteter/")
    assert response.status_code == 200 and not response.has_header("ETag")


def test_with_the_shared_cache_the_version_rolls_over_with_the_cache_period(page_cache, time_machine):
    """A page may show what is coming from today on: no ETag outlives the cached copy of the page."""
    time_machine.move_to("2026-06-15 10:00:01+02:00", tick=False)
    first = Client().get("/p/arjeplog/")
    assert Client().get("/p/arjeplog/", headers={"if-none-match": first["ETag"]}).status_code == 304
    time_machine.move_to("2026-06-15 10:05:01+02:00", tick=False)  # the next 300 s period
    later = Client().get("/p/arjeplog/", headers={"if-none-match": first["ETag"]})
    assert later.status_code == 200 and later["ETag"] != first["ETag"]
