"""A coordinator invites a person by e-mail to an organisation that works in her municipality; the link
creates the account or links an existing one, works once and for 14 days. Bad input changes nothing."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from samverka.core.models import Membership, Role
from samverka.jobs.models import Mail
from samverka.people.models import Invitation

NOW = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.UTC)


def invite_url(slug="systembolaget"):
    return reverse("people:invite", args=[slug])


def members_url(slug="systembolaget"):
    return reverse("members", args=[slug])


def invite(
    client, slug="systembolaget", email="butikschef@example.org", role=Role.EDITOR, title="Butikschef"
):
    return client.post(invite_url(slug), {"email": email, "role": role, "title": title}, follow=True)


def link_from(message) -> str:
    return re.search(r"https?://\S+/konto/inbjudan/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_coordinator_invites_a_partner_by_email_through_the_mail_function(client_for, users, frozen):
    page = invite(client_for(users["coordinator"])).content.decode()
    assert "En inbjudan skickades till butikschef@example.org." in page
    assert "butikschef@example.org" in page and "12 december 2026" in page  # waiting, with its last day
    invitation = Invitation.objects.get()
    assert (invitation.organisation.slug, invitation.role, invitation.title) == (
        "systembolaget",
        Role.EDITOR,
        "Butikschef",
    )
    assert invitation.expires_at == NOW + datetime.timedelta(days=14)
    assert Mail.objects.get().key == f"people:invitation:{invitation.pk}"  # through samverka.jobs.mail
    (message,) = mail.outbox
    assert message.to == ["butikschef@example.org"]
    assert message.subject == "Inbjudan till Systembolaget i Samverka"
    assert "Anna Lindqvist har bjudit in dig" in message.body
    assert "/konto/inbjudan/" in message.body


@pytest.mark.parametrize(
    "slug", ["svenska-kyrkan-arjeplog", "bra-arjeplog", "arbetsformedlingen", "fritidsgarden-polar"]
)
def test_coordinator_invites_to_every_organisation_that_works_only_in_her_municipality(
    client_for, users, slug
):
    invite(client_for(users["coordinator"]), slug=slug)
    assert Invitation.objects.get().organisation.slug == slug


def test_a_new_person_creates_her_account_once_and_sees_her_organisations_pages(client_for, users, frozen):
    invite(client_for(users["coordinator"]))
    link = path_of(link_from(mail.outbox[0]))
    client = client_for(None)
    form = client.get(link).content.decode()
    assert "Inbjudan till Systembolaget" in form and "Skapa ditt konto" in form
    response = client.post(
        link,
        {
            "first_name": "Lena",
            "last_name": "Ek",
            "username": "lena-ek",
            "password1": "Fjallbjork-2026!",
            "password2": "Fjallbjork-2026!",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/kommun/arjeplog/"
    assert "Välkommen! Du är nu medlem i Systembolaget." in response.content.decode()
    membership = Membership.objects.get(user__username="lena-ek")
    assert (membership.organisation.slug, membership.role, membership.title) == (
        "systembolaget",
        Role.EDITOR,
        "Butikschef",
    )
    assert membership.user.email == "butikschef@example.org"
    assert membership.user.get_full_name() == "Lena Ek"
    assert membership.user.check_password("Fjallbjork-2026!")
    # the link works once
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "Inbjudan har redan använts" in again.content.decode()
    client.post(
        link,
        {
            "first_name": "X",
            "last_name": "Y",
            "username": "andra",
            "password1": "Fjallbjork-2026!",
            "password2": "Fjallbjork-2026!",
        },
    )
    assert not Membership.objects.filter(user__username="andra").exists()


def test_an_expired_link_is_refused_and_creates_nothing(client_for, users, frozen):
    invite(client_for(users["coordinator"]))
    link = path_of(link_from(mail.outbox[0]))
    frozen.shift(datetime.timedelta(days=14))
    client = client_for(None)
    response = client.get(link)
    assert response.status_code == 410
    assert "Inbjudan gick ut den 12 december 2026" in response.content.decode()
    data = {
        "first_name": "L",
        "last_name": "E",
        "username": "sen",
        "password1": "Fjallbjork-2026!",
        "password2": "Fjallbjork-2026!",
    }
    assert client.post(link, data).status_code == 410
    assert not Membership.objects.filter(user__username="sen").exists()


def test_the_day_before_it_expires_the_link_still_works(client_for, users, frozen):
    invite(client_for(users["coordinator"]))
    link = path_of(link_from(mail.outbox[0]))
    frozen.shift(datetime.timedelta(days=13, hours=23))
    assert client_for(None).get(link).status_code == 200


def test_an_unknown_link_says_so(client, db):
    response = client.get(reverse("people:accept", args=["inte-en-riktig-länk"]))
    assert response.status_code == 404
    assert "Det finns ingen inbjudan med den här länken" in response.content.decode()


def test_an_existing_account_logs_in_and_is_linked(client_for, users, django_user_model):
    person = django_user_model.objects.create_user("lena", email="lena@example.org", password="x")
    invite(client_for(users["coordinator"]), email="Lena@Example.org", role=Role.READER)
    link = path_of(link_from(mail.outbox[0]))
    page = client_for(None).get(link).content.decode()
    assert "Logga in för att tacka ja" in page and "Skapa ditt konto" not in page
    client = client_for(person)
    assert "Gå med i Systembolaget med kontot lena" in client.get(link).content.decode()
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == "/kommun/arjeplog/"
    assert Membership.objects.get(user=person).organisation.slug == "systembolaget"
    assert django_user_model.objects.filter(email__iexact="lena@example.org").count() == 1


def test_a_new_account_cannot_take_an_existing_accounts_address(client_for, users, django_user_model):
    django_user_model.objects.create_user("lena", email="lena@example.org", password="x")
    invite(client_for(users["coordinator"]), email="lena@example.org")
    link = path_of(link_from(mail.outbox[0]))
    data = {
        "first_name": "L",
        "last_name": "E",
        "username": "lena2",
        "password1": "Fjallbjork-2026!",
        "password2": "Fjallbjork-2026!",
    }
    client_for(None).post(link, data)
    assert not django_user_model.objects.filter(username="lena2").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_address_already_a_member_is_refused(client_for, users):
    client = client_for(users["coordinator"])
    page = invite(client, slug="arjeplogs-kommun", email="Arjeplog-Redaktor@example.org").content.decode()
    assert "Arjeplog-Redaktor@example.org är redan medlem i Arjeplogs kommun." in page
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_second_invitation_while_one_waits_is_refused(client_for, users):
    client = client_for(users["coordinator"])
    invite(client)
    page = invite(client).content.decode()
    assert "En inbjudan till butikschef@example.org väntar redan." in page
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_a_role_above_the_inviters_is_refused(client_for, users):
    page = invite(client_for(users["coordinator"]), role=Role.ADMIN).content.decode()
    assert "Du kan inte ge en högre roll än din egen." in page
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_form_offers_only_roles_up_to_the_inviters(client_for, users):
    page = client_for(users["coordinator"]).get(members_url()).content.decode()
    form = page.split('id="invite"')[1].split("</form>")[0]
    assert 'value="coordinator"' in form and 'value="admin"' not in form


@pytest.mark.parametrize(
    "slug",
    [
        "pitea-kommun",  # another municipality's organisation
        "region-norrbotten",  # works in the whole county: not hers alone to give roles in
        "gallivare-halsocentral",  # works in Gällivare too
        "lpo-pitea-alvdal",  # the police area works in four municipalities
        "lansstyrelsen-norrbotten",
    ],
)
def test_coordinator_cannot_invite_to_organisations_beyond_her_municipality(client_for, users, slug):
    client = client_for(users["coordinator"])
    assert client.get(members_url(slug)).status_code == 404
    assert client.post(invite_url(slug), {"email": "x@example.org", "role": Role.READER}).status_code == 404
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize("who", ["editor", "police", "county", "other_editor", "outsider"])
def test_others_cannot_invite(client_for, users, who):
    client = client_for(users[who])
    assert client.post(invite_url(), {"email": "x@example.org", "role": Role.READER}).status_code == 404
    assert client.get(members_url()).status_code == 404
    assert not Invitation.objects.exists() and not mail.outbox


def test_anonymous_cannot_invite(client, places):
    response = client.post(invite_url(), {"email": "x@example.org", "role": Role.READER})
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    assert not Invitation.objects.exists()


def test_coordinator_withdraws_a_waiting_invitation_and_the_link_stops_working(client_for, users):
    client = client_for(users["coordinator"])
    invite(client)
    link = path_of(link_from(mail.outbox[0]))
    invitation = Invitation.objects.get()
    page = client.post(reverse("people:withdraw", args=["systembolaget", invitation.pk]), follow=True)
    assert "Inbjudan till butikschef@example.org återkallades." in page.content.decode()
    assert client_for(None).get(link).status_code == 404


def test_coordinator_manages_the_members_of_a_partner_that_works_only_in_her_municipality(
    client_for, users, places
):
    page = client_for(users["coordinator"]).get(members_url()).content.decode()
    assert "Medlemmar: Systembolaget" in page
    assert "Bjud in en person via e-post" in page
