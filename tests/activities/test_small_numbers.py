"""Small numbers (issue 17, finding 12): an activity's yearly reach below 5 is never published as a
number – "färre än 5" on the page, the embed and the CSV; `null` with `reach_per_year_suppressed` in the
page's JSON, the API and open data."""

import csv
import io
import json

import pytest
from django.urls import reverse


@pytest.fixture
def small(make_activity):
    return make_activity(title="Liten samtalsgrupp", reach_per_year=3)


@pytest.fixture
def large(make_activity):
    return make_activity(title="Stor föräldrakurs", reach_per_year=120)


def _dd_after(text, label):
    start = text.index(f"<dt>{label}</dt><dd>") + len(f"<dt>{label}</dt><dd>")
    return text[start : text.index("</dd>", start)]


def test_the_public_page_says_fewer_than_5_for_a_reach_of_three(small, large, client):
    page = client.get(
        reverse("public:activities_public:detail", args=["arjeplog", small.pk])
    ).content.decode()
    assert _dd_after(page, "Deltagare per år") == "färre än 5"
    page = client.get(
        reverse("public:activities_public:detail", args=["arjeplog", large.pk])
    ).content.decode()
    assert _dd_after(page, "Deltagare per år") == "120"


def test_the_public_json_gives_null_and_suppressed(small, large, client):
    data = client.get(reverse("public:activities_public:json", args=["arjeplog"])).json()
    items = {a["title"]: a for g in data["arenas"] for a in g["activities"]}
    assert items["Liten samtalsgrupp"]["reach_per_year"] is None
    assert items["Liten samtalsgrupp"]["reach_per_year_suppressed"] is True
    assert items["Stor föräldrakurs"]["reach_per_year"] == 120
    assert items["Stor föräldrakurs"]["reach_per_year_suppressed"] is False
    assert (
        "Liten samtalsgrupp"
        in client.get(reverse("public:activities_public:embed", args=["arjeplog"])).content.decode()
    )


@pytest.mark.parametrize("who", ["anonymous", "county", "other_editor", "coordinator"])
def test_the_api_gives_null_and_suppressed(small, large, users, client_for, who):
    client = client_for(users[who])
    item = client.get(f"/api/v1/activities/{small.pk}/").json()
    assert item["reach_per_year"] is None and item["reach_per_year_suppressed"] is True
    item = client.get(f"/api/v1/activities/{large.pk}/").json()
    assert item["reach_per_year"] == 120 and item["reach_per_year_suppressed"] is False


def test_open_data_json_and_csv_never_carry_three(small, large, client):
    data = json.loads(b"".join(client.get("/p/arjeplog/data.json").streaming_content))
    items = {a["title"]: a for a in data["municipalities"][0]["activities"]}
    assert items["Liten samtalsgrupp"]["reach_per_year"] is None
    assert items["Liten samtalsgrupp"]["reach_per_year_suppressed"] is True
    text = b"".join(client.get("/p/arjeplog/data.csv").streaming_content).decode("utf-8-sig")
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert rows["Liten samtalsgrupp"]["reach_per_year"] == "färre än 5"
    assert rows["Stor föräldrakurs"]["reach_per_year"] == "120"


def test_an_editor_can_still_write_a_small_reach_through_the_api(small, users, client_for):
    client = client_for(users["coordinator"])
    version = client.get(f"/api/v1/activities/{small.pk}/").json()["version"]
    response = client.patch(
        f"/api/v1/activities/{small.pk}/",
        {"reach_per_year": 2, "version": version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    small.refresh_from_db()
    assert small.reach_per_year == 2
    assert response.json()["reach_per_year_suppressed"] is True
