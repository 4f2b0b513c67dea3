"""Two editors in two browsers open the same activity; the second to save gets a clear conflict."""

from samverka.activities.models import Activity
from tests.browser.conftest import login, screenshot


def test_two_browsers_editing_the_same_activity(chromium, live_server, demo, axe_clean):
    activity = Activity.objects.filter(municipality__slug="arjeplog").order_by("title").first()
    contexts = [chromium.new_context(base_url=live_server.url, locale="sv-SE") for _ in range(2)]
    try:
        anna, erik = (context.new_page() for context in contexts)
        login(anna, "arjeplog-samordnare")
        login(erik, "arjeplog-redaktor")
        for page in (anna, erik):
            page.goto(f"/aktiviteter/{activity.pk}/andra/")

        anna.get_by_text("Beskrivning, målgrupper och evidens").click()  # the form's second section
        anna.locator("#id_frequency").fill("Varje vecka under terminen")
        anna.locator("button.primary[type=submit]").click()
        anna.wait_for_url(f"**/aktiviteter/{activity.pk}/")

        erik.get_by_text("Beskrivning, målgrupper och evidens").click()
        erik.locator("#id_summary").fill("Eriks nya sammanfattning")
        erik.locator("button.primary[type=submit]").click()
        alert = erik.get_by_role("alert")
        assert "Någon annan sparade den här posten" in alert.inner_text()
        assert "Varje vecka under terminen" in alert.inner_text()
        assert erik.locator("#id_summary").input_value() == "Eriks nya sammanfattning"
        axe_clean(erik)
        screenshot(erik, "concurrency-conflict")

        # Erik keeps Anna's frequency, saves again: both edits are there.
        erik.locator("#id_frequency").fill("Varje vecka under terminen")
        erik.locator("button.primary[type=submit]").click()
        erik.wait_for_url(f"**/aktiviteter/{activity.pk}/")
        activity.refresh_from_db()
        assert activity.frequency == "Varje vecka under terminen"
        assert activity.summary == "Eriks nya sammanfattning"
    finally:
        for context in contexts:
            context.close()
