"""What awaits a person: the header count, the start page and the digest e-mail agree, and the digest
tells each thing once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from samverka.core.permissions import forget_access
from samverka.meetings.models import ActionItem, Meeting
from samverka.notices import digest, selectors
from samverka.notices.models import DigestEntry
from samverka.promises import demo_data as promise_demo
from samverka.promises import services
from samverka.promises.models import ActionPlan, Party

# The demo record awaiting the police's approval (the four municipalities have approved).
PITE_TITLE = "Pite älvdals åtgärdsplan mot langning 2026–2027"


@pytest.fixture
def demo(places, users, frozen_today):
    promise_demo.load()
    return places


def approval_notices(user):
    return [n for n in selectors.notices_for(user) if n.kind == "approval"]


def test_the_plan_awaiting_the_polices_approval_shows_in_the_header_and_on_the_start_page(
    demo, users, client_for
):
    client = client_for(users["police"])
    page = client.get("/").content.decode()
    header = page.split('<header class="site-header">')[1].split("</header>")[0]
    count = len(selectors.notices_for(users["police"]))
    assert count >= 1
    expected = f"{count} oläst notis" if count == 1 else f"{count} olästa notiser"
    assert expected in header and 'href="/konto/notiser/"' in header
    panel = page.split('id="notices-h"')[1].split("</section>")[0]
    assert f"Väntar på ditt godkännande: {PITE_TITLE}" in panel
    pite = ActionPlan.objects.get(title=PITE_TITLE)
    assert f'href="/loften/plan/{pite.pk}/"' in panel
    # the start page puts it first
    assert page.index('id="notices-h"') < page.index('id="shortcuts-h"')


def test_a_party_that_has_approved_is_not_asked_again(demo, users):
    # the municipality's coordinator approved Pite älvdal's plan in the demo data
    assert PITE_TITLE not in [n.text for n in approval_notices(users["coordinator"])]
    assert [n.text for n in approval_notices(users["police"])] == [
        f"Väntar på ditt godkännande: {PITE_TITLE}"
    ]


@pytest.mark.parametrize("who", ["county", "other_editor", "outsider", "editor"])
def test_nobody_else_is_asked_to_approve(demo, users, who):
    assert approval_notices(users[who]) == []


def test_after_the_police_approves_the_notice_is_gone(demo, users):
    pite = ActionPlan.objects.get(title=PITE_TITLE)
    services.plan_approve(user=users["police"], plan=pite, party=Party.POLICE)
    forget_access(users["police"])
    assert approval_notices(users["police"]) == []


def test_an_action_item_given_to_the_organisation_reaches_its_editors(demo, users, frozen_today):
    meeting = Meeting.objects.create(
        municipality=demo["arjeplog"],
        title="Samverkansmöte",
        starts_at=datetime.datetime(2026, 6, 1, 13, tzinfo=datetime.UTC),
        organiser=demo["orgs"]["arjeplogs-kommun"],
    )
    ActionItem.objects.create(
        meeting=meeting,
        text="Boka aulan till föräldrakvällen",
        owner_organisation=demo["orgs"]["lpo-pitea-alvdal"],
        due_date=frozen_today - datetime.timedelta(days=2),
    )
    (notice,) = [n for n in selectors.notices_for(users["police"]) if "Boka aulan" in n.text]
    assert notice.overdue and notice.url == f"/moten/m/{meeting.pk}/"
    assert not [n for n in selectors.notices_for(users["other_editor"]) if "Boka aulan" in n.text]


def test_the_digest_lists_the_awaiting_promise_once(demo, users):
    call_command("notify")
    police_mail = [m for m in mail.outbox if m.to == [users["police"].email]]
    assert len(police_mail) == 1
    assert police_mail[0].body.count(PITE_TITLE) == 1
    pite = ActionPlan.objects.get(title=PITE_TITLE)
    assert f"http://localhost:8000/loften/plan/{pite.pk}/" in police_mail[0].body
    mail.outbox.clear()
    assert digest.send_digests() == 0 and not mail.outbox


def test_a_person_chooses_a_weekly_digest_or_none(demo, users, client_for, frozen_today):
    from samverka.notices.models import DigestPreference

    client = client_for(users["police"])
    assert "Sammanfattning via e-post" in client.get("/konto/utskick/").content.decode()
    client.post("/konto/utskick/", {"frequency": "weekly"})
    assert DigestPreference.objects.get(user=users["police"]).frequency == "weekly"
    tuesday = frozen_today + datetime.timedelta(days=1)  # frozen_today is a Monday
    digest.send_digests(tuesday)
    assert not [m for m in mail.outbox if m.to == [users["police"].email]]
    digest.send_digests(frozen_today)
    assert len([m for m in mail.outbox if m.to == [users["police"].email]]) == 1
    client.post("/konto/utskick/", {"frequency": "off"})
    mail.outbox.clear()
    DigestEntry.objects.filter(user=users["police"]).delete()  # as if everything were new again
    digest.send_digests(frozen_today + datetime.timedelta(days=7))
    assert not [m for m in mail.outbox if m.to == [users["police"].email]]
