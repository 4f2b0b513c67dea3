"""Shared fixtures: the demo places and the base set of users every permission test tries."""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser


def pytest_sessionstart(session):
    # The README's test command runs the suite once per database; make sure it really got that database.
    expected = os.environ.get("SAMVERKA_EXPECT_DB")
    if expected and expected not in settings.DATABASES["default"]["ENGINE"]:
        raise pytest.UsageError(
            f"expected a {expected} database but DATABASE_URL gives {settings.DATABASES['default']['ENGINE']}"
        )


@pytest.fixture(autouse=True)
def _fresh_request_limits():
    """The request limits of core/throttle.py count in the cache, which outlives a test's database
    transaction: each test starts with none used, as it starts with no django-axes attempts."""
    from django.core.cache import cache

    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()


@pytest.fixture
def places(db):
    """Norrbotten, Pite älvdal and the organisations and demo users of the source pages."""
    from samverka.core import demo_data
    from samverka.core.models import Collaboration, Municipality, Organisation

    demo_data.load()
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    return {
        **municipalities,
        "pite_alvdal": Collaboration.objects.get(slug="pite-alvdal"),
        "orgs": {o.slug: o for o in Organisation.objects.all()},
    }


@pytest.fixture
def users(places, django_user_model):
    """coordinator and editor of Arjeplog, the police officer, the county board reader, an editor of
    Piteå, a superuser, a user without any membership, and an anonymous visitor."""
    by_name = {u.username: u for u in django_user_model.objects.all()}
    outsider = django_user_model.objects.create_user("utan-medlemskap", password="x")
    return {
        "coordinator": by_name["arjeplog-samordnare"],
        "editor": by_name["arjeplog-redaktor"],
        "police": by_name["polis-pitealvdal"],
        "county": by_name["lansstyrelsen"],
        "other_editor": by_name["pitea-redaktor"],
        "admin": by_name["admin"],
        "outsider": outsider,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as user (or anonymous)."""

    def login(user):
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def queries_do_not_grow():
    """queries_do_not_grow(fetch, add, count) -> the last response.

    The project's rule for query counts: a list costs the same number of queries with N records and with
    N+10, not "at most some ceiling". fetch() requests the list, add(i) adds one more record (called ten
    times), count(response) says how many records the response lists (or is a regular expression whose
    distinct matches in the page are the records), so the test also proves the ten new records were
    really on the second list and not filtered away."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(fetch, add, count):
        if isinstance(count, str):  # a pattern: count the distinct records it finds in the page
            count = _distinct_matches(count)
        _read(fetch())  # warm what is cached per session and per user (permissions, sessions, content types)
        with CaptureQueriesContext(connection) as few:
            first = fetch()
            _read(first)  # a streamed response runs its queries while it is read
        for i in range(10):
            add(i)
        with CaptureQueriesContext(connection) as many:
            last = fetch()
            _read(last)
        assert count(last) == count(first) + 10, "the ten new records are not on the list"
        extra = "\n".join(q["sql"] for q in many.captured_queries[len(few) :])
        assert len(many) == len(few), f"{len(few)} queries with N records, {len(many)} with N+10:\n{extra}"
        return last

    return check


def _read(response):
    """The text of a response, streamed or not, read once; its bytes stay in `response.body`."""
    if not hasattr(response, "body"):
        response.body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.body.decode(errors="replace")


def _distinct_matches(pattern):
    import re

    return lambda response: len(set(re.findall(pattern, _read(response))))


@pytest.fixture
def frozen_today(time_machine):
    """Freeze the clock on a fixed day (a Monday in June, mid-year and mid-week) and return it, for tests
    whose result depends on today's date. The clock still ticks, so timestamps stay ordered."""
    import datetime
    import zoneinfo

    day = datetime.date(2026, 6, 15)
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")))
    return day


@pytest.fixture
def drawn(monkeypatch):
    """How many times each kind of chart was drawn by matplotlib (not served from the cache)."""
    from django.core.cache import cache

    from samverka.core import charts

    counts = {"line": 0, "bar": 0, "grouped": 0}
    for kind, name in [("line", "_draw_lines"), ("bar", "_draw_bars"), ("grouped", "_draw_grouped")]:
        original = getattr(charts, name)

        def counting(spec, layout, original=original, kind=kind):
            counts[kind] += 1
            return original(spec, layout)

        monkeypatch.setattr(charts, name, counting)
    cache.clear()
    return counts
