# The open-data files are compared with the API's own answers, so these tests use the API's client fixture.
from tests.api.conftest import api, token_for  # noqa: F401
