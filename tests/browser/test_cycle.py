"""The yearly cycle in the browser: a coordinator opens the current period 2025–2027, starts 2028–2029 in
one action, sees the copied drafts, and finds 2019–2020 frozen and readable with its follow-ups."""

import re

from tests.browser.conftest import login, screenshot


def test_a_coordinator_starts_the_next_period_and_finds_the_first_one_frozen(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.get_by_role("link", name="Arjeplog", exact=True).first.click()
    page.get_by_role("link", name="Arbetsperioder och årlig uppföljning").first.click()
    page.get_by_role("heading", name="Arbetsperioder – Arjeplog", level=1).wait_for()
    axe_clean(page)

    page.get_by_role("link", name="2025–2027", exact=True).click()
    page.get_by_role("heading", name="Arjeplog, arbetsperiod 2025–2027", level=1).wait_for()
    assert page.get_by_text("Medborgarlöfte 2027: Trygg sommar i Arjeplog").is_visible()
    axe_clean(page)
    page.get_by_label("Nästa periods sista år").fill("2029")
    page.get_by_label("Varför bedömningar lämnas öppna").fill(
        "Löftena för 2026–2027 utvärderas i januari 2028."
    )
    page.get_by_role("button", name="Starta nästa period").click()

    page.get_by_text("Perioden 2028–2029 är startad.").wait_for()
    page.get_by_role("heading", name="Arjeplog, arbetsperiod 2028–2029", level=1).wait_for()
    promises = page.locator("h2:has-text('Medborgarlöften') + ul")
    assert promises.get_by_text(
        "Medborgarlöfte ANDTS 2028–2029: Förebyggande arbete och information"
    ).is_visible()
    assert promises.get_by_text("Utkast").count() == 2
    plans = page.locator("h2:has-text('Åtgärdsplaner') + ul")
    assert plans.get_by_text("BRÅ Arjeplogs gemensamma handlingsplan 2028–2029").is_visible()
    assert page.get_by_text("Lägesbild Arjeplog inför 2028–2029").is_visible()
    axe_clean(page)
    screenshot(page, "cycle-next-period")

    # the draft promise opens, with the copied commitments
    page.get_by_role(
        "link", name="Medborgarlöfte ANDTS 2028–2029: Förebyggande arbete och information"
    ).click()
    page.get_by_text("Polis och socialtjänst kommer att fortbilda").first.wait_for()
    page.go_back()

    page.get_by_role("link", name="Arbetsperioder").first.click()
    page.get_by_role("link", name="2025–2027", exact=True).click()
    page.get_by_role("link", name="2028–2029").wait_for()  # "Nästa period"
    assert page.get_by_role("button", name="Starta nästa period").count() == 0  # started once only
    assert page.get_by_text("Löftena för 2026–2027 utvärderas i januari 2028.").is_visible()

    page.get_by_role("link", name="Arbetsperioder").first.click()
    page.get_by_role("link", name="2019–2020", exact=True).click()
    page.get_by_role("heading", name="Arjeplog, arbetsperiod 2019–2020", level=1).wait_for()
    assert page.get_by_text("Avslutad").first.is_visible()
    reports = page.locator("h2:has-text('Lägesbild') + ul")
    assert re.search(r"Lägesbild Arjeplog 2019 · Antagen 12 november 2019 · fryst", reports.inner_text())
    assert page.get_by_role("link", name="Uppföljning 2019").is_visible()
    assert page.get_by_role("link", name="Uppföljning 2020").is_visible()
    axe_clean(page)

    page.get_by_role("link", name="Uppföljning 2020").click()
    page.get_by_role("heading", name="Uppföljning 2020 – Arjeplog", level=1).wait_for()
    assert page.get_by_text("Fortbildningen hölls digitalt för personal och föräldrar.").is_visible()
    assert page.get_by_text("Fortbildningen genomfördes båda åren, 2020 i digital form.").first.is_visible()
    axe_clean(page)

    page.get_by_role("link", name="2019–2020").first.click()
    page.get_by_role("link", name="Lägesbild Arjeplog 2019").click()
    page.get_by_text(re.compile("Fryst: lägesbilden visar värden")).wait_for()
    assert page.get_by_role("button", name="Lägg till").count() == 0
    axe_clean(page)
    screenshot(page, "cycle-frozen-lagesbild")
