"""Both parties must approve before a promise becomes public, and again after its commitments change."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.promises import services
from samverka.promises.models import Party, PromiseState, Target


def public_url(promise):
    return reverse("public:promises_public:promise", args=["arjeplog", promise.pk])


def test_a_draft_cannot_be_sent_for_sign_off_without_commitments(places, users):
    promise = services.promise_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        title="Tomt löfte",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError):
        services.promise_submit(user=users["coordinator"], promise=promise)
    assert promise.state == PromiseState.DRAFT


def test_a_promise_cannot_become_public_with_only_the_municipalitys_approval(make_promise, users, client):
    promise = make_promise("awaiting_signoff")
    services.promise_approve(user=users["coordinator"], promise=promise, party=Party.MUNICIPALITY)
    promise.refresh_from_db()
    assert promise.state == PromiseState.AWAITING_SIGNOFF
    assert client.get(public_url(promise)).status_code == 404
    assert (
        promise.title
        not in client.get(reverse("public:promises_public:list", args=["arjeplog"])).content.decode()
    )


def test_a_promise_cannot_become_public_with_only_the_polices_approval(make_promise, users, client):
    promise = make_promise("awaiting_signoff")
    services.promise_approve(user=users["police"], promise=promise, party=Party.POLICE)
    promise.refresh_from_db()
    assert promise.state == PromiseState.AWAITING_SIGNOFF
    assert client.get(public_url(promise)).status_code == 404


def test_both_parties_approving_makes_the_promise_active_and_public(make_promise, users, client):
    promise = make_promise("awaiting_signoff")
    services.promise_approve(user=users["police"], promise=promise, party=Party.POLICE)
    services.promise_approve(user=users["coordinator"], promise=promise, party=Party.MUNICIPALITY)
    promise.refresh_from_db()
    assert promise.state == PromiseState.ACTIVE
    assert client.get(public_url(promise)).status_code == 200


POLICE_ONLY = "Bara lokalpolisområdet kan godkänna för polisen."
NEVER_THE_COUNTY = "Länsstyrelsen följer arbetet men undertecknar aldrig ett löfte eller en plan."


@pytest.mark.parametrize(
    ("who", "party", "message"),
    [
        ("coordinator", Party.POLICE, POLICE_ONLY),  # the municipality cannot sign for the police
        # an editor of the police area is not the municipality's coordinator
        ("police", Party.MUNICIPALITY, None),
        ("editor", Party.MUNICIPALITY, None),  # an editor of the municipality is not its coordinator
        ("other_editor", Party.POLICE, None),  # another municipality's editor does not see the promise
        ("county", Party.POLICE, NEVER_THE_COUNTY),
        ("county", Party.MUNICIPALITY, NEVER_THE_COUNTY),
    ],
)
def test_only_the_right_people_approve_for_each_party(make_promise, users, who, party, message):
    promise = make_promise("awaiting_signoff")
    if message is None:
        with pytest.raises(PermissionDenied):
            services.promise_approve(user=users[who], promise=promise, party=party)
    else:  # one who sees the promise is told in Swedish why not
        with pytest.raises(ValidationError) as refused:
            services.promise_approve(user=users[who], promise=promise, party=party)
        assert refused.value.messages == [message]
    assert not promise.approvals.exists()
    promise.refresh_from_db()
    assert promise.state == PromiseState.AWAITING_SIGNOFF


def test_one_person_cannot_approve_for_both_parties(make_promise, users):
    promise = make_promise("awaiting_signoff")
    services.promise_approve(user=users["admin"], promise=promise, party=Party.MUNICIPALITY)
    with pytest.raises(ValidationError):
        services.promise_approve(user=users["admin"], promise=promise, party=Party.POLICE)
    promise.refresh_from_db()
    assert promise.state == PromiseState.AWAITING_SIGNOFF


def test_changing_an_active_promises_commitments_needs_both_parties_again(
    active_promise, users, places, client
):
    services.commitment_save(
        user=users["coordinator"],
        parent=active_promise,
        text="Polisen håller tre medborgarmöten per år.",
        target={"kind": Target.Kind.COUNT, "amount": Decimal(3), "unit": Target.Unit.YEAR},
    )
    active_promise.refresh_from_db()
    assert active_promise.state == PromiseState.AWAITING_SIGNOFF
    page = client.get(public_url(active_promise)).content.decode()
    assert "Under revidering" in page and "tre medborgarmöten" not in page  # the approved version stays
    services.promise_approve(user=users["coordinator"], promise=active_promise, party=Party.MUNICIPALITY)
    active_promise.refresh_from_db()
    assert (
        active_promise.state == PromiseState.AWAITING_SIGNOFF
    )  # the earlier police approval no longer counts
    services.promise_approve(user=users["police"], promise=active_promise, party=Party.POLICE)
    active_promise.refresh_from_db()
    assert active_promise.state == PromiseState.ACTIVE
    page = client.get(public_url(active_promise)).content.decode()
    assert "Polisen håller tre medborgarmöten per år." in page and "Under revidering" not in page


@pytest.mark.parametrize("state", ["draft", "active"])
def test_a_promise_that_is_not_awaiting_sign_off_cannot_be_approved(make_promise, users, client_for, state):
    from samverka.promises.models import Approval

    promise = make_promise(state)
    approvals = list(Approval.objects.filter(promise=promise).values_list("party", "revision"))
    refused = "Bara ett löfte som väntar på godkännande kan godkännas."
    with pytest.raises(ValidationError, match=refused):
        services.promise_approve(user=users["police"], promise=promise, party=Party.POLICE)
    url = reverse("promises:promise_action", args=[promise.pk, "godkann"])
    response = client_for(users["police"]).post(url, {"party": "police"}, follow=True)
    assert refused in response.content.decode()
    promise.refresh_from_db()
    assert promise.state == state
    assert list(Approval.objects.filter(promise=promise).values_list("party", "revision")) == approvals


def test_approving_through_the_page(make_promise, users, client_for):
    promise = make_promise("awaiting_signoff")
    url = reverse("promises:promise_action", args=[promise.pk, "godkann"])
    page = client_for(users["police"]).get(promise.get_absolute_url()).content.decode()
    assert "Godkänn för Polisen, lokalpolisområde Piteå älvdal" in page
    client_for(users["police"]).post(url, {"party": "police"})
    response = client_for(users["coordinator"]).post(url, {"party": "municipality"}, follow=True)
    promise.refresh_from_db()
    assert promise.state == PromiseState.ACTIVE
    assert "aktivt och offentligt" in response.content.decode()


def test_piteå_editor_cannot_approve_or_see_an_arjeplog_promise(make_promise, users, client_for):
    promise = make_promise("awaiting_signoff")
    client = client_for(users["other_editor"])
    assert client.get(promise.get_absolute_url()).status_code == 404
    url = reverse("promises:promise_action", args=[promise.pk, "godkann"])
    assert client.post(url, {"party": "police"}).status_code == 404
    assert not promise.approvals.exists()
