"""Hardening: deploy checks, Content Security Policy, secure cookies and HSTS, error pages, throttling."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.views.defaults import server_error

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ÅÄÖ",
    "ALLOWED_HOSTS": "samverka.example.se",
    "HTTPS": "true",
}


def run_production(*args, extra_env=None):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "HTTPS",
            "ALLOWED_HOSTS",
            "SECURE_HSTS_PRELOAD",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(PRODUCTION_ENV)
    environment.update(extra_env or {})
    environment["DJANGO_SETTINGS_MODULE"] = "samverka.settings"
    return subprocess.run(
        [sys.executable, *args], env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check_without_any_warning(tmp_path):
    result = run_production(
        "-m",
        "samverka",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={"SAMVERKA_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues (0 silenced)" in result.stdout


def test_production_over_https_uses_secure_cookies_and_a_year_of_hsts(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({k: "
        "getattr(s, k) for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_SSL_REDIRECT', 'DEBUG', 'SILENCED_SYSTEM_CHECKS']}))"
    )
    result = run_production("-c", code, extra_env={"SAMVERKA_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True,
        "DEBUG": False,
        "SILENCED_SYSTEM_CHECKS": [],
    }


HTTPS_SETTINGS = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
}


@override_settings(**HTTPS_SETTINGS)
def test_over_https_the_session_cookie_is_secure_and_hsts_is_sent(client, users):
    response = client.post(
        "/konto/logga-in/",
        {"username": "arjeplog-redaktor", "password": "samverka-demo"},
        secure=True,
    )
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert response.cookies[settings.CSRF_COOKIE_NAME]["secure"] is True


@override_settings(**HTTPS_SETTINGS)
def test_plain_http_is_redirected_to_https(client, db):
    response = client.get("/konto/logga-in/")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/konto/logga-in/"


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/konto/logga-in/", "/p/", "/healthz", "/finns-inte/"])
def test_every_response_carries_a_content_security_policy_without_inline_scripts(client, places, url):
    directives = csp_directives(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert (
        "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    )


def test_pages_contain_no_inline_scripts_or_event_handlers(client_for, users):
    import re

    client = client_for(users["coordinator"])
    for url in ["/", "/kommun/arjeplog/", "/samverkan/pite-alvdal/", "/p/", "/konto/losenord/byt/"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {url}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler on {url}"
        assert "javascript:" not in html


def test_login_form_is_throttled_per_user_name_and_address(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "fel"})
        assert response.status_code == 200
    # The failure that reaches the limit is itself answered with the lockout page.
    assert (
        client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "fel"}).status_code
        == 429
    )
    locked = client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"})
    assert locked.status_code == 429
    assert "För många försök" in locked.content.decode()
    # Another user from the same address, and the same user from another address, may still log in.
    other_user = Client().post(
        "/konto/logga-in/", {"username": "arjeplog-samordnare", "password": "samverka-demo"}
    )
    assert other_user.status_code == 302
    other_address = Client(REMOTE_ADDR="10.1.2.3").post(
        "/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"}
    )
    assert other_address.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "fel"})
    assert (
        client.post(
            "/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"}
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "fel"})
    assert (
        client.post(
            "/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"}
        ).status_code
        == 302
    )


LEAKS = [
    "Traceback",
    "hunter2",
    "secret internals",
    "SECRET_KEY",
    "DATABASES",
    "settings.py",
    "Django Version",
]


def assert_leaks_nothing(html: str):
    for leak in LEAKS:
        assert leak not in html, leak


def test_unknown_address_gets_a_swedish_404_page(client, db):
    assert settings.DEBUG is False
    response = client.get("/aktiviteter/00000000-0000-0000-0000-000000000000/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html and "Till startsidan" in html
    assert '<html lang="sv">' in html
    assert_leaks_nothing(html)


def test_404_page_in_english_when_chosen(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/finns-inte/")
    assert "This page does not exist" in response.content.decode()


@pytest.mark.urls("tests.hardening.urls")
def test_forbidden_action_gets_a_swedish_403_page(client_for, users):
    response = client_for(users["editor"]).get("/test-forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Inte tillåtet" in html
    assert_leaks_nothing(html)


def test_expired_form_gets_a_swedish_csrf_page(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formuläret har gått ut" in html
    assert "CSRF" not in html and "Reason given" not in html


@pytest.mark.urls("tests.hardening.urls")
def test_server_error_gets_a_swedish_500_page_that_leaks_nothing(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Något gick fel" in html and "Something went wrong" in html
    assert_leaks_nothing(html)


def test_500_page_renders_without_a_database_or_request_context(monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def no_database(self):
        raise AssertionError("the 500 page must not touch the database")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", no_database)
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Något gick fel" in html
    assert_leaks_nothing(html)


def test_500_page_renders_even_when_static_files_are_broken(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = "/nonexistent-static-root"
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
