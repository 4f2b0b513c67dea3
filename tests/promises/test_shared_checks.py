"""A citizen promise and an action plan refuse the same mistakes with the same words: the checks they
share live in one function (models._check_period_and_signers), and each model keeps its own on top."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from samverka.promises.models import ActionPlan, Promise


def _valid(model, places):
    orgs = places["orgs"]
    record = model(
        municipality=places["arjeplog"],
        title="Trygg sommar i Arjeplog",
        police_area=orgs["lpo-pitea-alvdal"],
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    if model is ActionPlan:
        record.owner_organisation = orgs["bra-arjeplog"]
    record.clean()  # the starting point passes: each test below breaks one thing
    return record


def _refusal(record) -> dict:
    with pytest.raises(ValidationError) as refused:
        record.clean()
    return refused.value.message_dict


@pytest.mark.parametrize("model", [Promise, ActionPlan])
def test_an_end_before_the_start_is_refused(model, places):
    record = _valid(model, places)
    record.end = datetime.date(2025, 12, 31)
    assert _refusal(record) == {"end": ["Slutdatumet ligger före startdatumet."]}


@pytest.mark.parametrize("model", [Promise, ActionPlan])
def test_the_police_area_must_be_a_police_area(model, places):
    record = _valid(model, places)
    record.police_area = places["orgs"]["arjeplogs-kommun"]
    assert _refusal(record) == {"police_area": ["Välj ett polisområde."]}


@pytest.mark.parametrize("model", [Promise, ActionPlan])
def test_a_body_signing_for_all_needs_the_decision_that_gave_it_the_right(model, places):
    record = _valid(model, places)
    record.signing_body = places["orgs"]["radet-for-social-hallbarhet"]
    assert _refusal(record) == {
        "signing_body_decision": ["Ange beslutet som gav gruppen rätt att skriva under."]
    }
    record.signing_body_decision = "Beslut i styrgruppen 2025-11-12 § 4"
    record.clean()


@pytest.mark.parametrize("model", [Promise, ActionPlan])
def test_only_a_governing_body_signs_for_all(model, places):
    record = _valid(model, places)
    record.signing_body = places["orgs"]["arjeplogs-kommun"]
    record.signing_body_decision = "Beslut i kommunstyrelsen 2025-11-12 § 4"
    assert _refusal(record) == {"signing_body": ["Välj en styrgrupp."]}


def test_a_collaborations_plan_needs_a_police_area_unless_a_body_signs_for_all(places):
    plan = _valid(ActionPlan, places)
    plan.municipality, plan.collaboration, plan.police_area = None, places["pite_alvdal"], None
    assert _refusal(plan) == {
        "police_area": ["En samverkans plan undertecknas även av lokalpolisområdet: välj det."]
    }
    plan.signing_body = places["orgs"]["radet-for-social-hallbarhet"]
    plan.signing_body_decision = "Beslut i styrgruppen 2025-11-12 § 4"
    plan.clean()  # a body signing for all stands in for the police area's signature
