"""Endpoints of the other apps' records, one module each in api/endpoints/, added as each app lands."""

from importlib import import_module

ENDPOINT_MODULES = ["activities", "promises", "readiness", "situation"]


def routes() -> list[tuple]:
    found = []
    for name in ENDPOINT_MODULES:
        found.extend(import_module(f"samverka.api.endpoints.{name}").ROUTES)
    return found
