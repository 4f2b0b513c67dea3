"""Issue 17 finding 2: the history page answers only for registered models, by UUID, under each app's rules."""

import pytest
from django.test import Client, override_settings

from samverka.core.models import Membership, Role


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def consensus(places, users):
    from samverka.readiness import demo_data
    from samverka.readiness.demo_data import ISSUE
    from samverka.readiness.models import Assessment, ConsensusScore

    demo_data.load()
    assessment = Assessment.objects.get(issue=ISSUE)
    score = ConsensusScore.objects.filter(interview__assessment=assessment).order_by("dimension").first()
    score.reason = "Konsensusmotivering som bara teamet får läsa"
    score.save()
    return score


@pytest.fixture
def second_coordinator(places, django_user_model):
    """A coordinator of Arjeplog who is not on any assessment's team."""
    user = django_user_model.objects.create_user("arjeplog-samordnare-2", password="x")
    Membership.objects.create(
        user=user, organisation=places["orgs"]["arjeplog-socialtjansten"], role=Role.COORDINATOR
    )
    return user


def test_a_coordinator_outside_the_team_cannot_read_consensus_score_history(
    consensus, second_coordinator, client_for
):
    client = client_for(second_coordinator)
    for key in (consensus.uuid, consensus.pk):
        response = client.get(f"/historik/readiness/consensusscore/{key}/")
        assert response.status_code == 404, key
        assert "Konsensusmotivering" not in text_of(response), key


def test_the_team_reads_consensus_score_history_by_its_uuid(consensus, users, client_for):
    response = client_for(users["coordinator"]).get(f"/historik/readiness/consensusscore/{consensus.uuid}/")
    assert response.status_code == 200
    assert "Konsensusmotivering som bara teamet får läsa" in text_of(response)


def test_a_sequential_id_finds_no_history(consensus, users, client_for):
    response = client_for(users["coordinator"]).get(f"/historik/readiness/consensusscore/{consensus.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "who", ["coordinator", "editor", "police", "county", "other_editor", "admin", "outsider"]
)
def test_models_without_a_history_page_answer_404_to_everyone(who, places, users, client_for):
    from samverka.activities.models import Factor
    from samverka.api.services import api_token_create
    from samverka.indicators.models import Indicator

    token = api_token_create(user=users["coordinator"], name="nyckel")[0]
    membership = Membership.objects.filter(user=users["coordinator"]).first()
    factor = (
        Factor.objects.create(name="Skyddsfaktor") if not Factor.objects.exists() else Factor.objects.first()
    )
    indicator = Indicator.objects.first()
    client = client_for(users[who])
    urls = [
        f"/historik/api/apitoken/{token.pk}/",
        f"/historik/core/membership/{membership.pk}/",
        f"/historik/activities/factor/{factor.pk}/",
        f"/historik/auth/user/{users['coordinator'].pk}/",
        "/historik/readiness/interview/00000000-0000-0000-0000-000000000000/",
    ]
    if indicator is not None:
        urls.append(f"/historik/indicators/indicator/{indicator.pk}/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert token.prefix not in text_of(response), url


def test_an_activity_history_is_shown_only_to_the_coordinators_of_its_place(places, users, client_for):
    from samverka.activities.models import Activity, Arena, Status

    activity = Activity.objects.create(
        municipality=places["arjeplog"],
        title="Föräldraträff om alkohol",
        arena=Arena.SCHOOL,
        status=Status.ACTIVE,
    )
    url = f"/historik/activities/activity/{activity.pk}/"
    response = client_for(users["coordinator"]).get(url)
    assert response.status_code == 200
    assert "Föräldraträff om alkohol" in text_of(response)
    for who in ("editor", "police", "county", "other_editor", "outsider"):
        response = client_for(users[who]).get(url)
        assert response.status_code == 404, who
        assert "Föräldraträff om alkohol" not in text_of(response), who
    response = client_for(users["anonymous"]).get(url)
    assert response.status_code == 302 and "/konto/" in response["Location"]


@pytest.mark.urls("tests.hardening.urls")
@override_settings(DEBUG=True)
def test_with_debug_on_a_remote_visitor_gets_no_stack_trace(db):
    client = Client(raise_request_exception=False, REMOTE_ADDR="203.0.113.7")
    response = client.get("/test-boom/")
    assert response.status_code == 500
    html = text_of(response)
    assert "Något gick fel" in html
    assert "hunter2" not in html and "Traceback" not in html and "SECRET_KEY" not in html


@pytest.mark.urls("tests.hardening.urls")
@override_settings(DEBUG=True)
def test_with_debug_on_a_request_through_a_local_proxy_gets_no_stack_trace(db):
    client = Client(raise_request_exception=False, HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = client.get("/test-boom/", headers={"accept": "text/plain"})
    assert response.status_code == 500
    assert "hunter2" not in text_of(response) and "Traceback" not in text_of(response)


@pytest.mark.urls("tests.hardening.urls")
@override_settings(DEBUG=True)
def test_with_debug_on_the_developer_on_localhost_still_gets_the_stack_trace(db):
    client = Client(raise_request_exception=False, REMOTE_ADDR="127.0.0.1")
    response = client.get("/test-boom/")
    assert response.status_code == 500
    assert "hunter2" in text_of(response)
