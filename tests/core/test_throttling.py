"""Request limits beyond django-axes (issue 17, finding 10), with real requests through the test client:
one password sprayed over many user names from one address, and password-reset requests per address and
per account. Every limit answers with the same Swedish 429 page as axes's lockout."""

from django.core import mail
from django.test import override_settings

LOGIN = "/konto/logga-in/"
RESET = "/konto/losenord/glomt/"
TOO_MANY = "För många försök"


def _login(client, username, password="Vinter2026!", address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _reset(client, email, address="198.51.100.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def _assert_the_limit_page(response, minutes):
    text = response.content.decode()
    assert response.status_code == 429
    assert TOO_MANY in text and f"Vänta {minutes} minuter" in text
    assert "Traceback" not in text


@override_settings(LOGIN_FAILURES_PER_ADDRESS=20)
def test_one_password_over_many_user_names_from_one_address_is_stopped(client, users):
    for i in range(20):
        response = _login(client, f"gissat-namn-{i}")
        assert response.status_code == 200, i  # each name fails once: axes alone never locks
    # the 21st attempt is refused before the password is even checked, even for a real account
    response = _login(client, "arjeplog-samordnare", "samverka-demo")
    _assert_the_limit_page(response, 15)
    assert "_auth_user_id" not in client.session
    # the same for the admin's login form
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "samverka-demo"}, REMOTE_ADDR="198.51.100.7"
    )
    _assert_the_limit_page(response, 15)


@override_settings(LOGIN_FAILURES_PER_ADDRESS=20)
def test_another_address_still_logs_in_while_one_is_stopped(client, users):
    for i in range(20):
        _login(client, f"gissat-namn-{i}")
    response = _login(client, "arjeplog-samordnare", "samverka-demo", address="203.0.113.9")
    assert response.status_code == 302 and response["Location"] == "/"


def test_axes_lockout_shows_the_same_page(client, users):
    for _ in range(5):
        _login(client, "arjeplog-redaktor")
    _assert_the_limit_page(_login(client, "arjeplog-redaktor", "samverka-demo"), 15)


@override_settings(PASSWORD_RESETS_PER_ACCOUNT=3, PASSWORD_RESETS_PER_ADDRESS=10)
def test_password_resets_for_one_account_are_limited_from_any_address(client, users):
    email = "arjeplog-samordnare@example.org"
    for i in range(3):
        assert _reset(client, email, address=f"198.51.100.{i + 1}").status_code == 302
    assert len(mail.outbox) == 3
    response = _reset(client, email.upper(), address="198.51.100.50")
    _assert_the_limit_page(response, 60)
    assert len(mail.outbox) == 3  # no fourth e-mail
    # another account is not affected
    assert _reset(client, "arjeplog-redaktor@example.org", address="198.51.100.50").status_code == 302
    assert len(mail.outbox) == 4


@override_settings(PASSWORD_RESETS_PER_ACCOUNT=3, PASSWORD_RESETS_PER_ADDRESS=10)
def test_password_resets_from_one_address_are_limited_whatever_the_addresses_asked_for(client, users):
    for i in range(10):
        assert _reset(client, f"nagon-{i}@example.org").status_code == 302
    response = _reset(client, "arjeplog-samordnare@example.org")
    _assert_the_limit_page(response, 60)
    assert mail.outbox == []  # none of the ten existed, and the real one was refused
    assert _reset(client, "arjeplog-samordnare@example.org", address="203.0.113.9").status_code == 302
    assert len(mail.outbox) == 1


def test_the_limit_page_is_in_english_when_chosen(client, users):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for _ in range(5):
        _login(client, "arjeplog-redaktor")
    text = _login(client, "arjeplog-redaktor").content.decode()
    assert "Too many attempts" in text and "Wait 15 minutes" in text
