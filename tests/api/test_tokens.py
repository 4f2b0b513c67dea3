"""Personal API tokens: created and revoked on the account page, stored hashed, checked on every call."""

import pytest

from samverka.api.models import ApiToken


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(users, client_for):
    client = client_for(users["editor"])
    response = client.post("/konto/api-nycklar/", {"name": "rapportskript"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("smv_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=users["editor"])
    assert token.key_hash != raw and raw not in token.key_hash and len(token.key_hash) == 64
    assert raw not in client.get("/konto/api-nycklar/").content.decode()


def test_a_token_authenticates_its_user_and_says_so(users, token_for, api):
    response = api(token_for(users["coordinator"])).get("/api/v1/me/")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "arjeplog-samordnare" and body["authenticated_by"] == "token"
    assert {"slug": "arjeplog", "name": "Arjeplog", "role": "coordinator"} in body["municipalities"]


def test_a_revoked_token_no_longer_works(users, token_for, api, client_for):
    raw = token_for(users["editor"])
    token = ApiToken.objects.get(user=users["editor"])
    client_for(users["editor"]).post(f"/konto/api-nycklar/{token.id}/aterkalla/")
    client_for(None)
    response = api(raw).get("/api/v1/me/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    # …not even for public data: a bad token is an error, never silently anonymous.
    assert api(raw).get("/api/v1/municipalities/").status_code == 401


def test_nobody_can_revoke_another_users_token(users, token_for, client_for):
    token_for(users["editor"])
    token = ApiToken.objects.get(user=users["editor"])
    response = client_for(users["other_editor"]).post(f"/konto/api-nycklar/{token.id}/aterkalla/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


@pytest.mark.parametrize("header", ["Bearer", "Bearer smv_nonsense", "Bearer not-ours", "Token a b"])
def test_malformed_or_unknown_tokens_are_refused(users, client, header):
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=header).status_code == 401


def test_anonymous_visitors_read_public_data_but_not_their_own_profile(db, api):
    assert api().get("/api/v1/municipalities/").status_code == 200
    assert api().get("/api/v1/me/").status_code == 401


def test_the_token_page_needs_a_login_and_an_empty_name_is_refused(users, client_for):
    assert client_for(None).get("/konto/api-nycklar/").status_code == 302
    response = client_for(users["editor"]).post("/konto/api-nycklar/", {"name": ""})
    assert response.status_code == 200 and not ApiToken.objects.exists()


def test_lists_filter_by_county_and_municipality_and_paginate(users, api, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = api().get("/api/v1/municipalities/?county=norrbotten&limit=5").json()
    assert body["count"] == 14 and len(body["results"]) == 5 and body["next"]
    orgs = api().get("/api/v1/organisations/?municipality=pitea&limit=100").json()["results"]
    assert all("pitea" in o["municipalities"] for o in orgs) and orgs
    assert api().get("/api/v1/municipalities/?county=skane").json()["count"] == 0
    with django_assert_max_num_queries(8):
        assert api().get("/api/v1/organisations/?limit=100").status_code == 200


def test_the_documentation_page_is_readable_without_javascript(db, client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/api/v1/municipalities/" in page and "<script" not in page
    assert client.get("/api/v1/docs/swagger/").status_code == 200
