"""Issue 16: a collaboration's action plan is signed like its promise, through the same code path: by the
police area and by each municipality of the collaboration through its own coordinator, or by a governing
body named to sign for all (with the decision that gave it the right). It is adopted and public when the
last party has approved; the staff page shows who has approved and who is awaited; refusals give a clear
Swedish message and change nothing."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.core.models import Collaboration, Membership, Municipality, Organisation, Role
from samverka.core.permissions import forget_access
from samverka.promises import services
from samverka.promises.models import ActionPlan, Approval, PlanState, Target

pytestmark = pytest.mark.django_db

TITLE = "Pite älvdals plan mot langning"


@pytest.fixture
def coordinators(places):
    by_name = get_user_model().objects.in_bulk(
        ["arjeplog-samordnare", "arvidsjaur-samordnare", "pitea-samordnare", "alvsbyn-samordnare"],
        field_name="username",
    )
    return {name.split("-")[0]: user for name, user in by_name.items()}


def _measure(user, plan, text="Kontroll mot langning inför skolavslutningen."):
    return services.commitment_save(
        user=user,
        parent=plan,
        text=text,
        target={"kind": Target.Kind.COUNT, "amount": Decimal(2), "unit": Target.Unit.YEAR},
    )


@pytest.fixture
def make_plan(places, users, today):
    def make(owner=None, police=True, submit=True):
        coordinator = users["coordinator"]
        plan = services.plan_create(
            user=coordinator,
            owner=owner or Collaboration.objects.get(slug="pite-alvdal"),
            owner_organisation=places["orgs"]["pitea-kommun"],
            title=TITLE,
            start=datetime.date(today.year, 1, 1),
            end=datetime.date(today.year + 1, 12, 31),
            police_area=places["orgs"]["lpo-pitea-alvdal"] if police else None,
        )
        _measure(coordinator, plan)
        if submit:
            services.plan_submit(user=coordinator, plan=plan)
        plan.refresh_from_db()
        return plan

    return make


@pytest.fixture
def collab_plan(make_plan):
    return make_plan()


def _key(places, slug):
    return f"municipality:{places[slug].pk}"


def _public(plan, slug="alvsbyn"):
    return reverse("public:promises_public:plan", args=[slug, plan.pk])


def test_adopted_and_public_only_when_the_police_and_all_four_municipalities_have_approved(
    collab_plan, coordinators, users, places, client, today
):
    plan = collab_plan
    assert [s.label for s in services.signers_of(plan)] == [
        "Arjeplog",
        "Arvidsjaur",
        "Piteå",
        "Älvsbyn",
        "Polisen, lokalpolisområde Piteå älvdal",
    ]
    for slug in ("arjeplog", "arvidsjaur", "pitea"):
        services.plan_approve(user=coordinators[slug], plan=plan, party=_key(places, slug))
    services.plan_approve(user=users["police"], plan=plan, party="police")
    plan.refresh_from_db()
    assert plan.state == PlanState.AWAITING_SIGNOFF  # Älvsbyn is awaited
    assert not plan.published and plan.adopted_on is None
    assert client.get(_public(plan)).status_code == 404
    services.plan_approve(user=coordinators["alvsbyn"], plan=plan, party=_key(places, "alvsbyn"))
    plan.refresh_from_db()
    assert plan.state == PlanState.ADOPTED
    assert plan.published and plan.adopted_on == today
    response = client.get(_public(plan))
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert sorted(a.signs_for.slug for a in plan.approvals.exclude(party="police")) == [
        "alvsbyn",
        "arjeplog",
        "arvidsjaur",
        "pitea",
    ]
    # the promise's approvals are untouched: a plan's approvals are its own
    assert not Approval.objects.filter(promise__isnull=False).exists()


def test_a_coordinator_cannot_approve_for_another_municipality_and_nothing_changes(
    collab_plan, coordinators, places, client_for
):
    plan = collab_plan
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(user=coordinators["arjeplog"], plan=plan, party=_key(places, "pitea"))
    assert refused.value.messages == ["Du kan bara godkänna för din egen kommun, inte för Piteå."]
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(user=coordinators["arjeplog"], plan=plan, party="municipality")
    assert refused.value.messages == [
        "En samverkans plan godkänns av varje kommun genom sin egen samordnare."
    ]
    assert not Approval.objects.filter(plan=plan).exists()
    # through the page too: a clear Swedish message, nothing recorded
    response = client_for(coordinators["arjeplog"]).post(
        reverse("promises:plan_action", args=[plan.pk, "godkann"]),
        {"party": _key(places, "pitea")},
        follow=True,
    )
    assert "Du kan bara godkänna för din egen kommun, inte för Piteå." in response.content.decode()
    assert not Approval.objects.filter(plan=plan).exists()
    plan.refresh_from_db()
    assert plan.state == PlanState.AWAITING_SIGNOFF


def test_the_police_only_for_the_police_and_the_county_board_never(collab_plan, users, places, client_for):
    plan = collab_plan
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(user=users["police"], plan=plan, party=_key(places, "arjeplog"))
    assert refused.value.messages == ["Du kan bara godkänna för din egen kommun, inte för Arjeplog."]
    for party in ("police", _key(places, "arjeplog"), "municipality", "body"):
        with pytest.raises(ValidationError) as refused:
            services.plan_approve(user=users["county"], plan=plan, party=party)
        assert refused.value.messages == [
            "Länsstyrelsen följer arbetet men undertecknar aldrig ett löfte eller en plan."
        ]
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(user=users["coordinator"], plan=plan, party="police")
    assert refused.value.messages == ["Bara lokalpolisområdet kan godkänna för polisen."]
    # the county board through the page: refused, nothing recorded
    response = client_for(users["county"]).post(
        reverse("promises:plan_action", args=[plan.pk, "godkann"]), {"party": "police"}, follow=True
    )
    assert "Länsstyrelsen följer arbetet men undertecknar aldrig" in response.content.decode()
    assert not Approval.objects.filter(plan=plan).exists()


def test_anonymous_and_another_municipality_cannot_approve(collab_plan, users, client_for):
    url = reverse("promises:plan_action", args=[collab_plan.pk, "godkann"])
    assert client_for(None).post(url, {"party": "police"})["Location"].startswith("/konto/logga-in/")
    # a Gällivare coordinator (no part of Pite älvdal) does not even see the plan
    editor = get_user_model().objects.create_user("gallivare-samordnare")
    gallivare = Organisation.objects.create(
        name="Gällivare kommun", slug="gallivare-kommun", kind=Organisation.Kind.MUNICIPALITY
    )
    gallivare.municipalities.set([Municipality.objects.get(slug="gallivare")])
    Membership.objects.create(user=editor, organisation=gallivare, role=Role.COORDINATOR)
    forget_access(editor)
    assert client_for(editor).post(url, {"party": "police"}).status_code == 404
    assert not Approval.objects.filter(plan=collab_plan).exists()


def test_the_page_shows_who_has_approved_and_who_is_awaited(collab_plan, coordinators, places, client_for):
    services.plan_approve(user=coordinators["pitea"], plan=collab_plan, party=_key(places, "pitea"))
    page = client_for(coordinators["arjeplog"]).get(collab_plan.get_absolute_url()).content.decode()
    assert "Piteå: godkänt av Per Sandberg den" in page
    assert "Arjeplog: <strong>inväntas</strong>" in page
    assert "Polisen, lokalpolisområde Piteå älvdal: <strong>inväntas</strong>" in page
    # Arjeplog's coordinator is offered Arjeplog's approval only; Piteå's, having approved, none
    assert "Godkänn för Arjeplog" in page and "Godkänn för Piteå" not in page
    page = client_for(coordinators["pitea"]).get(collab_plan.get_absolute_url()).content.decode()
    assert "Godkänn för" not in page


def test_approving_through_the_page_records_it_and_the_last_adopts(
    collab_plan, coordinators, users, places, client_for
):
    for slug in ("arjeplog", "arvidsjaur", "pitea", "alvsbyn"):
        response = client_for(coordinators[slug]).post(
            reverse("promises:plan_action", args=[collab_plan.pk, "godkann"]),
            {"party": _key(places, slug)},
            follow=True,
        )
        assert "Ditt godkännande registrerades. De andra parterna måste också godkänna." in (
            response.content.decode()
        )
    response = client_for(users["police"]).post(
        reverse("promises:plan_action", args=[collab_plan.pk, "godkann"]), {"party": "police"}, follow=True
    )
    assert "Alla parter har godkänt: planen är nu antagen och offentlig." in response.content.decode()
    collab_plan.refresh_from_db()
    assert collab_plan.state == PlanState.ADOPTED


def test_a_governing_body_named_to_sign_for_all_signs_alone(collab_plan, users, places):
    body = Organisation.objects.get(slug="radet-for-social-hallbarhet")
    plan = collab_plan
    plan.signing_body = body
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()  # the decision that gave it the right is required
    assert refused.value.message_dict["signing_body_decision"] == [
        "Ange beslutet som gav gruppen rätt att skriva under."
    ]
    plan.signing_body_decision = "Beslut i styrgruppen 2025-11-12 § 4"
    plan.full_clean()
    ActionPlan.objects.filter(pk=plan.pk).update(
        signing_body=body, signing_body_decision=plan.signing_body_decision
    )
    plan.refresh_from_db()
    assert [s.key for s in services.signers_of(plan)] == ["body"]
    chair = get_user_model().objects.create_user("radet-ordf", first_name="Eva", last_name="Ek")
    Membership.objects.create(user=chair, organisation=body, role=Role.COORDINATOR)
    forget_access(chair)
    with pytest.raises((PermissionDenied, ValidationError)):
        services.plan_approve(user=users["police"], plan=plan, party="police")
    services.plan_approve(user=chair, plan=plan, party="body")
    plan.refresh_from_db()
    assert plan.state == PlanState.ADOPTED and plan.published


def test_a_collaborations_plan_names_its_police_area(places, users, today):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            user=users["coordinator"],
            owner=Collaboration.objects.get(slug="pite-alvdal"),
            owner_organisation=places["orgs"]["pitea-kommun"],
            title=TITLE,
            start=today,
            end=today,
        )
    assert refused.value.message_dict["police_area"] == [
        "En samverkans plan undertecknas även av lokalpolisområdet: välj det."
    ]
    assert not ActionPlan.objects.exists()


def test_a_municipalitys_own_plan_is_signed_by_its_coordinator_and_the_named_police(make_plan, places, users):
    plan = make_plan(owner=places["arjeplog"])
    assert [s.key for s in services.signers_of(plan)] == ["municipality", "police"]
    services.plan_approve(user=users["coordinator"], plan=plan, party="municipality")
    plan.refresh_from_db()
    assert plan.state == PlanState.AWAITING_SIGNOFF
    with pytest.raises(ValidationError) as refused:  # one person approves for one party only
        services.plan_approve(user=users["coordinator"], plan=plan, party="municipality")
    assert refused.value.messages == ["Den här parten har redan godkänt den här versionen."]
    services.plan_approve(user=users["police"], plan=plan, party="police")
    plan.refresh_from_db()
    assert plan.state == PlanState.ADOPTED
    # the police cannot approve a plan twice, nor one that is adopted
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(user=users["police"], plan=plan, party="police")
    assert refused.value.messages == ["Bara en plan som väntar på godkännande kan godkännas."]


def test_changing_the_measures_under_signoff_needs_every_approval_again(
    collab_plan, coordinators, users, places
):
    services.plan_approve(user=coordinators["pitea"], plan=collab_plan, party=_key(places, "pitea"))
    _measure(users["coordinator"], collab_plan, "Information till vårdnadshavare.")
    collab_plan.refresh_from_db()
    assert collab_plan.revision == 2
    assert services.current_approvals(collab_plan) == {}
    assert [row["approval"] for row in services.signoff_status(collab_plan)] == [None] * 5


def test_a_plan_without_measures_cannot_be_sent_and_stays_a_draft(places, users, today):
    plan = services.plan_create(
        user=users["coordinator"],
        owner=places["arjeplog"],
        owner_organisation=places["orgs"]["bra-arjeplog"],
        title="Tom plan",
        start=today,
        end=today,
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(user=users["coordinator"], plan=plan)
    assert refused.value.messages == ["Lägg till minst en åtgärd innan planen skickas för godkännande."]
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_the_police_is_notified_of_the_plan_awaiting_its_approval(collab_plan, coordinators, users, places):
    from samverka.notices import selectors as notices

    def approval_texts(user):
        forget_access(user)
        return [n.text for n in notices.notices_for(user) if n.kind == "approval"]

    assert approval_texts(users["police"]) == [f"Väntar på ditt godkännande: {TITLE}"]
    services.plan_approve(user=coordinators["pitea"], plan=collab_plan, party=_key(places, "pitea"))
    assert TITLE not in approval_texts(coordinators["pitea"])
    assert approval_texts(users["county"]) == []


def test_an_editor_sends_the_draft_for_signoff_through_the_page_and_others_cannot(
    make_plan, users, client_for
):
    plan = make_plan(owner=None, submit=False)
    url = reverse("promises:plan_action", args=[plan.pk, "skicka"])
    assert client_for(users["county"]).post(url).status_code == 403  # a reader: she sees, never edits
    assert client_for(users["outsider"]).post(url).status_code == 404  # no part of Pite älvdal
    assert client_for(None).post(url)["Location"].startswith("/konto/logga-in/")
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    page = client_for(users["editor"]).get(plan.get_absolute_url()).content.decode()
    assert "Skicka för godkännande" in page
    response = client_for(users["editor"]).post(url, follow=True)
    assert "Planen skickades för godkännande av alla parter." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.AWAITING_SIGNOFF
