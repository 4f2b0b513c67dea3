"""Single sign-on end to end against a real OpenID Connect provider: a second Django project with
django-oauth-toolkit, started by the tests on 127.0.0.1. Samverka fetches the token, checks the signed
ID token against the provider's published keys and reads the user info over real HTTP."""

import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings

from samverka.core.models import Membership

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The identity provider: its base URL, while it runs in its own process."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    port = _free_port()
    redirect_uris = "http://testserver/oidc/callback/"  # Samverka's callback, as the test client sees it
    env = {
        "OIDC_PROVIDER_DB": str(tmp_path_factory.mktemp("idp") / "idp.sqlite3"),
        "OIDC_PROVIDER_KEY": key.decode(),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "tests.api.oidc_provider.serve", str(port), redirect_uris],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"the OIDC provider did not start: {line}{process.stderr.read()}")
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                requests.get(f"{base}/o/.well-known/jwks.json", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def sso_settings(base):
    from django.conf import settings

    return override_settings(
        OIDC_RP_CLIENT_ID="samverka-test",
        OIDC_RP_CLIENT_SECRET="samverka-test-secret",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{base}/o/authorize/",
        OIDC_OP_TOKEN_ENDPOINT=f"{base}/o/token/",
        OIDC_OP_USER_ENDPOINT=f"{base}/o/userinfo/",
        OIDC_OP_JWKS_ENDPOINT=f"{base}/o/.well-known/jwks.json",
        AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS, "samverka.api.oidc.SamverkaOIDCBackend"],
    )


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
