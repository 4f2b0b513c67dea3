"""The lägesbild with the parts other apps add, as a resident and a coordinator see it."""

from tests.browser.conftest import login, screenshot


def test_the_public_lagesbild_shows_the_published_readiness_stage_and_the_coverage(page, demo, axe_clean):
    page.goto("/p/arjeplog/lagesbild/")
    page.get_by_role("heading", name="Förändringsberedskap", level=2).wait_for()
    page.get_by_role("heading", name="Aktiviteternas täckning", level=2).wait_for()
    assert page.get_by_text("Mål i BRÅ Arjeplogs gemensamma handlingsplan").first.is_visible()
    axe_clean(page)
    screenshot(page, "integration-public-lagesbild")


def test_the_coordinator_sees_the_problem_a_goal_is_based_on(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.get_by_role("heading", name="Välkommen, Anna Lindqvist").wait_for()
    page.goto("/lagesbild/arjeplog/")
    page.get_by_role("link", name="Lägesbild Arjeplog 2023").first.click()
    page.get_by_role("heading", name="Förändringsberedskap", level=2).wait_for()
    page.get_by_role("link", name="Minska ungas tillgång till alkohol och narkotika.").click()
    page.get_by_text("Utgår från det prioriterade problemet ”Alkohol bland unga”").first.wait_for()
    axe_clean(page)
    screenshot(page, "integration-plan")
