"""Issue 16, Swedish that counts right: on Swedish pages and in the PDF a readiness result's scores have a
decimal comma ("3,25", never "3.25"), its history's dates read "28 november 2026", and the county
overview writes the scores the same way; in English the same numbers have a decimal point."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverka.readiness import selectors
from samverka.readiness.models import Event

pytestmark = pytest.mark.django_db


def _swedish(value) -> str:
    return str(value).replace(".", ",")


def _scores(result):
    return [result.overall.shown, *(d.shown for d in result.dimensions.values())]


def test_the_result_page_the_pdf_and_the_county_overview_write_scores_with_a_decimal_comma(
    readiness, users, client_for
):
    done = readiness["done"]
    result, _why = selectors.result_of(done)
    scores = _scores(result)
    assert all(s != s.to_integral_value() for s in scores[:1])  # the overall score has decimals
    Event.objects.create(
        assessment=done, kind=Event.Kind.MINIMUM_CHANGED, by=users["coordinator"], text="Prov"
    )
    Event.objects.filter(assessment=done, text="Prov").update(at="2026-11-28T10:00:00+01:00")

    coordinator = client_for(users["coordinator"])
    page = coordinator.get(done.get_absolute_url()).content.decode()
    main = page.split("<main", 1)[1]
    for score in scores:
        assert _swedish(score) in main, score
    assert f">{scores[0]}<" not in main and f" {scores[0]} " not in main  # no decimal point
    assert "28 november 2026 10:00 – Anna Lindqvist: Prov" in main

    pdf = coordinator.get(reverse("readiness:report", args=[done.pk]))
    text = " ".join("".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split())
    assert f"{_swedish(scores[0])} av 9" in text
    assert not re.search(r"\b\d\.\d\d\b", text)  # no score with a decimal point anywhere in the report

    county = (
        client_for(users["county"]).get(reverse("readiness:county", args=["norrbotten"])).content.decode()
    )
    row = county.split(done.issue, 1)[1].split("</tr>", 1)[0]
    for score in scores:
        assert _swedish(score) in row, score
    assert not re.search(r"<td>\d\.\d+</td>", row)


def test_in_english_the_same_scores_have_a_decimal_point(readiness, users, client_for):
    done = readiness["done"]
    result, _why = selectors.result_of(done)
    client = client_for(users["coordinator"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(done.get_absolute_url()).content.decode()
    assert str(result.overall.shown) in page.split("<main", 1)[1]
