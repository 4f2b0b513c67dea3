"""Journey 4: the county board compares its municipalities; and the API's and reports' own pages."""

import io

import openpyxl

from tests.browser.conftest import login, screenshot


def test_the_county_board_sorts_opens_a_promise_and_exports_to_excel(page, demo, axe_clean):
    login(page, "lansstyrelsen")
    page.get_by_role("link", name="Norrbottens län: alla kommuner sida vid sida").click()
    page.get_by_role("heading", name="Länsöversikt: Norrbottens län", level=1).wait_for()
    axe_clean(page)

    page.get_by_role("link", name="Beredskapsstadium (senast delat)").click()
    page.wait_for_url("**sort=readiness**")
    first_row = page.locator("table.overview tbody tr").first
    assert "Arjeplog" in first_row.locator("th").inner_text()
    assert page.locator("th[aria-sort]").count() == 1
    assert "Inte delat" in page.locator("table.overview tbody tr", has_text="Kiruna").inner_text()
    screenshot(page, "county-overview")
    axe_clean(page)

    # The workbook is made by a background job; its page offers the file when done.
    page.get_by_role("button", name="Exportera till Excel (XLSX)").click()
    page.get_by_role("heading", name="Länsöversikt som XLSX", level=1).wait_for()
    page.get_by_text("Länsöversikten för Norrbottens län är klar.").wait_for()
    axe_clean(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner lansoversikt-norrbotten-").click()
    assert download.value.suggested_filename.startswith("lansoversikt-norrbotten-")
    page.get_by_role("link", name="Tillbaka till länsöversikten").click()
    page.wait_for_url("**sort=readiness**")  # back to the overview as it was sorted
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][0] == "Arjeplog" and len(rows) == 15  # sorted as on the page

    first_row.get_by_role("link", name="Medborgarlöfte").first.click()
    page.wait_for_url("**/p/arjeplog/medborgarloften/**")
    assert page.get_by_role("heading", level=1).inner_text()


def test_the_coordinator_completes_the_settings_and_downloads_the_survey(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.get_by_role("button", name="Logga ut").wait_for()
    page.goto("/rapporter/kommun/arjeplog/")
    page.get_by_role("heading", name="Rapporter för Arjeplog").wait_for()
    axe_clean(page)
    page.get_by_role("link", name="Komplettera inställningarna för förebyggande arbete").click()
    axe_clean(page)
    page.get_by_label("tillsyn över försäljning av alkohol, tobak och spel").fill(
        "Gemensam tillsyn med Arvidsjaur"
    )
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Inställningarna är sparade.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner den förifyllda enkäten (XLSX)").click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))["Länsrapporten"]
    answers = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert answers["F1"] == "Gemensam tillsyn med Arvidsjaur"
    screenshot(page, "survey")


def test_tokens_api_docs_and_open_data_pages_are_accessible(page, demo, axe_clean):
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name="Öppna data").click()
    page.get_by_role("heading", name="Öppna data: Arjeplog").wait_for()
    axe_clean(page)
    page.goto("/p/oppna-data/")
    axe_clean(page)
    page.goto("/api/v1/docs/")
    axe_clean(page)
    login(page, "arjeplog-redaktor")
    page.get_by_role("button", name="Logga ut").wait_for()
    page.get_by_role("link", name="Dina personliga API-nycklar").click()
    page.get_by_label("Vad ska nyckeln användas till?").fill("rapportskript")
    page.get_by_role("button", name="Skapa nyckel").click()
    token = page.get_by_label("Nyckeln", exact=True).input_value()
    assert token.startswith("smv_")
    axe_clean(page)
    screenshot(page, "api-tokens")
    page.get_by_role("button", name="Återkalla rapportskript").click()
    page.get_by_text("är återkallad").first.wait_for()
