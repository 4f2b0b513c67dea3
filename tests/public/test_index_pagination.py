"""The public index of all places is paged (50 municipalities a page, by county), so its cost does not
follow the size of the country."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.core.models import County, Municipality


def _names(html: str) -> list[str]:
    return re.findall(r'<li class="card"><a href="/p/[^"/]+/">([^<]+)</a>', html)


def _country(places, n):
    county = County.objects.create(code="99", name="Provlän", slug="provlan")
    Municipality.objects.bulk_create(
        [
            Municipality(
                code=f"99{i:02}", name=f"Provkommun {i:02}", slug=f"provkommun-{i:02}", county=county
            )
            for i in range(n)
        ]
    )


def test_the_index_shows_fifty_places_a_page_with_the_county_named_on_each(places, client):
    _country(places, 60)
    total = Municipality.objects.count()
    first = client.get("/p/").content.decode()
    assert len(_names(first)) == 50
    assert "Sida 1 av 2" in first and 'href="/p/?page=2" rel="next">Nästa<' in first
    second = client.get("/p/", {"page": 2}).content.decode()
    assert len(_names(second)) == total - 50
    assert _names(second)[-1] == "Provkommun 59"  # Provlän (code 99) comes last
    assert "<h2>Provlän</h2>" in second
    assert 'href="/p/" rel="prev">Föregående<' in second
    assert set(_names(first)).isdisjoint(_names(second))


def test_a_page_of_the_index_costs_the_same_queries_with_a_hundred_more_places(places, client):
    _country(places, 60)
    client.get("/p/")
    with CaptureQueriesContext(connection) as few:
        client.get("/p/", {"page": 2})
    Municipality.objects.bulk_create(
        [
            Municipality(
                code=f"98{i:02}",
                name=f"Fler {i:02}",
                slug=f"fler-{i:02}",
                county=County.objects.get(code="99"),
            )
            for i in range(100)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        page = client.get("/p/", {"page": 2}).content.decode()
    assert len(_names(page)) == 50 and "Sida 2 av 4" in page
    assert len(many) == len(few)
