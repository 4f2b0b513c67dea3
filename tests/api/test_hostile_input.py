"""Hostile input (issue 17, finding 9): deeply nested JSON, control characters and malformed query
parameters get a 400 with a message, never a 500, and nothing is changed."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.indicators.models import ImportRun, Observation
from samverka.readiness.models import Assessment

DEEP = 100_000  # far beyond Python's recursion limit: json.loads itself gives up
SHALLOW_BUT_TOO_DEEP = 200  # parses, but no request of this API nests half as deep


def nested(depth, inner="1"):
    return "[" * depth + inner + "]" * depth


@pytest.fixture
def demo(users):
    call_command("demo", stdout=io.StringIO())
    return users


@pytest.mark.parametrize("depth", [DEEP, SHALLOW_BUT_TOO_DEEP])
def test_deeply_nested_json_to_the_observation_import_is_a_400(demo, api, token_for, depth):
    before = Observation.objects.count()
    body = '{"municipality": "arjeplog", "rows": ' + nested(depth) + "}"
    response = api(token_for(demo["editor"])).post("/api/v1/observations/import/", body)
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]
    assert Observation.objects.count() == before


@pytest.mark.parametrize("depth", [DEEP, SHALLOW_BUT_TOO_DEEP])
def test_deeply_nested_json_to_an_activity_patch_is_a_400(demo, api, token_for, depth):
    activity = Activity.objects.filter(municipality__slug="arjeplog").first()
    body = '{"title": ' + nested(depth, '"x"') + "}"
    response = api(token_for(demo["editor"])).patch(f"/api/v1/activities/{activity.pk}/", body)
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]
    assert Activity.objects.get(pk=activity.pk).title == activity.title


@pytest.mark.parametrize("depth", [DEEP, SHALLOW_BUT_TOO_DEEP])
def test_deeply_nested_kolada_upload_is_a_400_with_a_message(demo, client_for, depth):
    client = client_for(demo["coordinator"])
    body = '{"values": [{"kpi": "N1", "period": 2020, "values": ' + nested(depth, "{}") + "}]}"
    upload = io.BytesIO(body.encode())
    upload.name = "kolada.json"
    before = Observation.objects.count()
    response = client.post(reverse("situation:import", args=["arjeplog"]), {"file": upload})
    assert response.status_code == 400
    assert "djup" in response.content.decode()
    assert Observation.objects.count() == before
    assert ImportRun.objects.filter(status=ImportRun.Status.FAILED).exists()


def test_control_characters_in_a_form_are_taken_out(demo, client_for):
    from tests.activities.test_staff_views import _form_data

    activity = Activity.objects.get(municipality__slug="arjeplog", title="Föräldrastöd")
    data = _form_data(activity, title="Simskola\x00 i\x07 Arjeplog", summary="Rad ett\x1b\r\nrad två\ttab")
    response = client_for(demo["coordinator"]).post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Simskola i Arjeplog"
    assert activity.summary == "Rad ett\r\nrad två\ttab"


def test_control_characters_in_an_activity_import_are_taken_out(demo, client_for):
    from tests.activities.test_import_export import _confirm, _csv, _upload

    client = client_for(demo["coordinator"])
    # the upload's sniffing refuses a NUL in the first 8 kB as binary: this one comes after them
    long_text = "Ett långt stycke. " * 600 + "Slut\x00 på\x1b texten."
    data = _csv(
        [{"titel": "Bad\x01dag i sjön", "arena": "Fritid", "sammanfattning": "Sim\x0bskola"}]
        + [{"titel": "Läxhjälp", "arena": "Fritid", "beskrivning": long_text}]
    )
    preview = _upload(client, data)
    assert preview.context["error_count"] == 0, [r.errors for r in preview.context["preview"]]
    assert _confirm(client, preview).status_code == 302
    assert Activity.objects.get(title="Baddag i sjön").summary == "Simskola"
    assert Activity.objects.get(title="Läxhjälp").description.endswith("Slut på texten.")


@pytest.mark.parametrize("number", ["x", "1.5", "null", "99999999999999999999"])
def test_an_interview_number_that_is_not_a_number_is_a_404(demo, api, token_for, number):
    assessment = Assessment.objects.filter(municipality__slug="arjeplog").first()
    response = api(token_for(demo["coordinator"])).get(
        f"/api/v1/readiness/{assessment.pk}/interviews/{number}/sheets/"
    )
    assert response.status_code == 404
    assert response.json()["detail"]


LISTS = [
    "/api/v1/counties/",
    "/api/v1/municipalities/",
    "/api/v1/organisations/",
    "/api/v1/collaborations/",
    "/api/v1/activities/",
    "/api/v1/promises/",
    "/api/v1/follow-ups/",
    "/api/v1/readiness/",
    "/api/v1/indicators/",
    "/api/v1/observations/",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("query", ["limit=x", "offset=null", "limit=-1", "offset=-5", "limit=1.5"])
def test_malformed_pagination_is_refused_on_every_list(demo, api, url, query):
    response = api().get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    name = query.split("=")[0]
    assert name in response.json()


@pytest.mark.parametrize(
    "url,query",
    [
        ("/api/v1/activities/", "published=abc"),
        ("/api/v1/activities/", "changed_since=not-a-date"),
        ("/api/v1/activities/", "status=nonsense"),
        ("/api/v1/follow-ups/", "until=not-a-date"),
        ("/api/v1/follow-ups/", "since=2024-13-45"),
        ("/api/v1/readiness/", "completed=abc"),
        ("/api/v1/indicators/", "source=nonsense"),
    ],
)
def test_malformed_filters_are_refused(demo, api, url, query):
    response = api().get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    assert query.split("=")[0] in response.json()


def test_an_unknown_record_named_in_a_body_is_a_404_naming_the_field(demo, api, token_for):
    client = api(token_for(demo["coordinator"]))
    before = Observation.objects.count()
    rows = [{"indicator": "EGEN1", "period": "2024", "value": "3"}]
    response = client.post(
        "/api/v1/observations/import/", json.dumps({"municipality": "atlantis", "rows": rows})
    )
    assert response.status_code == 404
    assert response.json()["detail"].startswith("municipality: 'atlantis'")
    assert Observation.objects.count() == before
    body = {"title": "Ny", "arena": "family", "municipality": "arjeplog", "organisations": ["nowhere"]}
    response = client.post("/api/v1/activities/", json.dumps(body))
    assert response.status_code == 404
    assert response.json()["detail"].startswith("organisations: 'nowhere'")
    assert not Activity.objects.filter(title="Ny").exists()


def test_the_schema_states_the_rules_the_server_checks(demo, api, token_for, client):
    schema = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    owners = schema["ActivityRequest"]["oneOf"]
    assert [o["required"] for o in owners] == [["municipality"], ["collaboration"]]
    address, blank = schema["FollowUpRequest"]["properties"]["evidence_url"]["oneOf"]
    assert address["pattern"].startswith("^https?://") and blank["maxLength"] == 0
    both = {"title": "Båda", "arena": "family", "municipality": "arjeplog", "collaboration": "pite-alvdal"}
    response = api(token_for(demo["coordinator"])).post("/api/v1/activities/", json.dumps(both))
    assert response.status_code == 400 and "municipality" in response.json()


@pytest.mark.parametrize(
    "url,query",
    [
        ("/api/v1/activities/", "changed_since="),
        ("/api/v1/activities/", "published="),
        ("/api/v1/activities/", "status="),
        ("/api/v1/follow-ups/", "promise="),
    ],
)
def test_an_empty_value_where_the_schema_wants_one_is_refused(demo, api, url, query):
    response = api().get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    assert query.rstrip("=") in response.json()


def test_an_empty_text_filter_is_no_filter(demo, api):
    everything = api().get("/api/v1/activities/?limit=1000").json()["count"]
    assert api().get("/api/v1/activities/?municipality=&limit=1000").json()["count"] == everything


def test_a_form_encoded_body_is_refused_as_not_json(demo, api, token_for, client):
    token = token_for(demo["editor"])
    response = client.post(
        "/api/v1/activities/",
        {"municipality": "arjeplog", "title": "Form", "arena": "school"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 415
    assert not Activity.objects.filter(title="Form").exists()
