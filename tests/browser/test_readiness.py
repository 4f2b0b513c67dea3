"""Journey 3: two scorers score an interview blind and agree; the assessment shows its stage and
strategies; the coordinator downloads the PDF. And the public result page passes axe-core."""

import re

from tests.browser.conftest import login, screenshot

SCORER1_VALUES = {"A": "3", "B": "2", "C": "3", "D": "3", "E": "2", "F": "2"}  # the demo's submitted sheet


def test_two_scorers_score_blind_agree_and_the_coordinator_downloads_the_pdf(page, demo, axe_clean, tmp_path):
    from samverka.readiness.models import Assessment

    ongoing = Assessment.objects.get(issue="Spel om pengar bland unga")
    interview = ongoing.interviews.get(number=2)  # interview 1 is agreed already

    # Scorer 2 opens the interview from the start page; scorer 1 has submitted, but nothing of it shows.
    login(page, "arjeplog-bedomare2")
    page.get_by_role("link", name="Spel om pengar bland unga", exact=True).click()
    page.get_by_role("link", name="Bedöm").first.click()
    assert page.get_by_role("heading", name="Utskrift").is_visible()
    # each level's anchor is our own short wording, not the model's stage name
    assert page.get_by_text("Ingen känner till någon insats.", exact=True).count() == 1
    assert page.get_by_text("Ingen medvetenhet").count() == 0
    assert "Lena Sundberg" not in page.content()
    axe_clean(page)
    screenshot(page, "readiness-score")
    values = {"A": "3", "B": "3", "C": "5", "D": "3", "E": "2", "F": "2"}
    for key, value in values.items():
        page.locator(f"#id_score_{key}").select_option(value + ".0")
    page.get_by_role("button", name="Skicka in poängen").click()
    assert page.get_by_text("Dina poäng skickades in").is_visible()
    page.get_by_role("link", name="Logga ut").count()
    page.get_by_role("button", name="Logga ut").click()

    # The team meets: scorer 1 sees both side by side, the difference on C (3 against 5) is marked.
    login(page, "arjeplog-bedomare1")
    page.goto(f"/beredskap/intervju/{interview.pk}/konsensus/")
    assert page.locator("tr.disagree").count() == 1
    assert "Lena Sundberg" in page.content() and "Olof Marklund" in page.content()
    axe_clean(page)
    screenshot(page, "readiness-consensus")
    agreed = {"A": "3", "B": "2", "C": "4", "D": "3", "E": "2", "F": "2"}
    for key, value in agreed.items():
        page.locator(f"#id_score_{key}").select_option(value + ".0")
    page.locator("#id_note_B").fill("Intervjun visar att få känner till insatserna.")
    page.locator("#id_note_C").fill("Ledningen har tagit upp frågan men inte avsatt pengar.")
    page.get_by_role("button", name="Spara konsensus").click()
    assert page.get_by_text("Konsensuspoängen sparades").is_visible()
    # The assessment shows its stage and strategies, marked preliminary: two of its four interviews agreed.
    assert page.get_by_text(re.compile(r"Stadium 2: Förnekelse/motstånd")).is_visible()
    assert page.get_by_text("preliminär – 2 av 4 intervjuer").is_visible()
    assert page.get_by_role("heading", name="Strategiförslag för stadiet").is_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The coordinator downloads the PDF for the municipal executive board.
    login(page, "arjeplog-samordnare")
    page.goto(f"/beredskap/{ongoing.pk}/")
    screenshot(page, "readiness-results")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner rapporten (PDF)").click()
    path = tmp_path / "rapport.pdf"
    download_info.value.save_as(path)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Förnekelse/motstånd" in text


def test_the_public_result_page_passes_axe(page, demo, axe_clean):
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name="Förändringsberedskap").click()
    page.get_by_role("link", name="Alkohol och droger bland unga").click()
    assert page.get_by_role("heading", name="Alkohol och droger bland unga").is_visible()
    # each chart is drawn for a phone and for wider screens; the page shows the one that fits
    assert page.locator("svg[role=img]:visible").count() == 1
    axe_clean(page)
    screenshot(page, "readiness-public")
