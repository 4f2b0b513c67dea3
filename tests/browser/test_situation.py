"""Journeys 5 and 6 (JOURNEYS.md): the coordinator refreshes the lägesbild; the collaboration meets.
And the public lägesbild passes axe-core."""

import io
import re
from pathlib import Path

from django.core.management import call_command

from samverka.indicators.models import Observation
from tests.browser.conftest import login, screenshot

DEMO_FILES = Path(__file__).resolve().parents[2] / "samverka" / "situation" / "demo_files"

SURVEY_2025 = (
    "Indikator;Fråga;Kommun;År;Årskurs;Kön;Andel (%);Antal;Antal svarande\r\n"
    "SK-ALK;Har druckit alkohol senaste 12 månaderna;Arjeplog;2025;Åk 9;Totalt;31,5;8;25\r\n"
    "SK-ALK;Har druckit alkohol senaste 12 månaderna;Norrbottens län;2025;Åk 9;Totalt;36,2;905;2500\r\n"
)


def test_journey_5_the_coordinator_refreshes_the_lagesbild(page, demo, axe_clean, tmp_path):
    login(page, "arjeplog-samordnare")
    page.get_by_role("heading", name="Välkommen, Anna Lindqvist").wait_for()
    page.goto("/lagesbild/arjeplog/")
    axe_clean(page)
    page.get_by_role("link", name="Importera indikatorvärden").click()
    axe_clean(page)

    # the Kolada file with the new year: preview, then confirm
    page.locator("input[type=file]").set_input_files(str(DEMO_FILES / "kolada-demo-2024.json"))
    page.get_by_role("button", name="Visa förhandsvisning").click()
    page.get_by_role("heading", name="Förhandsvisning av importen").wait_for()
    # Arjeplog's own values only: the other places' rows are listed as left out before she confirms
    assert "9 rader att importera" in page.get_by_text("kolada-demo-2024.json:").inner_text()
    assert "9 nya" in page.locator(".import-counts").inner_text()
    left_out = page.get_by_role("status").filter(has_text="Rader som inte importeras")
    assert "Norrbottens län (0025): 3 rader" in left_out.inner_text()
    axe_clean(page)
    screenshot(page, "situation-import-preview")
    page.get_by_role("button", name="Importera").click()
    page.get_by_text("Importerade 9 rader").wait_for()
    page.get_by_role("link", name="Tillbaka till lägesbilden").click()  # from the import job's page

    # the school survey table the county sent, as Swedish Excel saves it (Windows-1252, ;, decimal comma)
    survey = tmp_path / "skolenkat-2025.csv"
    survey.write_bytes(SURVEY_2025.encode("cp1252"))
    page.get_by_role("link", name="Importera indikatorvärden").click()
    page.locator("input[type=file]").set_input_files(str(survey))
    page.get_by_role("button", name="Visa förhandsvisning").click()
    page.get_by_role("heading", name="Förhandsvisning av importen").wait_for()
    page.get_by_role("button", name="Importera").click()
    page.get_by_text("Importerade 1 rad").wait_for()  # the county's row is the county's to import
    page.get_by_role("link", name="Tillbaka till lägesbilden").click()  # from the import job's page
    assert list(
        Observation.objects.filter(period="2025", group="y9").values_list("place__code", flat=True)
    ) == ["2506"]

    # the county's and the country's values of the new year come from the Kolada fetch (here the
    # operator's import of the same file), never from a municipality's upload
    call_command(
        "import-indicators", str(DEMO_FILES / "kolada-demo-2024.json"), "--no-progress", stdout=io.StringIO()
    )

    # the adopted lägesbild is frozen: the import does not change it
    page.get_by_role("link", name="Lägesbild Arjeplog 2023").click()
    page.get_by_role("heading", name="Lägesbild Arjeplog 2023", level=1).wait_for()
    page.get_by_text(re.compile("Fryst: lägesbilden visar värden")).wait_for()
    frozen = page.get_by_role("table", name="Värden för Anmälda brott mot narkotikastrafflagen", exact=False)
    assert frozen.get_by_role("rowheader", name="2023").is_visible()
    assert frozen.get_by_role("rowheader", name="2024").count() == 0

    # back to draft, its charts show the new year with the county and the country beside it
    page.get_by_role("button", name="Gör till utkast igen").click()
    page.get_by_text("Lägesbilden är ett utkast igen.").wait_for()
    table = page.get_by_role("table", name="Värden för Anmälda brott mot narkotikastrafflagen", exact=False)
    assert table.get_by_role("columnheader", name="Norrbottens län").is_visible()
    assert table.get_by_role("columnheader", name="Riket").is_visible()
    assert table.get_by_role("rowheader", name="2024").is_visible()
    survey_table = page.get_by_role("table", name="Värden för Har druckit alkohol", exact=False)
    assert survey_table.get_by_role("rowheader", name="2025").is_visible()
    assert page.locator("figure.chart svg").count() >= 3
    axe_clean(page)
    screenshot(page, "situation-report")


def test_journey_6_the_collaboration_meets(page, demo, axe_clean):
    login(page, "polis-pitealvdal")
    page.get_by_role("heading", name="Välkommen, Maria Berg").wait_for()
    page.get_by_role("link", name="Möten i Pite älvdal").click()
    page.get_by_role("heading", name="Möten – Pite älvdal", level=1).wait_for()
    axe_clean(page)
    page.get_by_role("link", name="Gränsöverskridande samarbete om ANDTS").click()
    page.get_by_role("heading", name="Gränsöverskridande samarbete om ANDTS", level=1).wait_for()
    axe_clean(page)

    # show the shared lägesbild, then come back
    page.get_by_role("link", name="Gemensam lägesbild Pite älvdal 2019").click()
    page.get_by_role("heading", name="Gemensam lägesbild Pite älvdal 2019", level=1).wait_for()
    assert page.locator("figure.chart svg").count() >= 1
    page.go_back()

    page.get_by_label("Beslut").fill("Kommunikatörerna tar fram en gemensam plan för kommunikation om ANDTS.")
    page.get_by_role("button", name="Anteckna beslut").click()
    page.get_by_text("Beslutet antecknades.").wait_for()
    page.get_by_label("Vad som ska göras").fill("Boka föräldrakvällen i Arjeplog")
    page.get_by_label("Ansvarig").select_option(label="Arjeplogs kommun")
    page.get_by_label("Klart senast").fill("2030-03-15")
    page.get_by_role("button", name="Lägg till", exact=True).click()
    page.get_by_text("Att göra lades till").wait_for()
    assert page.get_by_role("cell", name="Boka föräldrakvällen i Arjeplog", exact=True).is_visible()
    axe_clean(page)
    screenshot(page, "meeting-detail")
    page.get_by_role("button", name="Logga ut").click()

    # next morning: the owner sees the item on the start page and closes it
    login(page, "arjeplog-samordnare")
    panel = page.get_by_role("region", name="Din organisations att göra")
    panel.get_by_text("Boka föräldrakvällen i Arjeplog", exact=True).wait_for()
    axe_clean(page)
    screenshot(page, "start-action-items")
    panel.get_by_role("button", name="Markera ”Boka föräldrakvällen i Arjeplog” som klar").click()
    page.get_by_text("Statusen sparades.").wait_for()
    assert page.get_by_text("Boka föräldrakvällen i Arjeplog", exact=True).count() == 0


def test_the_public_lagesbild_is_accessible_and_hides_small_numbers(page, demo, axe_clean):
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name="Lägesbild").click()
    page.get_by_role("heading", name="Lägesbild – Arjeplog", level=1).wait_for()
    assert page.get_by_text("färre än 5").first.is_visible()
    assert page.get_by_text("Fler unga misstänks för narkotikabrott").count() == 0
    axe_clean(page)
    screenshot(page, "situation-public")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    axe_clean(page)
    screenshot(page, "situation-public-phone")
