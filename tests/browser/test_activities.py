"""The catalogue in a real browser: the public page, journey 1 (resume parental support) and journey 7
(the embedded list on a phone)."""

import xml.etree.ElementTree as ET

from tests.browser.conftest import login, screenshot

ATOM = "{http://www.w3.org/2005/Atom}"
ARENAS = ["Familjen", "Barn och unga", "Skola", "Fritid", "Samhället"]


def test_the_public_catalogue_shows_every_arena_and_passes_axe(page, demo, axe_clean):
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name="Metoder och aktiviteter").click()
    page.wait_for_url("**/p/arjeplog/aktiviteter/")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings[: len(ARENAS)] == ARENAS
    family = page.locator("section", has=page.get_by_role("heading", name="Familjen", exact=True))
    assert family.get_by_role("heading", name="Föräldrastöd").is_visible()
    assert "Personalbrist" in family.inner_text()
    axe_clean(page)
    screenshot(page, "activities-public-list")
    page.get_by_role("link", name="Föräldrastöd", exact=True).click()
    page.get_by_role("heading", level=1, name="Föräldrastöd").wait_for()
    axe_clean(page)


def test_journey_1_the_coordinator_resumes_parental_support(page, demo, live_server, axe_clean):
    login(page, "arjeplog-samordnare")
    page.get_by_role("link", name="Aktiviteter", exact=True).click()  # the place navigation
    page.get_by_label("Status").select_option("paused")
    page.get_by_role("button", name="Filtrera").click()
    page.get_by_role("link", name="Föräldrastöd", exact=True).click()
    page.get_by_role("link", name="Ändra").click()
    page.get_by_label("Status", exact=True).select_option("active")
    page.get_by_label("Orsak till status").fill("")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Aktiviteten sparades.").wait_for()
    screenshot(page, "activities-journey-1-saved")

    # At once: the public catalogue and its feed show the change.
    page.goto("/p/arjeplog/aktiviteter/")
    family = page.locator("section", has=page.get_by_role("heading", name="Familjen", exact=True))
    assert family.get_by_role("heading", name="Föräldrastöd").is_visible()
    assert "Personalbrist" not in family.inner_text()
    response = page.request.get(f"{live_server.url}/p/arjeplog/aktiviteter/feed/")
    feed = ET.fromstring(response.body())
    newest = feed.find(f"{ATOM}entry")
    assert newest.find(f"{ATOM}title").text == "Föräldrastöd (pågår)"


def test_journey_7_the_embedded_list_reads_well_on_a_phone(chromium, live_server, demo, axe_clean):
    context = chromium.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    try:
        # The municipality's own website frames the list.
        page.set_content(
            '<html lang="sv"><head><meta name="viewport" content="width=device-width"><title>Arjeplogs kommun'
            '</title></head><body><main><h1>Förebyggande arbete</h1><iframe title="Aktiviteter" '
            f'src="{live_server.url}/p/arjeplog/aktiviteter/inbaddning/" style="width:100%;height:600px;border:0">'
            "</iframe></main></body></html>"
        )
        frame = page.frame_locator("iframe")
        frame.get_by_role("heading", name="Barn och unga").wait_for()
        assert frame.get_by_role("link", name="Norrbus").is_visible()
        screenshot(page, "activities-journey-7-embedded")

        page.goto("/p/arjeplog/aktiviteter/inbaddning/")
        assert page.locator("header.site-header").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        axe_clean(page)
        screenshot(page, "activities-journey-7-phone")
        page.get_by_role("link", name="Publicerat med Samverka").click()
        page.wait_for_url("**/p/arjeplog/aktiviteter/")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        axe_clean(page)
    finally:
        context.close()


def test_the_staff_pages_are_accessible_too(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.goto("/aktiviteter/kommun/arjeplog/")
    axe_clean(page)
    screenshot(page, "activities-staff-list")
    page.get_by_role("link", name="Luckor").click()
    page.get_by_role("heading", level=1, name="Luckor – Arjeplog").wait_for()
    assert page.locator("td.gap").count() > 0
    axe_clean(page)
    screenshot(page, "activities-gaps")
    page.goto("/aktiviteter/kommun/arjeplog/ny/")
    axe_clean(page)
    screenshot(page, "activities-form")
