"""Fixtures of the hardening tests: the catalogue's activity factory."""

from tests.activities.conftest import catalogue, make_activity  # noqa: F401 - fixtures used here
