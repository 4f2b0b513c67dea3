"""Single sign-on end to end against a real OpenID Connect provider: a second Django project with
django-oauth-toolkit, started by the tests on 127.0.0.1. Samverka fetches the token, checks the signed
ID token against the provider's published keys and reads the user info over real HTTP."""

from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from samverka.core.models import Membership
from tests.core.oidc_provider.runner import provider_settings, start_provider


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The identity provider: its base URL, while it runs in its own process."""
    with start_provider(tmp_path_factory.mktemp("idp"), "http://testserver/oidc/callback/") as base:
        yield base


def sso_settings(base):
    return provider_settings(base)


def sign_in_at_provider(authorize_url, username, password="idp-password"):
    """What the user's browser does at the provider: log in, then come back with a code."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302 and "/login/" in response.headers["Location"]
    login_url = urljoin(authorize_url, response.headers["Location"])
    next_url = dict(parse_qsl(urlsplit(login_url).query))["next"]
    response = browser.post(
        login_url,
        {"username": username, "password": password, "next": next_url},
        allow_redirects=False,
        timeout=10,
    )
    # Follow the provider's redirects by hand until it sends the browser back to Samverka (testserver).
    for _ in range(5):
        location = urljoin(login_url, response.headers.get("Location", ""))
        if response.status_code != 302 or location.startswith("http://testserver/"):
            break
        response = browser.get(location, allow_redirects=False, timeout=10)
    callback = location
    if not callback.startswith("http://testserver/"):
        raise AssertionError(f"no redirect back to Samverka: {response.status_code} {response.text[:300]}")
    return callback.removeprefix("http://testserver")


def test_a_first_login_through_the_provider_links_the_existing_account_by_email(provider, users, client):
    with sso_settings(provider):
        start = client.get("/oidc/logga-in/")
        assert start.status_code == 302 and start["Location"].startswith(f"{provider}/o/authorize/")
        callback = sign_in_at_provider(start["Location"], "anna.idp")
        response = client.get(callback)
        assert response.status_code == 302 and response["Location"] == "/"
        assert int(client.session["_auth_user_id"]) == users["coordinator"].pk
        assert client.get("/api/v1/me/").json()["username"] == "arjeplog-samordnare"


def test_a_first_login_of_an_unknown_person_creates_an_account_without_membership(provider, users, client):
    with sso_settings(provider):
        callback = sign_in_at_provider(client.get("/oidc/logga-in/")["Location"], "ny.person")
        client.get(callback)
        user = get_user_model().objects.get(email="ny.person@arjeplog.example.org")
        assert int(client.session["_auth_user_id"]) == user.pk
        assert client.get("/api/v1/me/").json()["municipalities"] == []
    assert (user.first_name, user.last_name, user.has_usable_password()) == ("Ny", "Person", False)
    assert not Membership.objects.filter(user=user).exists()


def test_a_forged_callback_logs_nobody_in(provider, users, client):
    with sso_settings(provider):
        client.get("/oidc/logga-in/")
        client.get("/oidc/callback/?code=forged&state=forged")
    assert "_auth_user_id" not in client.session


def test_password_login_keeps_working_with_single_sign_on_on(provider, users, client):
    with sso_settings(provider):
        page = client.get("/konto/logga-in/").content.decode()
        assert 'href="/oidc/logga-in/"' in page
        response = client.post(
            "/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"}
        )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == users["editor"].pk


def test_without_configuration_there_is_no_single_sign_on(users, client):
    assert client.get("/oidc/logga-in/").status_code == 404
    assert "/oidc/" not in client.get("/konto/logga-in/").content.decode()
