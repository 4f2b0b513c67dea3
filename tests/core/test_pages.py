import pytest
from django.urls import reverse

from samverka.core.models import Municipality


def test_start_page_lists_the_coordinators_municipality_and_collaboration(client_for, users):
    response = client_for(users["coordinator"]).get("/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Arjeplog" in text
    assert "Pite älvdal" in text
    assert "Piteå</a>" not in text


def test_anonymous_start_page_invites_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


def test_municipality_page_shows_organisations_and_members(client_for, users):
    response = client_for(users["coordinator"]).get(reverse("municipality", args=["arjeplog"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Fritidsgården Polar" in text
    assert "Polisen, lokalpolisområde Piteå älvdal" in text
    assert "Anna Lindqvist" in text


@pytest.mark.parametrize(
    ("who", "status"), [("coordinator", 404), ("other_editor", 200), ("county", 200), ("outsider", 404)]
)
def test_municipality_page_of_another_municipality(client_for, users, who, status):
    assert client_for(users[who]).get(reverse("municipality", args=["pitea"])).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("municipality", args=["arjeplog"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_collaboration_page(client_for, users):
    response = client_for(users["police"]).get(reverse("collaboration", args=["pite-alvdal"]))
    assert response.status_code == 200
    assert "Älvsbyn" in response.content.decode()
    assert (
        client_for(users["outsider"]).get(reverse("collaboration", args=["pite-alvdal"])).status_code == 404
    )


def test_history_of_an_organisation_is_for_coordinators(client_for, users, places):
    org = places["orgs"]["arjeplogs-kommun"]
    org.description = "Ny beskrivning"
    org.save()
    url = reverse("history", args=["core", "organisation", org.pk])
    response = client_for(users["coordinator"]).get(url)
    assert response.status_code == 200
    assert "Ny beskrivning" in response.content.decode()
    assert client_for(users["editor"]).get(url).status_code == 404
    assert client_for(users["other_editor"]).get(url).status_code == 404
    assert client_for(users["anonymous"]).get(url).status_code == 302


def test_history_refuses_unknown_models_and_malformed_ids(client_for, users):
    client = client_for(users["coordinator"])
    assert client.get(reverse("history", args=["core", "nothing", "x"])).status_code == 404
    assert client.get(reverse("history", args=["core", "organisation", "not-a-uuid"])).status_code == 404
    assert client.get(reverse("history", args=["auth", "user", "1"])).status_code == 404


def test_public_pages_list_every_municipality_of_the_county(client, places):
    response = client.get("/p/")
    assert response.status_code == 200
    assert response.content.decode().count("/p/") >= Municipality.objects.count()
    assert client.get("/p/arjeplog/").status_code == 200
    assert client.get("/p/no-such-place/").status_code == 404


def test_language_switch_is_remembered(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Log in" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert "Logga in" in client.get("/").content.decode()


def test_unknown_addresses_get_a_swedish_page_but_json_under_the_api(client, db):
    page = client.get("/finns-inte/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
    api = client.get("/api/v1/organisations/inte en slug/")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/json"
    assert "detail" in api.json()
