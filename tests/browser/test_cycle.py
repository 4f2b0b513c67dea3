"""The yearly cycle in the browser: a coordinator opens the current period 2025–2027, starts 2028–2029 in
one action, sees the copied drafts, and finds 2019–2020 frozen and readable with its follow-ups."""

import datetime
import io
import re

from pypdf import PdfReader

from samverka.core.models import Municipality, Organisation, Period
from samverka.meetings.models import ActionItem, Meeting
from tests.browser.conftest import login, screenshot


def _open_action_item_of_the_current_period():
    """Arjeplog's demo has no meeting of its own: one with an unfinished and a finished action item."""
    arjeplog = Municipality.objects.get(slug="arjeplog")
    current = Period.objects.get(municipality=arjeplog, first_year=2025)
    organisation = Organisation.objects.get(slug="arjeplogs-kommun")
    meeting = Meeting.objects.create(
        municipality=arjeplog,
        title="BRÅ-gruppen hösten 2027",
        starts_at=datetime.datetime(2027, 10, 5, 9, tzinfo=datetime.UTC),
        organiser=organisation,
    )
    for text, status in [("Boka lokal för föräldrakvällen", "open"), ("Skicka inbjudan", "done")]:
        ActionItem.objects.create(
            meeting=meeting, text=text, owner_organisation=organisation, status=status, work_period=current
        )


def test_a_coordinator_starts_the_next_period_and_finds_the_first_one_frozen(page, demo, axe_clean):
    _open_action_item_of_the_current_period()
    login(page, "arjeplog-samordnare")
    page.get_by_role("link", name="Arjeplog", exact=True).first.click()
    page.get_by_role("link", name="Arbetsperioder och årlig uppföljning").first.click()
    page.get_by_role("heading", name="Arbetsperioder – Arjeplog", level=1).wait_for()
    axe_clean(page)

    page.get_by_role("link", name="2025–2027", exact=True).click()
    page.get_by_role("heading", name="Arjeplog, arbetsperiod 2025–2027", level=1).wait_for()
    assert page.get_by_text("Medborgarlöfte 2027: Trygg sommar i Arjeplog").is_visible()
    axe_clean(page)
    # a second tab holds the same form, to try starting the period again once it has been started
    second = page.context.new_page()
    second.goto(page.url)
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
    carried = page.locator("h2:has-text('Överförda åtgärdspunkter') + ul")
    assert carried.inner_text() == "Boka lokal för föräldrakvällen – Arjeplogs kommun"  # not the finished one
    axe_clean(page)
    screenshot(page, "cycle-next-period")

    # the draft promise opens, with the copied commitments
    page.get_by_role(
        "link", name="Medborgarlöfte ANDTS 2028–2029: Förebyggande arbete och information"
    ).click()
    page.get_by_text("Polis och socialtjänst kommer att fortbilda").first.wait_for()
    page.go_back()

    # starting it again from the tab opened before is refused in Swedish, and starts nothing
    second.get_by_label("Nästa periods sista år").fill("2030")
    second.get_by_label("Varför bedömningar lämnas öppna").fill("Igen")
    second.get_by_role("button", name="Starta nästa period").click()
    second.get_by_role("alert").get_by_text("Nästa period har redan startats: 2028–2029.").wait_for()
    assert Period.objects.filter(municipality__slug="arjeplog", first_year=2028).count() == 1
    assert not Period.objects.filter(last_year=2030).exists()
    axe_clean(second)
    second.close()

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


def test_the_public_follow_up_of_2020_and_its_pdf_show_the_promise_and_nothing_internal(
    page, demo, axe_clean
):
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name=re.compile("2020")).filter(has_text="2020").first.wait_for()
    page.goto("/p/arjeplog/uppfoljning/2020/")
    page.get_by_role("heading", level=1).filter(has_text="2020").wait_for()
    main = page.locator("main").inner_text()
    assert "Medborgarlöfte ANDTS 2019–2020" in main
    assert "Fortbildningen genomfördes båda åren, 2020 i digital form." in main  # a verdict
    assert "Delvis hållet" in main
    assert "Fortbildningen hölls digitalt för personal och föräldrar." in main  # a follow-up of 2020
    assert "Pandemin gjorde att föräldrakvällen ställdes in" in main  # the coordinator's published text
    assert "Fortbildning om droger för föräldrar" not in main  # a follow-up of 2019, not of this year
    # nothing internal: an internal problem, the drafts and the signatories' private parts
    for internal in ["Otrygghet vid busstationen", "Utkast", "Logga ut"]:
        assert internal not in main
    axe_clean(page)
    screenshot(page, "cycle-public-follow-up-2020")

    response = page.request.get("/p/arjeplog/uppfoljning/2020.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Medborgarlöfte ANDTS 2019–2020" in text
    assert "Fortbildningen hölls digitalt" in text
    assert "Delvis hållet" in text
    assert "Otrygghet vid busstationen" not in text


def test_the_gap_view_marks_the_prioritised_problems_cells(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.goto("/aktiviteter/kommun/arjeplog/luckor/")
    page.get_by_role("heading", name="Prioriterade problem i luckvyn", level=2).wait_for()
    problems = page.locator("ul.gap-problems").inner_text()
    assert "Alkohol bland unga – berör 8 celler" in problems
    family = page.get_by_role("table", name=re.compile("^Familjen"))
    assert family.locator("td.problem").count() == 4  # alcohol × its four factors
    assert family.locator("td.problem").first.get_by_text("Alkohol bland unga").is_visible()
    axe_clean(page)
    page.set_viewport_size({"width": 390, "height": 900})
    screenshot(page, "cycle-gap-view-problems-390")
