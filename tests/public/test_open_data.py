"""Open data downloads: published data only, with a licence, from the API's serializers."""

import csv
import io
import json

import pytest

from samverka.activities import demo_data
from samverka.activities.models import Activity, Arena


@pytest.fixture
def catalogue(places):
    demo_data.load()
    draft = Activity.objects.create(
        municipality=places["arjeplog"], title="Hemligt utkast", arena=Arena.SCHOOL
    )
    return {
        "draft": draft,
        "published": Activity.objects.filter(published=True, municipality=places["arjeplog"]),
    }


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_a_municipalitys_json_holds_its_published_data_and_the_licence(catalogue, client, api):
    response = client.get("/p/arjeplog/data.json")
    assert response.status_code == 200 and 'rel="license"' in response["Link"]
    data = json.loads(body(response))
    assert "CC0" in data["licence"]["name"] and data["licence"]["note"]
    (arjeplog,) = data["municipalities"]
    assert arjeplog["municipality"]["slug"] == "arjeplog"
    titles = {a["title"] for a in arjeplog["activities"]}
    assert titles == set(catalogue["published"].values_list("title", flat=True))
    # the same serializer as the API: the same fields and values
    api_item = api().get(f"/api/v1/activities/{arjeplog['activities'][0]['id']}/").json()
    assert api_item == arjeplog["activities"][0]


def test_drafts_are_never_in_the_open_data(catalogue, client):
    for url in ["/p/arjeplog/data.json", "/p/arjeplog/data.csv", "/p/data.json", "/p/data.csv"]:
        assert "Hemligt utkast" not in body(client.get(url)), url


def test_the_csv_opens_in_excel_with_one_row_per_published_activity(catalogue, client):
    rows = list(csv.reader(io.StringIO(body(client.get("/p/arjeplog/data.csv"))), delimiter=";"))
    assert rows[0][:3] == ["municipality", "id", "title"]
    assert len(rows) - 1 == catalogue["published"].count()


def test_the_national_file_lists_every_municipality_at_a_bounded_cost_each(
    catalogue, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14 * 15 + 5):  # a fixed number per municipality
        data = json.loads(body(client.get("/p/data.json")))
    assert len(data["municipalities"]) == 14


def test_the_open_data_pages_are_linked_and_unknown_places_or_formats_are_404(catalogue, client):
    assert "/p/oppna-data/" in client.get("/p/").content.decode()
    assert "/p/arjeplog/oppna-data/" in client.get("/p/arjeplog/").content.decode()
    page = client.get("/p/arjeplog/oppna-data/").content.decode()
    assert "/p/arjeplog/data.json" in page and "CC0" in page
    assert client.get("/p/nowhere/data.json").status_code == 404
    assert client.get("/p/arjeplog/data.xml").status_code == 404


def test_open_data_holds_public_promises_and_published_readiness_results_only(catalogue, places, client):
    import datetime

    from samverka.promises import demo_data as promises_demo
    from samverka.promises.models import Promise
    from samverka.readiness import demo_data as readiness_demo
    from samverka.readiness.models import Assessment

    promises_demo.load()
    readiness_demo.load()
    Promise.objects.create(
        municipality=places["arjeplog"],
        title="Utkast till löfte",
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        start=datetime.date(2028, 1, 1),
        end=datetime.date(2028, 12, 31),
    )
    (arjeplog,) = json.loads(body(client.get("/p/arjeplog/data.json")))["municipalities"]
    titles = {p["title"] for p in arjeplog["promises"]}
    assert titles and "Utkast till löfte" not in titles
    assert {a["id"] for a in arjeplog["readiness"]} == {
        str(pk)
        for pk in Assessment.objects.filter(published=True, completed=True).values_list("pk", flat=True)
    }
    assert all(a["result"] for a in arjeplog["readiness"])


@pytest.mark.parametrize("path", ["/p/arjeplog/data.json", "/p/arjeplog/data.csv"])
def test_a_municipalitys_file_costs_the_same_queries_with_ten_more_activities(
    catalogue, places, client, queries_do_not_grow, path
):
    def add(i):
        activity = Activity.objects.create(
            municipality=places["arjeplog"], title=f"Öppen aktivitet {i}", arena=Arena.SCHOOL, published=True
        )
        activity.organisations.set([places["orgs"]["arjeplogs-kommun"]])

    queries_do_not_grow(lambda: client.get(path), add, r"Öppen aktivitet \d+")
