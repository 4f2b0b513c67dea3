"""Fixtures of the hardening tests: the catalogue's activity factory."""

from tests.activities.conftest import catalogue, make_activity  # noqa: F401 - fixtures used here
from tests.indicators.conftest import import_kolada, import_table  # noqa: F401 - fixtures used here
from tests.promises.conftest import active_promise, make_promise, today  # noqa: F401,E402 - fixtures used here
from tests.readiness.conftest import readiness  # noqa: F401,E402 - fixtures used here
from tests.situation.conftest import situation_demo  # noqa: F401 - fixtures used here
