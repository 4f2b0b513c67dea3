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
