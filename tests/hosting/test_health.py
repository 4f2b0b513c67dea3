"""/healthz per dependency and /readyz, on the one-command set-up (nothing shared configured)."""

import pytest
from django.db import DatabaseError


def test_healthz_lists_every_dependency_and_what_is_off(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "replica": "off",
        "cache": "off",
        "broker": "off",
        "storage": "ok",
    }
    assert body["checks"]["storage"]["backend"] == "local disk"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_an_unreachable_database_makes_both_answer_503(client, db, monkeypatch, url):
    from django.db import connections

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    with monkeypatch.context() as patch:
        patch.setattr(connections["default"], "cursor", broken)
        response = client.get(url)
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "error",
        "error": "down",
        "ms": response.json()["checks"]["database"]["ms"],
    }


def test_readyz_takes_requests_when_database_and_cache_answer(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"
    assert set(response.json()["checks"]) == {"database", "cache"}


def test_an_unreachable_redis_stops_start_up_with_a_message(settings):
    import socket

    from django.core.exceptions import ImproperlyConfigured

    from samverka.hosting.checks import verify_or_raise

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.REDIS_URL = f"redis://:secret@127.0.0.1:{port}/0"
    with pytest.raises(ImproperlyConfigured) as error:
        verify_or_raise()
    assert f"REDIS_URL=redis://:***@127.0.0.1:{port}/0 cannot be reached" in str(error.value)
    assert "secret" not in str(error.value)
