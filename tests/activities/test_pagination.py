"""The catalogue lists (staff, public, public JSON) show 50 activities a page, with "Föregående" /
"Nästa" links that keep the filters and "Sida 2 av 2"; the cost of a page does not grow with the list."""

import re

import pytest
from django.urls import reverse

from samverka.activities.models import Activity, Arena, Status


@pytest.fixture
def sixty(places):
    """Sixty published activities in Arjeplog: 40 at school, 20 in leisure time, titles 00–59."""
    Activity.objects.bulk_create(
        [
            Activity(
                municipality=places["arjeplog"],
                title=f"Aktivitet {i:02}",
                arena=Arena.SCHOOL if i < 40 else Arena.LEISURE,
                status=Status.ACTIVE,
                published=True,
            )
            for i in range(60)
        ]
    )


def _titles(html: str) -> list[str]:
    return re.findall(r">(Aktivitet \d\d)</a>", html)


def _links(html: str) -> dict:
    nav = html[html.index('class="pagination"') :]
    nav = nav[: nav.index("</nav>")]
    return {
        "previous": re.findall(r'href="([^"]+)" rel="prev">Föregående<', nav),
        "next": re.findall(r'href="([^"]+)" rel="next">Nästa<', nav),
        "where": " ".join(re.findall(r'aria-current="page">([^<]+)<', nav)),
    }


def test_the_staff_list_shows_fifty_a_page_with_links_that_keep_the_filters(sixty, users, client_for):
    client = client_for(users["coordinator"])
    url = reverse("activities:municipality", args=["arjeplog"])
    first = client.get(url, {"status": "active"}).content.decode()
    assert _titles(first) == [f"Aktivitet {i:02}" for i in range(50)]  # school first, in title order
    links = _links(first)
    assert links["where"] == "Sida 1 av 2" and links["previous"] == []
    assert links["next"] == [f"{url}?status=active&amp;page=2"]
    assert "Visade aktiviteter: 60" in first
    second = client.get(url, {"status": "active", "page": "2"}).content.decode()
    assert _titles(second) == [f"Aktivitet {i:02}" for i in range(50, 60)]
    links = _links(second)
    assert links["where"] == "Sida 2 av 2" and links["next"] == []
    assert links["previous"] == [f"{url}?status=active"]


def test_the_staff_list_keeps_a_filter_across_pages_and_an_odd_page_number_shows_a_page(
    sixty, users, client_for
):
    client = client_for(users["coordinator"])
    url = reverse("activities:municipality", args=["arjeplog"])
    leisure = client.get(url, {"arena": Arena.LEISURE}).content.decode()
    assert _titles(leisure) == [f"Aktivitet {i:02}" for i in range(40, 60)]
    assert 'class="pagination"' not in leisure  # one page: no page links
    assert _titles(client.get(url, {"page": "x"}).content.decode())[0] == "Aktivitet 00"
    assert _titles(client.get(url, {"page": "99"}).content.decode())[-1] == "Aktivitet 59"


def test_a_staff_page_costs_the_same_queries_with_ten_more_activities(
    sixty, users, client_for, queries_do_not_grow, make_activity
):
    client = client_for(users["coordinator"])
    url = reverse("activities:municipality", args=["arjeplog"])
    queries_do_not_grow(
        lambda: client.get(url),
        lambda i: make_activity(areas=["alcohol", "doping"]),
        lambda response: int(re.search(r"Visade aktiviteter: (\d+)", response.content.decode())[1]),
    )


def test_the_public_catalogue_and_its_json_are_paged(sixty, client):
    url = reverse("public:activities_public:list", args=["arjeplog"])
    first = client.get(url).content.decode()
    assert len(re.findall(r">Aktivitet \d\d</a></h3>", first)) == 50
    assert _links(first)["where"] == "Sida 1 av 2"
    assert _links(first)["next"] == [f"{url}?page=2"]
    second = client.get(url, {"page": 2}).content.decode()
    assert re.findall(r">(Aktivitet \d\d)</a></h3>", second) == [f"Aktivitet {i:02}" for i in range(50, 60)]
    assert "Inga publicerade aktiviteter" not in second  # arenas empty on this page are left out

    json_url = reverse("public:activities_public:json", args=["arjeplog"])
    data = client.get(json_url).json()
    assert data["count"] == 60 and data["page"] == 1 and data["pages"] == 2 and data["previous"] is None
    assert sum(len(g["activities"]) for g in data["arenas"]) == 50
    assert data["next"] == f"http://testserver{json_url}?page=2"
    last = client.get(data["next"]).json()
    assert [a["title"] for g in last["arenas"] for a in g["activities"]] == [
        f"Aktivitet {i:02}" for i in range(50, 60)
    ]
    assert last["next"] is None and last["previous"] == f"http://testserver{json_url}"
