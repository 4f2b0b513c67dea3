"""Journey of the foundation: log in as the coordinator, see Arjeplog, switch language, log out."""

from tests.browser.conftest import login, screenshot


def test_coordinator_logs_in_sees_arjeplog_switches_language_and_logs_out(page, demo, axe_clean):
    page.goto("/")
    axe_clean(page)
    login(page, "arjeplog-samordnare")
    page.get_by_role("heading", name="Välkommen, Anna Lindqvist").wait_for()
    axe_clean(page)
    screenshot(page, "start-sv")

    page.get_by_role("link", name="Arjeplog", exact=True).click()
    page.get_by_role("heading", name="Arjeplog", level=1).wait_for()
    assert page.get_by_text("Fritidsgården Polar").first.is_visible()
    axe_clean(page)

    page.get_by_role("button", name="In English").click()
    page.get_by_role("heading", name="Organisations working here").wait_for()
    page.goto("/")
    page.get_by_role("heading", name="Common tasks in Arjeplog").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    axe_clean(page)
    screenshot(page, "start-en")

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.wait_for()
    page.goto("/kommun/arjeplog/")
    assert "/konto/logga-in/" in page.url


def test_wrong_password_is_announced(page, demo, axe_clean):
    login(page, "arjeplog-samordnare", password="fel-lösenord")
    alert = page.get_by_role("alert")
    assert "Fel användarnamn eller lösenord" in alert.inner_text()
    axe_clean(page)


def test_public_pages_are_accessible(page, demo, axe_clean):
    page.goto("/p/")
    axe_clean(page)
    page.get_by_role("link", name="Arjeplog").click()
    page.get_by_role("heading", name="Förebyggande arbete i Arjeplog").wait_for()
    axe_clean(page)
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.get_by_role("heading", name="Tillgänglighetsredogörelse", level=1).wait_for()
    axe_clean(page)
