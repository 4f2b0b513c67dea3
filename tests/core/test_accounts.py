import re

from django.core import mail


def test_every_demo_login_works(client, users):
    for username in [
        "arjeplog-samordnare",
        "arjeplog-redaktor",
        "polis-pitealvdal",
        "lansstyrelsen",
        "pitea-redaktor",
        "admin",
    ]:
        client.logout()
        response = client.post("/konto/logga-in/", {"username": username, "password": "samverka-demo"})
        assert response.status_code == 302, username
        assert response["Location"] == "/"


def test_wrong_password_gets_a_clear_swedish_message_and_nothing_else(client, users):
    response = client.post("/konto/logga-in/", {"username": "arjeplog-samordnare", "password": "fel"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in text
    assert "_auth_user_id" not in client.session


def test_wrong_password_message_in_english(client, users):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post("/konto/logga-in/", {"username": "arjeplog-samordnare", "password": "fel"})
    assert "Wrong user name or password" in response.content.decode()


def test_login_is_throttled_after_repeated_failures(client, users):
    for _ in range(5):
        client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "fel"})
    response = client.post("/konto/logga-in/", {"username": "arjeplog-redaktor", "password": "samverka-demo"})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_the_session(client, users):
    client.force_login(users["coordinator"])
    response = client.post("/konto/logga-ut/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, users):
    response = client.post("/konto/losenord/glomt/", {"email": "arjeplog-samordnare@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/konto/losenord/nytt/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "ett-nytt-bra-losen-42", "new_password2": "ett-nytt-bra-losen-42"},
    )
    assert response.status_code == 302
    users["coordinator"].refresh_from_db()
    assert users["coordinator"].check_password("ett-nytt-bra-losen-42")


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, users):
    response = client.post("/konto/losenord/glomt/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
