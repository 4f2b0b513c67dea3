"""Issue 16 in the browser: Pite älvdal's action plan waits for the police. The police officer finds it
among what waits for her, sees the four municipalities' approvals and that the police is awaited,
approves, and the plan is adopted and public. axe stays clean on every page."""

from tests.browser.conftest import login, screenshot

TITLE = "Pite älvdals åtgärdsplan mot langning 2026–2027"


def test_the_police_gives_the_last_approval_and_the_plan_is_adopted_and_public(page, demo, axe_clean):
    from samverka.promises.models import ActionPlan

    login(page, "polis-pitealvdal")
    panel = page.locator("section", has=page.get_by_role("heading", name="Väntar på dig"))
    panel.get_by_role("link", name=f"Väntar på ditt godkännande: {TITLE}").click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    signoff = page.locator("section", has=page.get_by_role("heading", name="Godkännande"))
    text = signoff.inner_text()
    for name in ("Arjeplog", "Arvidsjaur", "Piteå", "Älvsbyn"):
        assert f"{name}: godkänt av" in text, name
    assert "Polisen, lokalpolisområde Piteå älvdal: inväntas" in text
    axe_clean(page)
    screenshot(page, "plan-awaiting-police")

    signoff.get_by_role("button", name="Godkänn för Polisen, lokalpolisområde Piteå älvdal").click()
    page.get_by_text("Alla parter har godkänt: planen är nu antagen och offentlig.").wait_for()
    assert "Antagen" in page.locator(".lead").inner_text()
    axe_clean(page)
    plan = ActionPlan.objects.get(title=TITLE)
    assert plan.state == "adopted" and plan.published

    page.goto(f"/p/pitea/medborgarloften/plan/{plan.pk}/")
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    axe_clean(page)
