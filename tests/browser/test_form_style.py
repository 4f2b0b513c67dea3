"""The one form style in the browser (issue 12, forms): the error summary takes the focus and its links
lead to the fields, a long checkbox list filters, a commitment shows only the fields of its goal type, the
arrows move a commitment, and the short activity form keeps its programme metadata one click away. With
and without JavaScript where it matters; axe-core on each form."""

import re

from samverka.activities.models import Activity
from samverka.promises.models import Commitment, Promise
from tests.browser.conftest import login, screenshot

PROMISE = "2026–2027: Förebyggande"


def _promise():
    return Promise.objects.get(
        municipality__slug="arjeplog", title__contains="Förebyggande", start__year=2026
    )


def _focused_id(page):
    return page.evaluate("document.activeElement.id || document.activeElement.className")


def test_an_invalid_form_opens_with_a_summary_whose_links_focus_the_fields(page, demo, axe_clean):
    before = Commitment.objects.filter(promise=_promise()).count()
    login(page, "arjeplog-samordnare")
    page.goto(f"/loften/lofte/{_promise().pk}/atagande/nytt/")
    page.get_by_role("radio", name="En milstolpe till ett datum").check()
    page.get_by_role("button", name="Spara").click()

    summary = page.locator(".error-summary")
    summary.wait_for()
    assert summary.get_by_role("heading").inner_text() == "Formuläret innehåller fel"
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == [
        "Åtagande: Det här fältet är obligatoriskt.",
        "Senast: En milstolpe behöver ett datum.",
    ]
    assert _focused_id(page) == "error-summary"
    axe_clean(page)
    screenshot(page, "form-errors-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "form-errors-390")

    links.nth(1).click()
    assert _focused_id(page) == "id_due"
    links.nth(0).click()
    assert _focused_id(page) == "id_text"
    assert page.locator("#id_text").get_attribute("aria-invalid") == "true"
    assert Commitment.objects.filter(promise=_promise()).count() == before  # nothing was saved


def test_the_commitment_form_shows_only_the_fields_of_its_goal_type(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.goto(f"/loften/lofte/{_promise().pk}/atagande/nytt/")
    count, when, level = (
        page.locator(f"fieldset.form-section:has(legend:text-is('{name}'))")
        for name in ("Ett antal per period", "Senast när", "Indikatorns nivå")
    )
    assert (count.is_visible(), when.is_visible(), level.is_visible()) == (True, False, False)
    screenshot(page, "commitment-form-1280")

    page.get_by_role("radio", name="En indikatornivå till ett datum").check()
    assert (count.is_visible(), when.is_visible(), level.is_visible()) == (False, True, True)
    axe_clean(page)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "commitment-form-390")

    # A milestone: the count's amount, hidden now, neither blocks nor is kept.
    page.get_by_role("radio", name="En milstolpe till ett datum").check()
    assert (count.is_visible(), when.is_visible(), level.is_visible()) == (False, True, False)
    page.evaluate("document.getElementById('id_amount').value = 'inte ett tal'")
    page.locator("#id_text").fill("Kommunen och polisen håller en gemensam föräldrakväll")
    page.locator("#id_due").fill("2027-05-31")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Sparat.").wait_for()
    saved = Commitment.objects.get(text="Kommunen och polisen håller en gemensam föräldrakväll")
    assert (saved.target.kind, str(saved.target.due), saved.target.amount) == ("milestone", "2027-05-31", 1)


def test_without_javascript_every_goal_type_is_there_under_its_own_legend(chromium, live_server, demo):
    context = chromium.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        login(page, "arjeplog-samordnare")
        page.goto(f"/loften/lofte/{_promise().pk}/atagande/nytt/")
        legends = page.locator("fieldset.form-section > legend").all_inner_texts()
        assert legends == ["Ett antal per period", "Senast när", "Indikatorns nivå"]
        assert page.locator("fieldset.form-section:visible").count() == 3
        assert page.locator(".checkbox-filter").first.is_hidden()
    finally:
        context.close()


def test_a_long_checkbox_list_filters_as_one_types(page, demo, axe_clean):
    activity = Activity.objects.filter(municipality__slug="arjeplog").order_by("title").first()
    login(page, "arjeplog-samordnare")
    page.goto(f"/aktiviteter/{activity.pk}/andra/")
    page.get_by_text("Beskrivning, målgrupper och evidens").click()
    boxes = page.locator("#id_factors label")
    total = boxes.count()
    assert total >= 8
    wanted = boxes.nth(2).inner_text().split(" (")[0]
    filter_box = page.locator("#id_factors_filter")
    assert filter_box.is_visible()
    filter_box.fill(wanted)
    visible = [text for text in boxes.all_inner_texts() if text]
    shown = page.locator("#id_factors label:visible").all_inner_texts()
    assert any(wanted in text for text in shown)
    assert 0 < len(shown) < total
    assert all(wanted.lower() in text.lower() for text in shown)
    filter_box.fill("")
    assert page.locator("#id_factors label:visible").count() == total == len(visible)
    axe_clean(page)


def test_the_activity_form_is_short_with_the_metadata_one_click_away(page, demo, axe_clean):
    activity = Activity.objects.filter(municipality__slug="arjeplog").order_by("title").first()
    login(page, "arjeplog-samordnare")
    page.goto(f"/aktiviteter/{activity.pk}/andra/")
    assert page.get_by_label("Titel").is_visible()
    assert page.get_by_label("Arena").is_visible()
    assert page.get_by_label("Orsak till status").is_visible()
    assert page.locator("#id_frequency").is_hidden()
    axe_clean(page)
    screenshot(page, "activity-form-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "activity-form-390")
    page.get_by_text("Beskrivning, målgrupper och evidens").click()
    assert page.locator("#id_frequency").is_visible()
    screenshot(page, "activity-form-open-390")


def test_the_arrows_move_a_commitment(page, demo, axe_clean):
    promise = _promise()
    login(page, "arjeplog-samordnare")
    page.goto(f"/loften/lofte/{promise.pk}/")
    headings = page.locator("article.commitment h3")
    first, second = headings.nth(0).inner_text(), headings.nth(1).inner_text()
    cards = page.locator("article.commitment")
    assert cards.nth(0).get_by_role("button", name=re.compile("^↑? ?Flytta upp")).count() == 0
    axe_clean(page)
    cards.nth(0).get_by_role("button", name=re.compile("Flytta ner")).click()
    page.get_by_text("Ordningen ändrades.").wait_for()
    assert headings.all_inner_texts()[:2] == [second, first]
    assert [c.text for c in promise.commitments.order_by("order")][:2] == [second, first]
    cards.nth(1).get_by_role("button", name=re.compile("Flytta upp")).click()
    page.get_by_text("Ordningen ändrades.").wait_for()
    assert headings.all_inner_texts()[:2] == [first, second]
