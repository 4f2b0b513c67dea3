"""/api/v1/activities/ through the API: the page's permission rules, repeated (never copied)."""

import pytest

from samverka.activities import demo_data
from samverka.activities.models import Activity, Arena, Status


@pytest.fixture
def draft(places):
    """An unpublished activity of Arjeplog: internal to Arjeplog's members (and the county board)."""
    demo_data.load()
    return Activity.objects.create(
        municipality=places["arjeplog"], title="Utkast: ny föräldragrupp", arena=Arena.FAMILY, published=False
    )


def ids(response):
    return {a["id"] for a in response.json()["results"]}


def test_anonymous_visitors_read_published_activities_only(draft, api):
    response = api().get("/api/v1/activities/?municipality=arjeplog&limit=100")
    assert response.status_code == 200
    found = ids(response)
    assert found and str(draft.pk) not in found
    assert all(a["published"] for a in response.json()["results"])
    assert api().get(f"/api/v1/activities/{draft.pk}/").status_code == 404


def test_members_read_their_municipalitys_drafts_by_token(draft, users, api, token_for):
    response = api(token_for(users["editor"])).get("/api/v1/activities/?municipality=arjeplog&limit=100")
    assert str(draft.pk) in ids(response)


def test_another_municipalitys_editor_does_not_see_the_draft(draft, users, api, token_for):
    client = api(token_for(users["other_editor"]))
    assert str(draft.pk) not in ids(client.get("/api/v1/activities/?limit=200"))
    assert client.get(f"/api/v1/activities/{draft.pk}/").status_code == 404
    assert client.patch(f"/api/v1/activities/{draft.pk}/", {"title": "Kapad"}).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Utkast: ny föräldragrupp"


def test_another_municipalitys_editor_cannot_change_a_published_activity(draft, users, api, token_for):
    published = Activity.objects.filter(municipality__slug="arjeplog", published=True).first()
    response = api(token_for(users["other_editor"])).patch(
        f"/api/v1/activities/{published.pk}/", {"title": "X"}
    )
    assert response.status_code == 403


def test_a_revoked_token_cannot_read_drafts_or_write(draft, users, api, client_for):
    from samverka.api.services import api_token_create, api_token_revoke

    token, raw = api_token_create(user=users["editor"], name="skript")
    api_token_revoke(user=users["editor"], token_id=token.pk)
    client_for(None)
    assert api(raw).get(f"/api/v1/activities/{draft.pk}/").status_code == 401
    assert api(raw).post("/api/v1/activities/", {"municipality": "arjeplog", "title": "x"}).status_code == 401


def test_an_editor_creates_and_changes_an_activity_with_optimistic_locking(draft, users, api, token_for):
    client = api(token_for(users["editor"]))
    response = client.post(
        "/api/v1/activities/",
        {
            "municipality": "arjeplog",
            "title": "Föräldrakväll",
            "arena": "family",
            "substance_areas": ["alcohol"],
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["published"] is False and created["substance_areas"] == ["alcohol"]
    url = f"/api/v1/activities/{created['id']}/"
    changed = client.patch(url, {"status": "paused", "version": created["version"]})
    assert changed.status_code == 200 and changed.json()["status"] == Status.PAUSED
    stale = client.patch(url, {"status": "active", "version": created["version"]})
    assert stale.status_code == 409 and stale.json()["changed"] == ["status"]
    assert Activity.objects.get(pk=created["id"]).status == Status.PAUSED


def test_an_editor_may_not_publish_nor_write_in_another_municipality(draft, users, api, token_for):
    client = api(token_for(users["editor"]))
    assert client.patch(f"/api/v1/activities/{draft.pk}/", {"published": True}).status_code == 403
    response = client.post("/api/v1/activities/", {"municipality": "pitea", "title": "x", "arena": "school"})
    assert response.status_code == 403
    assert not Activity.objects.filter(municipality__slug="pitea", title="x").exists()


def test_bad_input_is_a_clear_400_and_changes_nothing(draft, users, api, token_for):
    client = api(token_for(users["editor"]))
    before = Activity.objects.count()
    for body in [
        {"municipality": "arjeplog", "title": "x", "arena": "nowhere"},
        {"municipality": "arjeplog", "title": "x", "arena": "school", "age_min": 15, "age_max": 12},
        {"municipality": "arjeplog", "title": "x", "arena": "school", "organisations": ["pitea-kommun"]},
        {"title": "no municipality", "arena": "school"},
    ]:
        response = client.post("/api/v1/activities/", body)
        assert response.status_code == 400, (body, response.content)
    assert Activity.objects.count() == before
