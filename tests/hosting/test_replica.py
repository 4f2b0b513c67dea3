"""Which database a request reads from: the router and the middleware, without a second server.

The real replica (streaming, stopped and started) is exercised by scripts/cluster-test.sh.
"""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from samverka.core.models import Municipality
from samverka.hosting import replica
from samverka.hosting.middleware import ReplicaMiddleware


@pytest.fixture
def with_replica(settings, monkeypatch):
    settings.DATABASE_REPLICA_URL = "postgres://replica.invalid/samverka"  # only read by the middleware
    monkeypatch.setattr(replica, "replica_available", lambda: True)
    yield
    replica.read_from_replica(False)


def _through(request, *, write=False):
    seen = {}

    def view(request):
        seen["before"] = replica.ReplicaRouter().db_for_read(Municipality)
        if write:
            replica.ReplicaRouter().db_for_write(Municipality)
        seen["after"] = replica.ReplicaRouter().db_for_read(Municipality)
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(request)
    return seen, response


def test_a_public_page_reads_from_the_replica(with_replica):
    seen, _response = _through(RequestFactory().get("/p/arjeplog/"))
    assert seen == {"before": "replica", "after": "replica"}


def test_a_staff_page_reads_from_the_primary(with_replica):
    seen, _response = _through(RequestFactory().get("/aktiviteter/"))
    assert seen == {"before": "default", "after": "default"}


def test_after_a_write_the_rest_of_the_request_reads_from_the_primary(with_replica):
    seen, _response = _through(RequestFactory().get("/p/arjeplog/"), write=True)
    assert seen == {"before": "replica", "after": "default"}


def test_a_writer_reads_their_own_writes_for_a_few_seconds_on_any_node(with_replica, settings):
    seen, response = _through(RequestFactory().post("/aktiviteter/x/andra/"))
    cookie = response.cookies[replica.PIN_COOKIE]
    assert cookie["max-age"] == settings.REPLICA_PIN_SECONDS
    request = RequestFactory().get("/p/arjeplog/")
    request.COOKIES[replica.PIN_COOKIE] = "1"
    seen, _response = _through(request)
    assert seen == {"before": "default", "after": "default"}


def test_a_replica_that_is_down_leaves_reads_on_the_primary(with_replica, monkeypatch):
    monkeypatch.setattr(replica, "replica_available", lambda: False)
    seen, _response = _through(RequestFactory().get("/p/arjeplog/"))
    assert seen == {"before": "default", "after": "default"}


def test_without_a_replica_the_middleware_chooses_nothing():
    seen, response = _through(RequestFactory().post("/p/arjeplog/"))
    assert seen == {"before": "default", "after": "default"}
    assert replica.PIN_COOKIE not in response.cookies


def test_migrations_go_to_the_primary_only():
    router = replica.ReplicaRouter()
    assert (router.allow_migrate("default", "core"), router.allow_migrate("replica", "core")) == (True, False)
