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
