"""Schemathesis fuzzes every endpoint from the OpenAPI schema, without and with a token, with all its
checks: no server error, every response matches the schema, what the schema allows is accepted and what
it forbids is refused. The schema itself is valid OpenAPI. Bounded examples per operation keep the suite
quick."""

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from samverka.wsgi import application

EXAMPLES = 10


# Loaded when the tests are collected (the schema depends on code only, not on data). Schemathesis's
# lazy fixture loader does not work with pytest 9 (it sets a removed attribute), so no from_fixture.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_database_connection():
    """Schemathesis calls the WSGI application directly, so Django's request signals would close the
    test's database connection after each call (its own test client disconnects them the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _demo_places(users):
    """All apps' demo data, so the fuzzed requests find real records as well as missing ones."""
    call_command("demo", stdout=io.StringIO())


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.generate],  # schemathesis adds ~400 boundary "explicit" examples per operation: too slow
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@schema.parametrize()
@FUZZ
def test_every_endpoint_answers_anonymous_visitors_within_its_schema(case):
    case.call_and_validate()


@schema.parametrize()
@FUZZ
def test_every_endpoint_answers_a_token_holder_within_its_schema(case, users, token_for):
    case.call_and_validate(headers={"Authorization": f"Bearer {token_for(users['coordinator'])}"})


def test_the_schema_is_openapi_3_and_lists_the_read_endpoints(client):
    body = client.get("/api/v1/schema/?format=json").json()
    assert body["openapi"].startswith("3.")
    for path in ["/api/v1/municipalities/", "/api/v1/organisations/", "/api/v1/collaborations/"]:
        assert path in body["paths"]
    assert "personalToken" in body["components"]["securitySchemes"]


def test_the_published_schema_is_valid_openapi(client):
    from openapi_spec_validator import validate

    validate(client.get("/api/v1/schema/?format=json").json())  # raises with the first error
