"""Every API list costs the same number of queries with ten more records, for a visitor and for a signed-in
editor (whose lists also hold their municipality's internal records). The readiness list is left to the
readiness app's own tests."""

from decimal import Decimal

import pytest

from samverka.core.models import Collaboration, County, Municipality, Organisation
from samverka.promises import services as promise_services
from tests.activities.conftest import make_activity  # noqa: F401 (fixtures used below)
from tests.promises.conftest import make_promise, today  # noqa: F401

WHO = ["anonymous", "editor"]


@pytest.fixture
def listing(api, token_for, users):
    """listing(who, path) -> fetch(), count(response) for queries_do_not_grow."""

    def make(who, path):
        client = api(token_for(users[who])) if users[who].is_authenticated else api()

        def fetch():
            response = client.get(f"{path}?limit=100")
            assert response.status_code == 200, response.content
            return response

        return fetch, lambda response: len(response.json()["results"])

    return make


@pytest.mark.parametrize("who", WHO)
def test_the_county_list_costs_the_same_queries_with_ten_more_counties(
    places, listing, queries_do_not_grow, who
):
    def add(i):
        County.objects.create(code=f"{70 + i}", name=f"Län {i}", slug=f"lan-{i}")

    queries_do_not_grow(*_with_add(listing(who, "/api/v1/counties/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_municipality_list_costs_the_same_queries_with_ten_more_municipalities(
    places, listing, queries_do_not_grow, who
):
    county = places["arjeplog"].county

    def add(i):
        Municipality.objects.create(code=f"99{i:02}", name=f"Kommun {i}", slug=f"kommun-{i}", county=county)

    queries_do_not_grow(*_with_add(listing(who, "/api/v1/municipalities/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_organisation_list_costs_the_same_queries_with_ten_more_organisations(
    places, listing, queries_do_not_grow, who
):
    parent = places["orgs"]["arjeplogs-kommun"]

    def add(i):
        organisation = Organisation.objects.create(
            name=f"Förening {i}", slug=f"forening-{i}", kind=Organisation.Kind.ASSOCIATION, parent=parent
        )
        organisation.municipalities.set([places["arjeplog"], places["pitea"]])

    queries_do_not_grow(*_with_add(listing(who, "/api/v1/organisations/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_collaboration_list_costs_the_same_queries_with_ten_more_collaborations(
    places, listing, queries_do_not_grow, who
):
    def add(i):
        collaboration = Collaboration.objects.create(name=f"Samverkan {i}", slug=f"samverkan-{i}")
        collaboration.municipalities.set([places["arjeplog"], places["pitea"]])
        collaboration.organisations.set(list(places["orgs"].values())[:3])

    queries_do_not_grow(*_with_add(listing(who, "/api/v1/collaborations/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_activity_list_costs_the_same_queries_with_ten_more_activities(
    make_activity,  # noqa: F811
    listing,
    queries_do_not_grow,
    who,
):
    make_activity(factors=["truancy"])

    def add(i):
        make_activity(areas=["alcohol", "doping"], factors=["truancy", "school_success"])

    queries_do_not_grow(*_with_add(listing(who, "/api/v1/activities/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_promise_list_costs_the_same_queries_with_ten_more_promises(
    make_promise,  # noqa: F811
    listing,
    queries_do_not_grow,
    who,
):
    make_promise("active")
    queries_do_not_grow(*_with_add(listing(who, "/api/v1/promises/"), lambda i: make_promise("active")))


@pytest.mark.parametrize("who", WHO)
def test_the_follow_up_list_costs_the_same_queries_with_ten_more_follow_ups(
    make_promise,  # noqa: F811
    today,  # noqa: F811
    users,
    listing,
    queries_do_not_grow,
    who,
):
    def add(i):
        promise = make_promise("active")
        promise_services.follow_up_create(
            user=users["police"],
            commitment=promise.commitments.get(),
            date=today,
            description=f"Föräldrakväll {i}",
            amount=Decimal(1),
            participants=20 + i,
        )

    add(-1)
    queries_do_not_grow(*_with_add(listing(who, "/api/v1/follow-ups/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_indicator_list_costs_the_same_queries_with_ten_more_indicators(
    places, listing, queries_do_not_grow, who
):
    from samverka.indicators.models import Indicator

    def add(i):
        Indicator.objects.create(source="own", source_id=f"x{i}", name_sv=f"Indikator {i}", is_count=True)

    add(-1)
    queries_do_not_grow(*_with_add(listing(who, "/api/v1/indicators/"), add))


@pytest.mark.parametrize("who", WHO)
def test_the_observation_list_costs_the_same_queries_with_ten_more_observations(
    places, listing, queries_do_not_grow, who
):
    from samverka.indicators.importing import places_ensure
    from samverka.indicators.models import Indicator, Observation, Place

    places_ensure()
    indicator = Indicator.objects.create(source="own", source_id="x1", name_sv="Ingripanden", is_count=True)
    place = Place.objects.get(municipality=places["arjeplog"])

    def add(i):
        Observation.objects.create(indicator=indicator, place=place, period=str(2000 + i), value=Decimal(i))

    add(-1)
    queries_do_not_grow(*_with_add(listing(who, "/api/v1/observations/"), add))


def _with_add(fetch_and_count, add):
    fetch, count = fetch_and_count
    return fetch, add, count
