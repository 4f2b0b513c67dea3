"""Issue 11 in the browser: a communicator turns the 2020 verdict into news and publishes it; a resident
subscribes, confirms, receives and unsubscribes; the police officer sees the plan awaiting the police's
approval in the header and on the start page, and the digest lists it once. axe and the console stay
clean on every page."""

import re
from urllib.parse import urlparse

from django.core import mail
from django.core.management import call_command

from tests.browser.conftest import login, screenshot

NEWS_TITLE = "Fortbildningen om droger hölls båda åren"


def watch_console(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def path_of(url):
    return urlparse(url).path


def test_a_communicator_turns_the_2020_verdict_into_news_a_subscriber_gets_it(page, demo, axe_clean):
    from django.utils import timezone

    from samverka.public.models import NewsItem, Subscription

    Subscription.objects.create(
        municipality_id=NewsItem.objects.first().municipality_id,
        email="prenumerant@example.se",
        confirmed_at=timezone.now(),
    )
    errors = watch_console(page)
    login(page, "arjeplog-redaktor")
    page.goto("/nyheter/arjeplog/")
    page.get_by_role("heading", name="Nyheter – Arjeplog", level=1).wait_for()
    axe_clean(page)
    page.get_by_role("link", name=re.compile("kommer att fortbilda.*: Hållet")).click()
    assert (
        page.get_by_label("Titel").input_value()
        == "Medborgarlöfte ANDTS 2019–2020: Förebyggande arbete och information: Hållet"
    )
    assert "2020 i digital form" in page.get_by_label("Brödtext").input_value()
    axe_clean(page)
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_text("Ge nyheten en titel.", exact=True).wait_for()  # at the field; the summary links to it
    page.get_by_label("Titel").fill(NEWS_TITLE)
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_text("Utkastet är sparat.").wait_for()
    axe_clean(page)
    page.get_by_role("button", name="Publicera").click()
    page.get_by_text("Nyheten är publicerad.").wait_for()
    screenshot(page, "news-published")

    page.goto("/p/arjeplog/")
    page.get_by_role("link", name=NEWS_TITLE).wait_for()
    axe_clean(page)
    screenshot(page, "public-front-page")
    page.get_by_role("link", name=NEWS_TITLE).click()
    page.get_by_role("heading", name=NEWS_TITLE, level=1).wait_for()
    axe_clean(page)
    feed = page.request.get("/p/arjeplog/nyheter/flode.atom").text()
    assert f"<title>{NEWS_TITLE}</title>" in feed
    (message,) = [m for m in mail.outbox if m.to == ["prenumerant@example.se"]]
    assert message.subject == f"Nyhet från Arjeplog: {NEWS_TITLE}"
    assert errors == []


def test_a_resident_subscribes_confirms_receives_and_unsubscribes(page, demo, axe_clean):
    from django.contrib.auth import get_user_model

    from samverka.public import news
    from samverka.public.models import NewsItem, Subscription

    errors = watch_console(page)
    page.goto("/p/arjeplog/")
    page.get_by_role("link", name="Prenumerera via e-post").first.click()
    axe_clean(page)
    page.get_by_label("Din e-postadress").fill("inte en adress")
    page.get_by_role("button", name="Prenumerera").click()
    page.get_by_text("Skriv en giltig e-postadress.", exact=True).wait_for()  # at the field
    assert not Subscription.objects.exists()
    page.get_by_label("Din e-postadress").fill("invanare@example.se")
    page.get_by_role("button", name="Prenumerera").click()
    page.get_by_role("heading", name="Titta i din inkorg").wait_for()
    axe_clean(page)
    (confirmation,) = mail.outbox
    confirm_url = re.search(r"http://\S+/bekrafta/\S+/", confirmation.body).group(0)
    page.goto(path_of(confirm_url))
    axe_clean(page)
    page.get_by_role("button", name="Bekräfta").click()
    page.get_by_role("heading", name="Prenumerationen är bekräftad").wait_for()
    page.goto(path_of(confirm_url))
    page.get_by_role("button", name="Bekräfta").click()
    page.get_by_text("Länken har redan använts: din prenumeration är bekräftad.").wait_for()

    editor = get_user_model().objects.get(username="arjeplog-redaktor")
    item = news.news_create(
        user=editor, place=NewsItem.objects.first().municipality, title="Drogfri skolavslutning"
    )
    news.news_publish(user=editor, item=item)
    news_mail = mail.outbox[-1]
    assert news_mail.to == ["invanare@example.se"] and "Drogfri skolavslutning" in news_mail.subject
    unsubscribe_url = re.search(r"http://\S+/avsluta/\S+/", news_mail.body).group(0)
    page.goto(path_of(unsubscribe_url))
    axe_clean(page)
    page.get_by_role("button", name="Avsluta prenumerationen").click()
    page.get_by_role("heading", name="Prenumerationen är avslutad").wait_for()
    assert not Subscription.objects.exists()
    assert errors == []


def test_the_police_officer_sees_the_awaiting_plan_and_the_digest_lists_it_once(page, demo, axe_clean):
    # Pite älvdal's action plan awaits the police's approval in the demo (its promise is fully signed).
    title = "Pite älvdals åtgärdsplan mot langning 2026–2027"
    errors = watch_console(page)
    login(page, "polis-pitealvdal")
    header_link = page.locator("header a.notice-count")
    assert re.fullmatch(r"\d+ olästa notiser", header_link.inner_text())
    panel = page.locator("section", has=page.get_by_role("heading", name="Väntar på dig"))
    panel.get_by_role("link", name=f"Väntar på ditt godkännande: {title}").wait_for()
    axe_clean(page)
    screenshot(page, "police-start-page")
    call_command("notify")
    (digest,) = [m for m in mail.outbox if m.to == ["polis-pitealvdal@example.org"]]
    assert digest.body.count(title) == 1
    mail.outbox.clear()
    call_command("notify")
    assert not [m for m in mail.outbox if m.to == ["polis-pitealvdal@example.org"]]
    assert errors == []


def test_the_public_communication_pages_are_accessible(page, demo, axe_clean):
    errors = watch_console(page)
    for path in [
        "/p/arjeplog/",
        "/p/arjeplog/nyheter/",
        "/p/arjeplog/nyheter/loftet-om-fortbildning-om-droger-holls/",
        "/p/arjeplog/nyheter/inbaddning/",
        "/p/arjeplog/prenumerera/",
        "/p/pite-alvdal/",
    ]:
        page.goto(path)
        assert page.title().strip()
        axe_clean(page)
    assert errors == []
