"""Readiness results and promises through the API: published for anyone, internal for the place's staff,
blind scoring kept, transcripts never served."""

import pytest

from samverka.promises.models import FollowUp, Promise, PromiseState


@pytest.fixture
def readiness(places, users, django_user_model):
    from samverka.readiness import demo_data
    from samverka.readiness.demo_data import ISSUE, ONGOING_ISSUE
    from samverka.readiness.models import Assessment

    demo_data.load()
    return {
        "done": Assessment.objects.get(issue=ISSUE),
        "ongoing": Assessment.objects.get(issue=ONGOING_ISSUE),
        "scorer1": django_user_model.objects.get(username="arjeplog-bedomare1"),
        "scorer2": django_user_model.objects.get(username="arjeplog-bedomare2"),
    }


@pytest.fixture
def promises(places, users):
    import datetime

    from samverka.promises import demo_data

    demo_data.load()
    Promise.objects.create(
        municipality=places["arjeplog"],
        title="Utkast till nytt löfte",
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        start=datetime.date(2028, 1, 1),
        end=datetime.date(2028, 12, 31),
    )
    return Promise.objects.filter(municipality=places["arjeplog"])


def sheets_url(assessment, number=2):
    return f"/api/v1/readiness/{assessment.pk}/interviews/{number}/sheets/"


def test_a_scorer_cannot_read_another_scorers_unsubmitted_scores(readiness, api, token_for):
    # scorer 1 submitted interview 2 of the ongoing assessment; scorer 2 has only a draft
    as_scorer1 = api(token_for(readiness["scorer1"])).get(sheets_url(readiness["ongoing"]))
    assert as_scorer1.status_code == 200
    assert [s["scorer"] for s in as_scorer1.json()] == ["arjeplog-bedomare1"]
    as_scorer2 = api(token_for(readiness["scorer2"])).get(sheets_url(readiness["ongoing"]))
    assert [s["scorer"] for s in as_scorer2.json()] == ["arjeplog-bedomare2"]


def test_staff_outside_the_team_and_other_places_see_no_score_sheets(readiness, users, api, token_for):
    # the coordinator and the interviewer are on the team but do not score: nothing before all submitted
    for who in ["coordinator", "editor"]:
        assert api(token_for(users[who])).get(sheets_url(readiness["ongoing"])).json() == []
    for who in ["police", "county", "other_editor"]:
        response = api(token_for(users[who])).get(sheets_url(readiness["ongoing"]))
        assert response.status_code == 404, who
    assert api().get(sheets_url(readiness["done"])).status_code == 404


def test_published_results_are_open_and_unfinished_ones_are_not(readiness, users, api, token_for):
    public = api().get("/api/v1/readiness/?municipality=arjeplog").json()["results"]
    assert [a["id"] for a in public] == [str(readiness["done"].pk)]
    assert public[0]["result"]["stage"] >= 1
    assert api().get(f"/api/v1/readiness/{readiness['ongoing'].pk}/").status_code == 404
    other = api(token_for(users["other_editor"])).get("/api/v1/readiness/?limit=100").json()["results"]
    assert str(readiness["ongoing"].pk) not in {a["id"] for a in other}
    staff = api(token_for(users["editor"])).get(f"/api/v1/readiness/{readiness['ongoing'].pk}/").json()
    # the interviewer is on the team: the preliminary result from interview 1, the demo's only agreed one
    assert {k: staff["result"][k] for k in ("preliminary", "interviews_scored", "interviews_planned")} == {
        "preliminary": True,
        "interviews_scored": 1,
        "interviews_planned": 4,
    }
    police = api(token_for(users["police"])).get(f"/api/v1/readiness/{readiness['ongoing'].pk}/")
    assert police.status_code == 200 and police.json()["issue"] == "Spel om pengar bland unga"
    assert police.json()["result"] is None  # not completed: staff outside the team see no numbers yet


def test_no_endpoint_serves_a_transcript(readiness, promises, users, api, token_for, client):
    from samverka.readiness.models import Interview

    transcripts = [t for t in Interview.objects.values_list("transcript", flat=True) if t]
    assert transcripts
    schema = client.get("/api/v1/schema/?format=json").json()
    paths = [p for p in schema["paths"] if "{" not in p and "schema" not in p and "me" not in p]
    for who in [readiness["scorer1"], users["coordinator"]]:
        client_ = api(token_for(who))
        bodies = [client_.get(p + "?limit=500").content.decode() for p in paths]
        bodies.append(client_.get(sheets_url(readiness["done"])).content.decode())
        for t in transcripts:
            assert all(t[:80] not in b for b in bodies)


def test_promises_show_commitments_with_statuses_and_drafts_stay_internal(promises, users, api, token_for):
    public = api().get("/api/v1/promises/?municipality=arjeplog").json()["results"]
    assert public and all(p["state"] in (PromiseState.ACTIVE, PromiseState.CONCLUDED) for p in public)
    commitments = [c for p in public for c in p["commitments"]]
    assert commitments and any(c["status"] for c in commitments)
    drafts = set(
        promises.exclude(state__in=[PromiseState.ACTIVE, PromiseState.CONCLUDED]).values_list("pk", flat=True)
    )
    assert not drafts & {p["id"] for p in public}
    staff = api(token_for(users["editor"])).get("/api/v1/promises/?municipality=arjeplog").json()["results"]
    assert {str(d) for d in drafts} <= {p["id"] for p in staff}
    other = api(token_for(users["other_editor"])).get("/api/v1/promises/?limit=200").json()["results"]
    assert not {str(d) for d in drafts} & {p["id"] for p in other}


def test_filters_by_period_and_state(promises, api):
    active = api().get("/api/v1/promises/?municipality=arjeplog&state=active&active_on=2026-06-01").json()
    assert active["count"] >= 1
    assert api().get("/api/v1/promises/?municipality=arjeplog&year=1999").json()["count"] == 0


def test_the_police_records_a_follow_up_and_others_cannot(promises, users, api, token_for):
    active = promises.get(state=PromiseState.ACTIVE, start__year=2026)  # the 2027 promise has not begun
    commitment = active.commitments.first()
    before = FollowUp.objects.count()
    body = {
        "commitment": str(commitment.pk),
        "date": "2026-05-01",
        "description": "Föräldrakväll",
        "participants": 40,
    }
    response = api(token_for(users["police"])).post("/api/v1/follow-ups/", body)
    assert response.status_code == 201, response.content
    assert FollowUp.objects.count() == before + 1
    assert api(token_for(users["other_editor"])).post("/api/v1/follow-ups/", body).status_code == 404
    assert api(token_for(users["county"])).post("/api/v1/follow-ups/", body).status_code == 403
    assert api().post("/api/v1/follow-ups/", body).status_code == 401
    future = {**body, "date": "2999-01-01"}
    assert api(token_for(users["police"])).post("/api/v1/follow-ups/", future).status_code == 400
    assert FollowUp.objects.count() == before + 1


def test_observations_withhold_small_counts_as_the_public_pages_do(places, api):
    from decimal import Decimal

    from samverka.indicators.importing import places_ensure
    from samverka.indicators.models import Indicator, Observation, Place

    places_ensure()
    indicator = Indicator.objects.create(
        source="own", source_id="x1", name_sv="Antal ingripanden", is_count=True
    )
    place = Place.objects.get(municipality=places["arjeplog"])
    Observation.objects.create(indicator=indicator, place=place, period="2024", value=Decimal(3))
    Observation.objects.create(indicator=indicator, place=place, period="2025", value=Decimal(12))
    rows = (
        api().get(f"/api/v1/observations/?indicator={indicator.pk}&municipality=arjeplog").json()["results"]
    )
    by_period = {r["period"]: r for r in rows}
    assert by_period["2024"]["value"] is None and by_period["2024"]["suppressed"] is True
    assert by_period["2025"]["value"] == 12
    assert api().get(f"/api/v1/observations/?indicator={indicator.pk}&county=norrbotten").json()["count"] == 2


def test_editors_record_their_municipalitys_own_observations_and_nothing_else(places, users, api, token_for):
    from samverka.indicators.importing import places_ensure
    from samverka.indicators.models import Observation

    places_ensure()
    body = {
        "municipality": "arjeplog",
        "rows": [
            {"indicator": "egen-1", "name": "Deltagare i föräldrakurs", "period": "2025", "value": "14"},
            {"indicator": "egen-1", "period": "2024", "group": "T", "value": "9"},
        ],
    }
    response = api(token_for(users["editor"])).post("/api/v1/observations/import/", body)
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 2
    saved = Observation.objects.filter(indicator__source_id="egen-1")
    assert {o.place.code for o in saved} == {"2506"}
    assert api(token_for(users["other_editor"])).post("/api/v1/observations/import/", body).status_code == 403
    assert api(token_for(users["county"])).post("/api/v1/observations/import/", body).status_code == 403
    assert api().post("/api/v1/observations/import/", body).status_code == 401
    bad = {**body, "rows": [{"indicator": "egen-1", "period": "förra året", "value": "1"}]}
    assert api(token_for(users["editor"])).post("/api/v1/observations/import/", bad).status_code == 400
    assert saved.count() == 2
