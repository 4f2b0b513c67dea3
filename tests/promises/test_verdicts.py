"""Verdicts: proposed from the status at the end, confirmed by a coordinator, public with an explanation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.promises import services
from samverka.promises.models import PromiseState, Verdict


@pytest.fixture
def ended(make_promise, users):
    promise = make_promise("active", start=datetime.date(2019, 1, 1), end=datetime.date(2020, 12, 31))
    commitment = promise.commitments.get()
    from samverka.promises.models import FollowUp

    FollowUp.objects.create(
        commitment=commitment,
        date=datetime.date(2019, 10, 8),
        description="Fortbildning",
        amount=1,
        municipality=promise.municipality,
    )
    return promise


def test_the_verdict_is_proposed_from_the_status(ended):
    commitment = ended.commitments.get()
    assert commitment.proposed_verdict() == Verdict.Value.PARTLY_KEPT


def test_a_coordinator_confirms_the_verdict_through_the_page_and_the_public_sees_it(
    ended, users, client_for, client
):
    commitment = ended.commitments.get()
    page = client_for(users["coordinator"]).get(reverse("promises:verdict", args=[commitment.pk]))
    assert "Delvis hållet" in page.content.decode()
    response = client_for(users["coordinator"]).post(
        reverse("promises:verdict", args=[commitment.pk]),
        {"value": "partly_kept", "explanation": "Hölls 2019 men inte 2020."},
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get()
    assert (verdict.value, verdict.proposed, verdict.confirmed_by) == (
        "partly_kept",
        "partly_kept",
        users["coordinator"],
    )
    client_for(users["coordinator"]).post(reverse("promises:promise_action", args=[ended.pk, "avsluta"]))
    ended.refresh_from_db()
    assert ended.state == PromiseState.CONCLUDED
    public = client.get(
        reverse("public:promises_public:promise", args=["arjeplog", ended.pk])
    ).content.decode()
    assert "Delvis hållet" in public
    assert "Hölls 2019 men inte 2020." in public


@pytest.mark.parametrize(
    ("who", "status"), [("editor", 403), ("police", 403), ("other_editor", 404), ("outsider", 404)]
)
def test_only_a_coordinator_confirms_verdicts(ended, users, client_for, who, status):
    url = reverse("promises:verdict", args=[ended.commitments.get().pk])
    assert client_for(users[who]).post(url, {"value": "kept", "explanation": "x"}).status_code == status
    assert not Verdict.objects.exists()


def test_no_verdict_before_the_period_has_ended(active_promise, users):
    with pytest.raises(ValidationError):
        services.verdict_confirm(
            user=users["coordinator"],
            commitment=active_promise.commitments.get(),
            value="kept",
            explanation="x",
        )
    with pytest.raises(PermissionDenied):
        services.verdict_confirm(
            user=users["editor"], commitment=active_promise.commitments.get(), value="kept", explanation="x"
        )


def test_a_promise_cannot_be_concluded_before_its_end(active_promise, users):
    with pytest.raises(ValidationError):
        services.promise_conclude(user=users["coordinator"], promise=active_promise)
