"""Coordinators manage the members of their organisations; nobody else can."""

import pytest
from django.urls import reverse

from samverka.core.models import Membership, Organisation, Role


@pytest.fixture
def newcomer(django_user_model, places):
    return django_user_model.objects.create_user("ny-medarbetare", email="ny@example.org", password="x")


def url(slug="arjeplogs-kommun"):
    return reverse("members", args=[slug])


def test_coordinator_adds_a_member_by_email(client_for, users, newcomer):
    response = client_for(users["coordinator"]).post(
        url(), {"add": "1", "identifier": "NY@example.org", "role": Role.EDITOR}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert membership.role == Role.EDITOR
    assert membership.organisation.slug == "arjeplogs-kommun"


def test_coordinator_manages_the_organisations_under_her_own(client_for, users, newcomer):
    response = client_for(users["coordinator"]).post(
        url("fritidsgarden-polar"), {"add": "1", "identifier": "ny-medarbetare", "role": Role.READER}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, organisation__slug="fritidsgarden-polar").exists()


def test_coordinator_cannot_grant_a_higher_role_than_her_own(client_for, users, newcomer):
    response = client_for(users["coordinator"]).post(
        url(), {"add": "1", "identifier": "ny-medarbetare", "role": Role.ADMIN}, follow=True
    )
    assert "Du kan inte ge en högre roll än din egen." in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_unknown_account_gets_a_clear_message(client_for, users):
    response = client_for(users["coordinator"]).post(
        url(), {"add": "1", "identifier": "finns-inte", "role": Role.READER}, follow=True
    )
    assert "Inget aktivt konto" in response.content.decode()


@pytest.mark.parametrize("who", ["editor", "police", "county", "other_editor", "outsider"])
def test_others_cannot_see_or_change_the_members(client_for, users, newcomer, who):
    client = client_for(users[who])
    assert client.get(url()).status_code == 404
    client.post(url(), {"add": "1", "identifier": "ny-medarbetare", "role": Role.EDITOR})
    assert not Membership.objects.filter(user=newcomer).exists()


def test_anonymous_is_sent_to_log_in(client, places):
    assert client.get(url()).status_code == 302


def test_coordinator_changes_a_role_and_removes_a_member(client_for, users):
    client = client_for(users["coordinator"])
    editor = Membership.objects.get(user=users["editor"])
    client.post(url(), {"change": "1", "membership": editor.pk, "role": Role.READER, "title": "Webbredaktör"})
    editor.refresh_from_db()
    assert (editor.role, editor.title) == (Role.READER, "Webbredaktör")
    asked = client.post(url(), {"remove": "1", "membership": editor.pk}).content.decode()
    assert "Erik Nilsson kommer inte längre att vara medlem i Arjeplogs kommun" in asked
    assert Membership.objects.filter(pk=editor.pk).exists()  # only asked, nothing ended yet
    client.post(url(), {"remove": "1", "confirm": "1", "membership": editor.pk})
    assert not Membership.objects.filter(pk=editor.pk).exists()
    ended = Membership.history.filter(id=editor.pk, history_type="-").get()
    assert ended.history_user == users["coordinator"]


def test_a_membership_of_another_organisation_cannot_be_touched_through_this_page(client_for, users):
    police = Membership.objects.get(user=users["police"])
    response = client_for(users["coordinator"]).post(url(), {"remove": "1", "membership": police.pk})
    assert response.status_code == 404
    assert Membership.objects.filter(pk=police.pk).exists()


def test_coordinator_cannot_remove_herself(client_for, users):
    own = Membership.objects.get(user=users["coordinator"])
    response = client_for(users["coordinator"]).post(
        url(), {"remove": "1", "confirm": "1", "membership": own.pk}, follow=True
    )
    assert "Du kan inte ta bort dig själv." in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_municipality_page_links_to_member_management_for_coordinators_only(client_for, users):
    link = url()
    assert link in client_for(users["coordinator"]).get("/kommun/arjeplog/").content.decode()
    assert link not in client_for(users["editor"]).get("/kommun/arjeplog/").content.decode()


def new_org_url(slug="arjeplog"):
    return reverse("organisation_new", args=[slug])


def test_coordinator_adds_an_organisation_that_works_in_her_municipality(client_for, users, places):
    response = client_for(users["coordinator"]).post(
        new_org_url(),
        {"name": "Hälsocentralen i Arjeplog", "kind": "region", "parent": "", "description": "", "email": ""},
        follow=True,
    )
    organisation = Organisation.objects.get(name="Hälsocentralen i Arjeplog")
    assert list(organisation.municipalities.values_list("slug", flat=True)) == ["arjeplog"]
    assert response.redirect_chain[-1][0] == url(organisation.slug)
    page = response.content.decode()
    assert "Hälsocentralen i Arjeplog verkar nu i Arjeplog." in page
    assert "Bjud in en person via e-post" in page  # she manages its members at once


def test_an_organisation_already_working_there_is_not_added_twice(client_for, users, places):
    response = client_for(users["coordinator"]).post(
        new_org_url(), {"name": "systembolaget", "kind": "alcohol_retailer"}
    )
    assert "systembolaget verkar redan i Arjeplog." in response.content.decode()
    assert Organisation.objects.filter(name__iexact="systembolaget").count() == 1


def test_the_organisation_it_is_part_of_must_work_in_the_same_place(client_for, users, places):
    response = client_for(users["coordinator"]).post(
        new_org_url(), {"name": "Ny enhet", "kind": "other", "parent": places["orgs"]["pitea-kommun"].pk}
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Ny enhet").exists()


@pytest.mark.parametrize(
    ("who", "status"), [("editor", 403), ("police", 403), ("county", 403), ("other_editor", 404)]
)
def test_others_cannot_add_an_organisation_to_arjeplog(client_for, users, who, status):
    client = client_for(users[who])
    assert client.get(new_org_url()).status_code == status
    client.post(new_org_url(), {"name": "Smygande AB", "kind": "other"})
    assert not Organisation.objects.filter(name="Smygande AB").exists()


def test_anonymous_cannot_add_an_organisation(client, places):
    assert client.post(new_org_url(), {"name": "Smygande AB", "kind": "other"}).status_code == 302
    assert not Organisation.objects.filter(name="Smygande AB").exists()
