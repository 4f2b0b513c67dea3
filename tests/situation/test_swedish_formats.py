"""Issue 16, Swedish that counts right: a lägesbild's values on Swedish pages have a decimal comma and a
non-breaking space between thousands ("12 345,6"), in the staff page, the public page and the PDF;
English pages write "12,345.6"."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.situation.conftest import readopt

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def big_value(situation_demo):
    from samverka.indicators.models import Indicator, Observation, Place
    from samverka.situation.models import ReportIndicator

    indicator = Indicator.objects.create(
        source="own", source_id="besok-fritidsgard", name_sv="Besök på fritidsgård"
    )
    place = Place.objects.get(code="2506")
    Observation.objects.create(indicator=indicator, place=place, period="2023", value="12345.6")
    ReportIndicator.objects.create(report=situation_demo["report"], indicator=indicator, order=9)
    readopt(situation_demo["report"])
    return situation_demo["report"]


def _table(html):
    block = html.split("Besök på fritidsgård</caption>")[1]
    return block.split("<tbody>")[1].split("</tbody>")[0]


def test_swedish_pages_and_the_pdf_write_thousands_with_a_space_and_a_decimal_comma(
    big_value, users, client, client_for
):
    public = client.get("/p/arjeplog/lagesbild/").content.decode()
    assert f"<td>12{NBSP}345,6</td>" in _table(public)
    staff = client_for(users["coordinator"])
    page = staff.get(big_value.get_absolute_url()).content.decode()
    table = _table(page)
    assert f"<td>12{NBSP}345,6</td>" in table
    assert "12345" not in table and "12,345" not in table
    pdf = staff.get(reverse("situation:report_pdf", args=[big_value.pk]))
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "12 345,6" in text.replace(NBSP, " ")
    assert "12,345.6" not in text


def test_english_pages_write_a_thousands_comma_and_a_decimal_point(big_value, users, client_for):
    staff = client_for(users["coordinator"])
    staff.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = staff.get(big_value.get_absolute_url()).content.decode()
    assert "<td>12,345.6</td>" in _table(page)
