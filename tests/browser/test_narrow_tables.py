"""Issue 12: tables of records fit a phone and the county readiness table fits a laptop.

At 390 px the staff readiness result page (its interview table) and the members page (its invitations
table) do not scroll sideways, and no e-mail address breaks mid-way: each row is a card whose cells say
what they are. At 1,280 px the county readiness table fits, every municipality on it."""

import datetime

from django.utils import timezone

from tests.browser.conftest import login, screenshot

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"
EMAIL = "butikschef@systembolaget.example"


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


def test_the_county_readiness_table_fits_a_laptop_and_says_why_a_row_is_empty(page, demo, axe_clean):
    from samverka.core.models import Municipality

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "lansstyrelsen")
    page.goto("/beredskap/lan/norrbotten/")
    rows = page.locator("table.county-readiness tbody tr")
    assert rows.count() >= Municipality.objects.filter(county__slug="norrbotten").count()
    assert page.locator("tr.gap", has_text="Kiruna").inner_text().split("\t")[-1].strip() == "Ingen mätning"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "readiness-county-1280")
    axe_clean(page)
