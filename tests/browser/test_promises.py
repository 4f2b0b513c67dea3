"""Journey 2: the police officer records a follow-up; the status moves to on track; the public page shows it.
And every public page of the promises app passes axe-core."""

import re

from tests.browser.conftest import login, screenshot

TRAINING = "Polis och socialtjänst kommer att fortbilda"


def test_the_police_officer_records_a_follow_up_and_the_public_page_shows_it(page, demo, axe_clean):
    from django.utils import timezone

    from samverka.promises.models import Commitment

    login(page, "polis-pitealvdal")
    # the police area works in four municipalities: the place navigation starts in the first, Arjeplog
    page.get_by_role("link", name="Löften och planer", exact=True).click()
    page.get_by_role("heading", name="Medborgarlöften och åtgärdsplaner", level=1).wait_for()
    axe_clean(page)
    page.get_by_role("link", name=re.compile("2026–2027: Förebyggande")).click()
    card = page.locator("article.commitment", has_text=TRAINING)
    before = card.locator(".badge").first.inner_text()
    assert before in {"Inte påbörjat", "Försenad"}
    axe_clean(page)
    screenshot(page, "promises-staff-before")

    card.get_by_role("link", name="Registrera uppföljning").click()
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Vad som gjordes").fill(
        "Fortbildning om droger för föräldrar, elever och skolpersonal."
    )
    page.get_by_label("Uppnått antal").fill("1")
    page.get_by_label("Deltagare").fill("48")
    axe_clean(page)
    page.get_by_role("button", name="Spara uppföljningen").click()

    page.get_by_text("Uppföljningen registrerades. Status: Enligt plan.").wait_for()
    card = page.locator("article.commitment", has_text=TRAINING)
    assert card.locator(".badge").first.inner_text() == "Enligt plan"
    screenshot(page, "promises-staff-after")
    commitment = Commitment.objects.get(text__startswith=TRAINING, promise__title__contains="2026–2027")
    assert commitment.follow_ups.get().reported_by.username == "polis-pitealvdal"

    page.get_by_role("link", name="Löftets offentliga sida").click()
    page.get_by_role("heading", name=re.compile("2026–2027"), level=1).wait_for()
    public_card = page.locator("article.commitment", has_text=TRAINING)
    assert public_card.locator(".badge").first.inner_text() == "Enligt plan"
    assert page.get_by_text("Fortbildning om droger för föräldrar, elever och skolpersonal.").is_visible()
    axe_clean(page)
    screenshot(page, "promises-public-after")


def test_the_public_promise_pages_are_accessible(page, demo, axe_clean):
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name="Medborgarlöften").first.click()
    page.get_by_role("heading", name="Medborgarlöften i Arjeplog", level=1).wait_for()
    axe_clean(page)
    screenshot(page, "promises-public-list")
    page.get_by_role("link", name=re.compile("2019–2020")).first.click()
    page.get_by_role("heading", name=re.compile("2019–2020"), level=1).wait_for()
    assert page.get_by_text("Delvis hållet").first.is_visible()
    axe_clean(page)
    screenshot(page, "promises-public-concluded")
    page.goto("/p/arjeplog/medborgarloften/")
    page.get_by_role("link", name=re.compile("BRÅ Arjeplogs")).click()
    page.get_by_role("heading", name=re.compile("BRÅ Arjeplogs"), level=1).wait_for()
    axe_clean(page)
    page.goto("/p/arjeplog/medborgarloften/inbaddning/")
    axe_clean(page)
    page.get_by_role("link", name=re.compile("2019–2020")).first.click()
    page.get_by_role("link", name="Version att bädda in på den egna webbplatsen").click()
    page.get_by_role("heading", name=re.compile("2019–2020"), level=1).wait_for()
    axe_clean(page)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/p/arjeplog/medborgarloften/")
    axe_clean(page)
    screenshot(page, "promises-public-phone")


def test_the_process_tracker_is_accessible(page, demo, axe_clean):
    login(page, "arjeplog-samordnare")
    page.goto("/loften/arjeplog/process/")
    page.get_by_role("heading", name=re.compile("Var Arjeplog står")).wait_for()
    axe_clean(page)
    page.get_by_role("button", name=re.compile("Markera som klart.*Samverkansöverenskommelse")).click()
    page.get_by_role("button", name=re.compile("Ta bort markeringen.*Samverkansöverenskommelse")).wait_for()
    screenshot(page, "promises-process")
