"""Notifications kept with read state: the inbox lists them, each links to its record and can be marked
read, the header counts the unread ones, the digest lists only unread ones; only records the person may
see, and only the person's own notifications can be marked."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from samverka.notices import digest, inbox, selectors
from samverka.notices.models import Notification
from samverka.promises import demo_data as promise_demo
from samverka.promises.models import ActionPlan, Commitment, FollowUp
from samverka.situation.models import ActivityCount, PartnerNote

LOGIN = "/konto/logga-in/?next="
# The demo record awaiting the police's approval (the four municipalities have approved).
PITE_TITLE = "Pite älvdals åtgärdsplan mot langning 2026–2027"


@pytest.fixture
def demo(places, users, frozen_today):
    promise_demo.load()
    return places


def header_of(client):
    page = client.get("/").content.decode()
    return page.split('<header class="site-header">')[1].split("</header>")[0]


def test_the_inbox_lists_the_approval_and_marking_it_read_lowers_the_count_and_keeps_it_from_the_digest(
    demo, users, client_for
):
    client = client_for(users["police"])
    page = client.get("/konto/notiser/").content.decode()
    pite = ActionPlan.objects.get(title=PITE_TITLE)
    assert f'<a href="/loften/plan/{pite.pk}/">Väntar på ditt godkännande: {PITE_TITLE}</a>' in page
    unread = inbox.unread(users["police"]).count()
    expected = f"{unread} oläst notis" if unread == 1 else f"{unread} olästa notiser"
    assert expected in header_of(client)
    approval = Notification.objects.get(user=users["police"], kind="approval")
    response = client.post(f"/konto/notiser/{approval.pk}/last/")
    assert response["Location"] == "/konto/notiser/"
    approval.refresh_from_db()
    assert approval.read_at is not None
    assert inbox.unread(users["police"]).count() == unread - 1
    page = client.get("/konto/notiser/").content.decode()
    assert page.index(PITE_TITLE) > page.index('id="read-h"')  # now under "Lästa"
    call_command("notify")
    police_mail = [m for m in mail.outbox if m.to == [users["police"].email]]
    assert police_mail and all(PITE_TITLE not in m.body for m in police_mail)


def test_nobody_can_mark_anothers_notification_read(demo, users, client_for):
    inbox.sync(users["police"])
    approval = Notification.objects.get(user=users["police"], kind="approval")
    for who in ["coordinator", "county", "outsider"]:
        response = client_for(users[who]).post(f"/konto/notiser/{approval.pk}/last/", follow=True)
        assert "Notisen finns inte i din inkorg, eller så är den redan läst." in response.content.decode()
    approval.refresh_from_db()
    assert approval.read_at is None
    anonymous = client_for(None)
    assert anonymous.post(f"/konto/notiser/{approval.pk}/last/")["Location"].startswith(LOGIN)
    assert anonymous.get("/konto/notiser/")["Location"].startswith(LOGIN)
    assert client_for(users["police"]).get(f"/konto/notiser/{approval.pk}/last/").status_code == 405
    approval.refresh_from_db()
    assert approval.read_at is None


def test_an_approval_given_settles_the_notification(demo, users):
    inbox.sync(users["police"])
    ActionPlan.objects.filter(title=PITE_TITLE).update(state="adopted")
    inbox.sync(users["police"])
    assert Notification.objects.get(user=users["police"], kind="approval").read_at is not None


def _arjeplog_commitment():
    return Commitment.objects.filter(promise__municipality__slug="arjeplog").order_by("order").first()


def test_a_partners_follow_up_note_and_count_reach_the_municipalitys_people_only(demo, users):
    commitment = _arjeplog_commitment()
    police_org = users["police"].memberships.first().organisation
    follow_up = FollowUp.objects.create(
        commitment=commitment,
        municipality_id=commitment.municipality_id,
        date=datetime.date(2026, 6, 10),
        description="Nattvandring i centrum.",
        reported_by=users["police"],
        reported_for=police_org,
    )
    note = PartnerNote.objects.create(
        municipality=demo["arjeplog"],
        organisation=police_org,
        date=datetime.date(2026, 6, 10),
        period="2026",
        title="Fler samtal om oro",
        text="Fler orosamtal i våras.",
    )
    count = ActivityCount.objects.create(
        municipality=demo["arjeplog"],
        organisation=police_org,
        year=2026,
        quarter=2,
        kind="concern_talks",
        number=12,
    )
    texts = [n.text for n in selectors.notices_for(users["coordinator"]) if n.kind == "partner_record"]
    assert any(t.endswith(commitment.text[:120]) and "har följt upp" in t for t in texts)
    assert any(t.endswith("skrev en anteckning: Fler samtal om oro") for t in texts)
    assert any(t.endswith("förde in ett antal: Orosamtal, 2026 kvartal 2") for t in texts)
    ours = {f"partner_follow_up:{follow_up.pk}", f"partner_note:{note.pk}", f"partner_count:{count.pk}"}
    assert ours <= {n.key for n in selectors.notices_for(users["coordinator"])}
    for who in ["other_editor", "county", "outsider", "police"]:  # not theirs, or their own records
        assert not ours & {n.key for n in selectors.notices_for(users[who])}, who


def test_a_held_interview_waits_for_the_scorer_who_has_not_submitted(demo, users):
    from samverka.readiness import demo_data as readiness_demo

    readiness_demo.load()
    User = get_user_model()
    waiting = [
        n for n in selectors.notices_for(User.objects.get(username="arjeplog-bedomare2")) if n.kind == "score"
    ]
    assert [n.text for n in waiting] == [waiting[0].text] and waiting[0].text.startswith(
        "Väntar på din bedömning"
    )
    assert waiting[0].url.startswith("/beredskap/intervju/") and waiting[0].url.endswith("/bedom/")
    done = User.objects.get(username="arjeplog-bedomare1")
    assert [n for n in selectors.notices_for(done) if n.kind == "score"] == []
    for who in ["coordinator", "county", "other_editor"]:
        assert [n for n in selectors.notices_for(users[who]) if n.kind == "score"] == []


def test_the_digest_lists_each_unread_notification_once(demo, users):
    digest.send_digests()
    first = [m for m in mail.outbox if m.to == [users["police"].email]]
    assert len(first) == 1 and first[0].body.count(PITE_TITLE) == 1
    mail.outbox.clear()
    assert digest.send_digests() == 0 and not mail.outbox


def test_the_header_count_reads_without_writing_and_agrees_with_the_inbox(demo, users):
    police = users["police"]
    before = inbox.unread_count(police)
    assert not Notification.objects.filter(user=police).exists()  # counting wrote nothing
    inbox.sync(police)
    assert inbox.unread(police).count() == before
    inbox.mark_read(police, Notification.objects.get(user=police, kind="approval").pk)
    assert inbox.unread_count(police) == inbox.unread(police).count() == before - 1


def test_the_start_page_works_out_the_notices_once_for_its_panel_and_the_header(
    demo, users, client_for, counted
):
    page = client_for(users["police"]).get("/").content.decode()
    assert PITE_TITLE in page  # the panel lists the approval waiting...
    assert 'class="notice-count"' in page  # ...and the header counts it
    assert counted == [users["police"].pk]
