"""Single sign-on in a real browser: Samverka's login page → the provider's login form → back, signed in."""

import pytest

from tests.core.oidc_provider.runner import provider_settings, start_provider


@pytest.fixture
def provider(live_server, tmp_path):
    with start_provider(tmp_path, f"{live_server.url}/oidc/callback/") as base:
        with provider_settings(base):
            yield base


def test_staff_log_in_through_their_organisations_identity_provider(page, demo, provider, axe_clean):
    page.goto("/konto/logga-in/")
    axe_clean(page)
    page.get_by_role("link", name="Logga in med din organisations konto").click()
    page.wait_for_url(f"{provider}/**")
    page.get_by_label("Username").fill("anna.idp")
    page.get_by_label("Password").fill("idp-password")
    page.get_by_role("button", name="Sign in at the IdP").click()
    page.get_by_role("button", name="Logga ut").wait_for()
    assert page.get_by_text("Anna Lindqvist").first.is_visible()  # linked to the demo account by e-mail
