"""Issue 16: a collaboration's promise is signed by the police and by each municipality of the
collaboration through its own coordinator, or by a governing body named to sign for all. It becomes active
and public when the last party has approved; the page shows who has approved and who is awaited."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.core.models import Collaboration, Membership, Organisation, Role
from samverka.core.permissions import forget_access
from samverka.promises import services
from samverka.promises.models import Approval, Promise, PromiseState

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(places):
    from samverka.activities import demo_data as activities_demo
    from samverka.promises import demo_data

    activities_demo.load()
    demo_data.load()


@pytest.fixture
def coordinators(places):
    by_name = get_user_model().objects.in_bulk(
        ["arjeplog-samordnare", "arvidsjaur-samordnare", "pitea-samordnare", "alvsbyn-samordnare"],
        field_name="username",
    )
    return {
        "arjeplog": by_name["arjeplog-samordnare"],
        "arvidsjaur": by_name["arvidsjaur-samordnare"],
        "pitea": by_name["pitea-samordnare"],
        "alvsbyn": by_name["alvsbyn-samordnare"],
    }


@pytest.fixture
def collab_promise(make_promise, places):
    return make_promise("awaiting_signoff", owner=Collaboration.objects.get(slug="pite-alvdal"))


def _key(places, slug):
    return f"municipality:{places[slug].pk}"


def test_active_only_when_the_police_and_all_four_municipalities_have_approved(
    collab_promise, coordinators, users, places, client
):
    promise = collab_promise
    for slug in ("arjeplog", "arvidsjaur", "pitea"):
        services.promise_approve(user=coordinators[slug], promise=promise, party=_key(places, slug))
    services.promise_approve(user=users["police"], promise=promise, party="police")
    promise.refresh_from_db()
    assert promise.state == PromiseState.AWAITING_SIGNOFF  # Älvsbyn is awaited
    public = reverse("public:promises_public:promise", args=["alvsbyn", promise.pk])
    assert client.get(public).status_code == 404
    services.promise_approve(user=coordinators["alvsbyn"], promise=promise, party=_key(places, "alvsbyn"))
    promise.refresh_from_db()
    assert promise.state == PromiseState.ACTIVE
    assert client.get(public).status_code == 200
    assert sorted(a.signs_for.slug for a in promise.approvals.exclude(party="police")) == [
        "alvsbyn",
        "arjeplog",
        "arvidsjaur",
        "pitea",
    ]


def test_a_coordinator_cannot_approve_for_another_municipality_and_nothing_changes(
    collab_promise, coordinators, places, client_for
):
    promise = collab_promise
    with pytest.raises(ValidationError) as refused:
        services.promise_approve(user=coordinators["arjeplog"], promise=promise, party=_key(places, "pitea"))
    assert refused.value.messages == ["Du kan bara godkänna för din egen kommun, inte för Piteå."]
    with pytest.raises(ValidationError, match="varje kommun genom sin egen samordnare"):
        services.promise_approve(user=coordinators["arjeplog"], promise=promise, party="municipality")
    assert not Approval.objects.filter(promise=promise).exists()
    # through the page too: a clear Swedish message, nothing recorded
    client = client_for(coordinators["arjeplog"])
    response = client.post(
        reverse("promises:promise_action", args=[promise.pk, "godkann"]),
        {"party": _key(places, "pitea")},
        follow=True,
    )
    assert "Du kan bara godkänna för din egen kommun, inte för Piteå." in response.content.decode()
    assert not Approval.objects.filter(promise=promise).exists()


def test_the_police_only_for_the_police_and_the_county_board_never(collab_promise, users, places):
    promise = collab_promise
    with pytest.raises((PermissionDenied, ValidationError)):
        services.promise_approve(user=users["police"], promise=promise, party=_key(places, "arjeplog"))
    for party in ("police", _key(places, "arjeplog"), "municipality", "body"):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.promise_approve(user=users["county"], promise=promise, party=party)
    assert not Approval.objects.filter(promise=promise).exists()


def test_the_page_shows_who_has_approved_and_who_is_awaited(collab_promise, coordinators, places, client_for):
    services.promise_approve(user=coordinators["pitea"], promise=collab_promise, party=_key(places, "pitea"))
    page = client_for(coordinators["arjeplog"]).get(collab_promise.get_absolute_url()).content.decode()
    assert "Piteå: godkänt av Per Sandberg den" in page
    assert "Arjeplog: <strong>inväntas</strong>" in page
    assert "Polisen, lokalpolisområde Piteå älvdal: <strong>inväntas</strong>" in page
    # Arjeplog's coordinator is offered Arjeplog's approval only
    assert "Godkänn för Arjeplog" in page and "Godkänn för Piteå" not in page


def test_a_governing_body_named_to_sign_for_all_signs_alone(collab_promise, places, users):
    body = Organisation.objects.get(slug="radet-for-social-hallbarhet")
    promise = collab_promise
    promise.signing_body = body
    with pytest.raises(ValidationError):
        promise.full_clean()  # the decision that gave it the right is required
    promise.signing_body_decision = "Beslut i styrgruppen 2025-11-12 § 4"
    promise.full_clean()
    Promise.objects.filter(pk=promise.pk).update(
        signing_body=body, signing_body_decision=promise.signing_body_decision
    )
    chair = get_user_model().objects.create_user("radet-ordf", first_name="Eva", last_name="Ek")
    Membership.objects.create(user=chair, organisation=body, role=Role.COORDINATOR)
    forget_access(chair)
    with pytest.raises((PermissionDenied, ValidationError)):
        services.promise_approve(user=users["police"], promise=promise, party="police")
    services.promise_approve(user=chair, promise=promise, party="body")
    promise.refresh_from_db()
    assert promise.state == PromiseState.ACTIVE


def test_the_demo_promise_shows_four_municipal_approvals_and_the_polices(demo, users, client_for):
    pite = Promise.objects.get(collaboration__slug="pite-alvdal")
    assert pite.state == PromiseState.ACTIVE
    assert sorted((a.party, a.signs_for.slug if a.signs_for else "") for a in pite.approvals.all()) == [
        ("municipality", "alvsbyn"),
        ("municipality", "arjeplog"),
        ("municipality", "arvidsjaur"),
        ("municipality", "pitea"),
        ("police", ""),
    ]
    page = client_for(users["police"]).get(pite.get_absolute_url()).content.decode()
    for name in ("Arjeplog", "Arvidsjaur", "Piteå", "Älvsbyn", "Polisen, lokalpolisområde Piteå älvdal"):
        assert f"{name}: godkänt av" in page, name
    assert "inväntas" not in page
    assert "Godkänn för" not in page
