"""Issue 17 finding 6: a change to what a signed promise says publicly — signatories included — goes back
to both parties, and the public pages keep the last approved version, marked as under revision."""

from decimal import Decimal

from django.urls import reverse

from samverka.promises import services
from samverka.promises.models import Party, PromiseState, Target


def public_page(client, promise) -> str:
    response = client.get(reverse("public:promises_public:promise", args=["arjeplog", promise.pk]))
    assert response.status_code == 200
    return response.content.decode()


def list_page(client) -> str:
    return client.get(reverse("public:promises_public:list", args=["arjeplog"])).content.decode()


def approve_both(promise, users):
    services.promise_approve(user=users["coordinator"], promise=promise, party=Party.MUNICIPALITY)
    services.promise_approve(user=users["police"], promise=promise, party=Party.POLICE)
    promise.refresh_from_db()


def add_signatory(promise, users, places, name="Anna Andersson"):
    return services.signatory_add(
        user=users["coordinator"],
        promise=promise,
        office="Kommunstyrelsens ordförande",
        organisation=places["orgs"]["arjeplogs-kommun"],
        name=name,
    )


def test_adding_a_signatory_to_an_active_promise_sends_it_back_for_both_parties_approval(
    active_promise, users, places, client
):
    revision = active_promise.revision
    add_signatory(active_promise, users, places, name="Anna Andersson")
    active_promise.refresh_from_db()
    assert active_promise.state == PromiseState.AWAITING_SIGNOFF
    assert active_promise.revision == revision + 1
    assert services.current_approvals(active_promise) == {}


def test_the_public_page_keeps_the_approved_signatories_until_both_parties_approve(
    active_promise, users, places, client
):
    add_signatory(active_promise, users, places, name="Anna Andersson")
    page = public_page(client, active_promise)
    assert "Medborgarlöfte trygghet" in page
    assert "Under revidering" in page
    assert "Anna Andersson" not in page
    approve_both(active_promise, users)
    page = public_page(client, active_promise)
    assert "Anna Andersson" in page
    assert "Under revidering" not in page


def test_one_partys_earlier_approval_does_not_cover_a_signatory_added_afterwards(
    make_promise, users, places, client
):
    promise = make_promise("awaiting_signoff")
    services.promise_approve(user=users["coordinator"], promise=promise, party=Party.MUNICIPALITY)
    add_signatory(promise, users, places)
    promise.refresh_from_db()
    services.promise_approve(user=users["police"], promise=promise, party=Party.POLICE)
    promise.refresh_from_db()
    assert promise.state == PromiseState.AWAITING_SIGNOFF
    assert reverse("public:promises_public:promise", args=["arjeplog", promise.pk]) not in list_page(client)


def test_a_changed_title_and_commitment_stay_off_the_public_pages_until_approved(
    active_promise, users, places, client
):
    services.promise_update(
        user=users["coordinator"],
        promise=active_promise,
        expected_version=active_promise.version,
        title="Nytt namn som inte är godkänt",
    )
    commitment = active_promise.commitments.get()
    services.commitment_save(
        user=users["coordinator"],
        parent=active_promise,
        commitment=commitment,
        text="Ändrat åtagande som inte är godkänt",
        target={"kind": Target.Kind.COUNT, "amount": Decimal(7), "unit": Target.Unit.MONTH},
    )
    for page in (public_page(client, active_promise), list_page(client)):
        assert "Medborgarlöfte trygghet" in page
        assert "Polis och socialtjänst fortbildar föräldrar" in page
        assert "inte är godkänt" not in page
    assert "under revidering" in list_page(client)
    assert "7 per månad" not in public_page(client, active_promise)


def test_the_approved_version_is_shown_in_english_too(active_promise, users, places, client):
    add_signatory(active_promise, users, places)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = public_page(client, active_promise)
    assert "Under revision" in page
    assert "1 per year" in page
