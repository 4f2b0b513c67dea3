"""The county table of readiness (/beredskap/lan/<county>/) says what an empty row means (issue 12):
every municipality of the county has a row, and one without a result says why – not shared, preliminary
or no assessment – instead of being left out or left blank."""

import re

import pytest
from django.urls import reverse

from samverka.readiness.models import Assessment

pytestmark = pytest.mark.django_db


def row_of(page, municipality):
    """The text of the table row that starts with the municipality's name."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        if cells and cells[0] == municipality:
            return cells
    return None


def county_page(client_for, users):
    response = client_for(users["county"]).get(reverse("readiness:county", args=["norrbotten"]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_municipality_has_a_row_and_an_empty_one_says_why(readiness, users, client_for):
    done, ongoing = readiness["done"], readiness["ongoing"]
    Assessment.objects.filter(pk=done.pk).update(published=False, shared_with_county=True)
    page = county_page(client_for, users)
    arjeplog = row_of(page, "Arjeplog")
    assert arjeplog[1].startswith(done.issue) and arjeplog[3:9] != ["", "", "", "", "", ""]
    assert row_of(page, "Kiruna") == ["Kiruna", "Ingen mätning"]
    assert row_of(page, "Piteå") == ["Piteå", "Ingen mätning"]
    assert "”Inte delat” – kommunen har en mätning" in page

    # Arjeplog's only result taken back from the county board: its row says so, and shows nothing of it
    Assessment.objects.filter(pk=done.pk).update(shared_with_county=False)
    page = county_page(client_for, users)
    assert row_of(page, "Arjeplog") == ["Arjeplog", "Inte delat"]
    assert done.issue not in page

    # the ongoing one completed and shared, but with one of four interviews agreed: preliminary
    Assessment.objects.filter(pk=ongoing.pk).update(completed=True, shared_with_county=True)
    page = county_page(client_for, users)
    assert row_of(page, "Arjeplog") == ["Arjeplog", "Preliminärt"]
    assert ongoing.issue not in page


def test_the_dimension_columns_are_letters_named_in_the_key(readiness, users, client_for):
    Assessment.objects.filter(pk=readiness["done"].pk).update(shared_with_county=True)
    page = county_page(client_for, users)
    assert '<th scope="col"><abbr title="Insatser i samhället">A</abbr></th>' in page
    assert "Dimensionerna: A Insatser i samhället, B " in page
