"""Issue 12: tables of records fit a phone and the county readiness table fits a laptop.

At 390 px the staff readiness result page (its interview table) and the members page (its invitations
table) do not scroll sideways, and no e-mail address breaks mid-way: each row is a card whose cells say
what they are. The county readiness table fits at 1,280 px as a table, every municipality on it, and at
390 px as a card per municipality (WCAG 1.4.10 Reflow); so do the lägesbild's activity counts, no word
broken mid-way."""

import datetime

from django.utils import timezone

from tests.browser.conftest import BROKEN_WORDS, login, screenshot

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"
EMAIL = "butikschef@systembolaget.example"


def _label(page, cell):
    """What a stacked cell says it is: the column's name its ::before shows on a phone."""
    return page.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle())


def _invite():
    from samverka.core.models import Organisation
    from samverka.people.models import Invitation

    org = Organisation.objects.get(slug="systembolaget")
    Invitation.objects.create(
        organisation=org,
        email=EMAIL,
        role="editor",
        title="Butikschef",
        token_hash="x" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    return org


def test_the_readiness_result_and_the_invitations_fit_a_phone(page, demo, axe_clean):
    from samverka.readiness.models import Assessment

    org = _invite()
    ongoing = Assessment.objects.get(issue="Spel om pengar bland unga")
    page.set_viewport_size({"width": 390, "height": 900})
    login(page, "arjeplog-samordnare")

    page.goto(f"/beredskap/{ongoing.pk}/")
    table = page.locator("table.stack", has=page.locator("caption", has_text="Intervjuer efter"))
    assert table.locator("td[data-label='Konsensus']").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the column's name leads each cell of a card
    first = table.locator("tbody tr").first.locator("td").nth(1)
    assert (
        page.evaluate("e => getComputedStyle(e, '::before').content", first.element_handle()) == '"Sektor: "'
    )
    screenshot(page, "readiness-result-390")
    axe_clean(page)

    page.goto(f"/organisation/{org.slug}/medlemmar/")
    cell = page.locator("td[data-label]", has_text=EMAIL)
    assert cell.count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the address is never broken mid-way: its text lies on one line (the column's name may take its own)
    lines = cell.evaluate(
        "e => { const r = document.createRange();"
        " r.selectNodeContents(e.lastChild || e); return r.getClientRects().length; }"
    )
    assert lines == 1
    screenshot(page, "invitations-390")
    axe_clean(page)


def test_the_county_readiness_table_fits_a_laptop_and_a_phone_and_says_why_a_row_is_empty(
    page, demo, axe_clean
):
    from samverka.core.models import Municipality

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "lansstyrelsen")
    page.goto("/beredskap/lan/norrbotten/")
    table = page.locator("table.county-readiness")
    rows = table.locator("tbody tr")
    assert rows.count() >= Municipality.objects.filter(county__slug="norrbotten").count()
    assert page.locator("tr.gap", has_text="Kiruna").inner_text().split("\t")[-1].strip() == "Ingen mätning"
    assert table.locator("thead th").count() == 11  # still a table: a column per dimension
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "readiness-county-1280")
    axe_clean(page)

    # on a phone each municipality is a card: its name, then each value named in full
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    arjeplog = rows.filter(has=page.locator("th", has_text="Arjeplog"))
    cell = arjeplog.locator("td[data-label^='A ']")
    assert _label(page, cell) == '"A Insatser i samhället: "'
    assert cell.inner_text() == "4,40"
    assert _label(page, arjeplog.locator("td[data-label='Stadium']")) == '"Stadium: "'
    assert table.locator("tbody td").evaluate_all(BROKEN_WORDS) == []
    screenshot(page, "readiness-county-390")
    axe_clean(page)


def test_the_lagesbild_activity_counts_are_cards_with_whole_words_on_a_phone(page, demo, axe_clean):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "arjeplog-samordnare")
    page.goto("/lagesbild/arjeplog/")
    table = page.locator("table", has=page.locator("caption", has_text="Vad partner gjort, per kvartal"))
    organisations = table.locator("td[data-label='Organisation']")
    assert organisations.count() == 6
    assert _label(page, organisations.first) == '"Organisation: "'
    assert "Socialtjänsten i Arjeplog" in organisations.all_inner_texts()
    # stacked, the header row is out of sight, and no cell's word (Socialtjänsten, Organisation...) breaks
    assert table.locator("thead").bounding_box()["width"] <= 1
    assert table.locator("tbody td").evaluate_all(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "situation-counts-390")
    axe_clean(page)
