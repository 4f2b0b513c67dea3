import pytest

from samverka.notices import inbox, selectors


@pytest.fixture
def counted(monkeypatch):
    """The ids of the users whose notices were worked out, in order (selectors.notices_for, wherever
    it is called from)."""
    calls = []
    original = selectors.notices_for

    def notices_for(user, today=None):
        calls.append(user.pk)
        return original(user, today)

    monkeypatch.setattr(selectors, "notices_for", notices_for)
    monkeypatch.setattr(inbox, "notices_for", notices_for)
    return calls
