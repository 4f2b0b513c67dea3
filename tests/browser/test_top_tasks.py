"""The five top tasks, each in at most three page loads from the start page after login (issue 12,
"Measured"): every navigation of the main frame counts – a link followed, a form posted (with the page
its redirect leads to) – and the result is read back from the database."""

import re
from pathlib import Path

from django.utils import timezone

from tests.browser.conftest import login

DEMO_FILES = Path(__file__).resolve().parents[2] / "samverka" / "situation" / "demo_files"
MOST = 3


def start(page, username):
    """Log in, wait for the start page, and count the main frame's navigations from there."""
    login(page, username)
    page.get_by_role("heading", name=re.compile("^Välkommen")).wait_for()
    loads = []
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)
    return loads


def waiting_for_you(page):
    return page.locator("section", has=page.get_by_role("heading", name="Väntar på dig"))


def test_update_an_activitys_status_in_three_page_loads(page, demo, axe_clean):
    from samverka.activities.models import Activity, Status

    loads = start(page, "arjeplog-samordnare")
    page.get_by_role("link", name="Aktiviteter", exact=True).click()  # 1: the place navigation
    page.get_by_role("link", name="Ändra Föräldrastöd").click()  # 2: the row's edit link
    page.get_by_label("Status (obligatoriskt)", exact=True).select_option("active")
    page.get_by_label("Orsak till status").fill("")
    page.get_by_role("button", name="Spara").click()  # 3
    page.get_by_text("Aktiviteten sparades.").wait_for()
    assert len(loads) <= MOST, loads
    assert Activity.objects.get(title="Föräldrastöd", municipality__slug="arjeplog").status == Status.ACTIVE


def test_record_a_follow_up_in_three_page_loads(page, demo, axe_clean):
    from samverka.promises.models import FollowUp

    loads = start(page, "polis-pitealvdal")
    link = waiting_for_you(page).get_by_role("link", name=re.compile("^Uppföljning senast")).first
    link.click()  # 1: straight to the follow-up form
    page.get_by_role("heading", name="Registrera uppföljning", level=1).wait_for()
    axe_clean(page)
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Vad som gjordes").fill("Gemensam kvällsvandring i centrum med fältassistenterna.")
    page.get_by_role("button", name="Spara uppföljningen").click()  # 2
    page.get_by_text(re.compile("Uppföljningen registrerades")).wait_for()
    assert len(loads) <= MOST, loads
    saved = FollowUp.objects.get(description="Gemensam kvällsvandring i centrum med fältassistenterna.")
    assert saved.reported_by.username == "polis-pitealvdal"


def test_score_an_interview_in_three_page_loads(page, demo, axe_clean):
    from samverka.readiness.models import Assessment

    interview = Assessment.objects.get(issue="Spel om pengar bland unga").interviews.get(number=2)
    loads = start(page, "arjeplog-bedomare2")
    waiting_for_you(page).get_by_role("link", name=re.compile("Spel om pengar bland unga")).first.click()  # 1
    page.get_by_role("heading", name="Utskrift").wait_for()
    for key, value in {"A": "3", "B": "3", "C": "5", "D": "3", "E": "2", "F": "2"}.items():
        page.locator(f"#id_score_{key}").select_option(value + ".0")
    page.get_by_role("button", name="Skicka in poängen").click()  # 2
    page.get_by_text("Dina poäng skickades in").wait_for()
    assert len(loads) <= MOST, loads
    sheet = interview.sheets.get(scorer__username="arjeplog-bedomare2")
    assert sheet.submitted_at is not None
    assert {s.dimension: str(s.value) for s in sheet.scores.all()} == {
        "A": "3.0",
        "B": "3.0",
        "C": "5.0",
        "D": "3.0",
        "E": "2.0",
        "F": "2.0",
    }


def test_import_a_kolada_file_in_three_page_loads(page, demo, axe_clean):
    from samverka.indicators.models import Observation

    before = Observation.objects.count()
    loads = start(page, "arjeplog-samordnare")
    page.get_by_role("link", name="Importera indikatorvärden").click()  # 1: the start page's common task
    page.locator("input[type=file]").set_input_files(str(DEMO_FILES / "kolada-demo-2024.json"))
    page.get_by_role("button", name="Visa förhandsvisning").click()  # 2
    page.get_by_role("heading", name="Förhandsvisning av importen").wait_for()
    page.get_by_role("button", name="Importera").click()  # 3: the job page the confirmation leads to
    page.get_by_text("Importerade 9 rader").wait_for()
    assert len(loads) <= MOST, loads
    assert Observation.objects.count() == before + 9


def test_approve_a_promise_in_three_page_loads(page, demo, axe_clean):
    from samverka.promises.models import Promise, PromiseState

    title = "Medborgarlöfte Pite älvdal 2026–2027: Trygghet och drogfri uppväxt"
    # The demo promise is signed by all five parties: a changed revision waits for them all again.
    promise = Promise.objects.get(title=title)
    revision = promise.revision + 1
    Promise.objects.filter(pk=promise.pk).update(state=PromiseState.AWAITING_SIGNOFF, revision=revision)
    loads = start(page, "polis-pitealvdal")
    waiting_for_you(page).get_by_role("link", name=f"Väntar på ditt godkännande: {title}").click()  # 1
    page.get_by_role("button", name=re.compile("^Godkänn för")).click()  # 2
    page.get_by_role("heading", name=title, level=1).wait_for()
    assert len(loads) <= MOST, loads
    assert promise.approvals.filter(approved_by__username="polis-pitealvdal", revision=revision).exists()
