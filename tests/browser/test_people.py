"""Journey 11, a new partner joins: Arjeplog's coordinator invites Systembolaget's store manager by
e-mail; the store manager follows the link from the mail, sets her name and password, and sees her
organisation's pages — nobody opens /admin/. axe-core on every page, screenshots at 390 and 1,280 px."""

import re

from django.core import mail

from tests.browser.conftest import login, screenshot


def both_widths(page, name):
    for width, height in [(1280, 900), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_coordinator_invites_a_partner_who_sets_her_password_and_sees_her_pages(
    page, chromium, live_server, demo, axe_clean
):
    mail.outbox.clear()
    login(page, "arjeplog-samordnare")
    page.goto("/kommun/arjeplog/")
    axe_clean(page)
    page.get_by_role("link", name="Hantera medlemmar i Systembolaget").click()
    page.get_by_role("heading", name="Medlemmar: Systembolaget", level=1).wait_for()
    axe_clean(page)

    invitation = page.locator("#invite ~ form").first
    invitation.get_by_label("E-postadress").fill("butikschef@example.org")
    invitation.get_by_label("Roll").select_option("editor")
    invitation.get_by_label("Titel").fill("Butikschef")
    invitation.get_by_role("button", name="Skicka inbjudan").click()
    page.get_by_text("En inbjudan skickades till butikschef@example.org.").wait_for()
    assert page.get_by_role("cell", name="butikschef@example.org", exact=True).is_visible()
    axe_clean(page)
    both_widths(page, "people-members")

    (message,) = mail.outbox
    assert message.to == ["butikschef@example.org"]
    path = re.search(r"/konto/inbjudan/\S+/", message.body).group(0)

    invitee = chromium.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    invitee.goto(path)
    invitee.get_by_role("heading", name="Inbjudan till Systembolaget", level=1).wait_for()
    axe_clean(invitee)
    both_widths(invitee, "people-invitation")
    invitee.get_by_label("Förnamn").fill("Lena")
    invitee.get_by_label("Efternamn").fill("Ek")
    invitee.get_by_label("Användarnamn").fill("lena-ek")
    invitee.locator("#id_password1").fill("Fjallbjork-2026!")
    invitee.locator("#id_password2").fill("Fjallbjork-2026!")
    invitee.get_by_role("button", name="Skapa kontot och gå med").click()

    invitee.get_by_role("heading", name="Arjeplog", level=1).wait_for()
    assert invitee.get_by_text("Välkommen! Du är nu medlem i Systembolaget.").is_visible()
    row = invitee.get_by_role("row").filter(has_text="Systembolaget")
    assert "Lena Ek" in row.inner_text() and "Redaktör" in row.inner_text()
    axe_clean(invitee)
    screenshot(invitee, "people-welcome-1280")

    # the link worked once
    invitee.goto(path)
    invitee.get_by_role("heading", name="Inbjudningslänken kan inte användas").wait_for()
    assert invitee.get_by_text("Inbjudan har redan använts").is_visible()
    axe_clean(invitee)
    invitee.context.close()


def test_vocabularies_on_staff_pages_refuse_to_remove_what_is_in_use(page, demo, axe_clean):
    from samverka.activities.models import TargetGroup

    login(page, "arjeplog-samordnare")
    page.goto("/kommun/arjeplog/")
    page.get_by_role("link", name="Viktiga händelser").click()
    page.get_by_role("heading", name="Viktiga händelser: Arjeplog", level=1).wait_for()
    page.get_by_label("Datum").fill("2026-03-01")
    page.get_by_label("Händelse").fill("Fritidsgården Polar öppnar igen")
    page.get_by_role("button", name="Lägg till").click()
    page.get_by_role("link", name="1 mars 2026: Fritidsgården Polar öppnar igen").wait_for()
    axe_clean(page)
    both_widths(page, "people-key-events")
    page.get_by_role("button", name="Logga ut").click()

    used = TargetGroup.objects.filter(activities__isnull=False).distinct().first()
    login(page, "admin")
    page.goto("/ordlistor/")
    axe_clean(page)
    page.get_by_role("link", name="Målgrupper").click()
    page.get_by_role("link", name=used.name_sv, exact=True).click()
    page.get_by_role("heading", name=used.name_sv, level=1).wait_for()
    axe_clean(page)
    page.get_by_role("button", name=f"Ta bort {used.name_sv}").click()
    page.get_by_text(f"{used.name_sv} togs inte bort: den används av").wait_for()
    assert TargetGroup.objects.filter(pk=used.pk).exists()
    axe_clean(page)
    both_widths(page, "people-vocabulary-entry")
