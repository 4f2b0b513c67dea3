import pytest


@pytest.fixture
def token_for(db):
    """token_for(user) -> the raw key of a new personal API token of user."""
    from samverka.api.services import api_token_create

    def make(user, name="test"):
        return api_token_create(user=user, name=name)[1]

    return make


@pytest.fixture
def api(client):
    """api(token=None).get(url) -> a test client sending `Authorization: Bearer <token>` when given."""

    class Api:
        def __init__(self, token=None):
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

        def get(self, url, **kw):
            return client.get(url, **self.headers, **kw)

        def post(self, url, data, **kw):
            return client.post(url, data, content_type="application/json", **self.headers, **kw)

        def patch(self, url, data, **kw):
            return client.patch(url, data, content_type="application/json", **self.headers, **kw)

    return Api
