"""Adopting a lägesbild freezes it: a real import and corrected values after adoption change neither its
staff page, its public page, its PDF nor its siffror.csv. A lägesbild with no values is not adopted."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverka.indicators.models import Indicator, Observation, Place
from samverka.situation.demo_data import DEMO_FILES
from samverka.situation.models import PartnerNote, SituationReport

pytestmark = pytest.mark.django_db


def _pages(report, staff, anonymous):
    public = anonymous.get(
        reverse("public:situation_public:detail", args=["arjeplog", report.pk])
    ).content.decode()
    csv = b"".join(
        anonymous.get(
            reverse("public:situation_public:export_csv", args=["arjeplog", report.pk])
        ).streaming_content
    ).decode("utf-8-sig")
    pdf = staff.get(reverse("situation:report_pdf", args=[report.pk])).content
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    page = staff.get(reverse("situation:report", args=[report.pk])).content.decode()
    # the staff page's own tables, without the form tokens that change on every request
    tables = re.findall(r"<table.*?</table>", page, flags=re.S)
    public = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", public)
    # each chart drawing gets fresh element ids; its values are in the tables beside it
    public = re.sub(r"<svg.*?</svg>", "<svg/>", public, flags=re.S)
    return {"public": public, "csv": csv, "pdf": pdf_text, "tables": tables, "page": page}


def _client(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_an_import_and_corrections_after_adoption_change_nothing_of_an_adopted_lagesbild(
    situation_demo, users
):
    report = situation_demo["report"]
    staff, anonymous = _client(users["coordinator"]), _client(None)
    before = _pages(report, staff, anonymous)
    assert "Fryst" in before["page"]
    assert "2023" in before["csv"] and "2024" not in before["csv"]

    # a real import of the 2024 values, through the import page
    with open(DEMO_FILES / "kolada-demo-2024.json", "rb") as handle:
        staff.post(reverse("situation:import", args=["arjeplog"]), {"file": handle})
    from samverka.indicators.models import ImportRun

    run = ImportRun.objects.get(file_name="kolada-demo-2024.json")
    assert staff.post(reverse("situation:import_confirm", args=[run.pk])).status_code == 302
    arjeplog_place = Place.objects.get(code="2506")
    narcotics = Indicator.objects.get(source="kolada", source_id="D00001")
    assert Observation.objects.filter(indicator=narcotics, place=arjeplog_place, period="2024").exists()
    # a corrected value of an adopted year, and a new public note of the report's year
    Observation.objects.filter(indicator=narcotics, place=arjeplog_place, period="2023", group="T").update(
        value=999
    )
    PartnerNote.objects.create(
        municipality=report.municipality,
        organisation=report.municipality.organisations.first(),
        date="2023-12-01",
        period="2023",
        title="Sen iakttagelse",
        text="Skrevs efter antagandet.",
        is_public=True,
    )

    after = _pages(report, staff, anonymous)
    assert after["csv"] == before["csv"]
    assert after["public"] == before["public"]
    assert after["pdf"] == before["pdf"]
    assert after["tables"] == before["tables"]
    assert "Sen iakttagelse" not in after["page"] and "999" not in after["csv"]

    # back to draft it is live again: a new draft starts from the newest data
    staff.post(reverse("situation:report_adopt", args=[report.pk]), {"status": "draft"})
    live = staff.get(reverse("situation:report", args=[report.pk])).content.decode()
    assert "Sen iakttagelse" in live and "Fryst" not in live
    assert '<th scope="row">2024</th>' in live


def test_adopting_a_lagesbild_with_no_values_is_refused_and_changes_nothing(
    situation_demo, users, client_for
):
    from samverka.situation import services

    report = services.report_create(
        user=users["coordinator"],
        owner=situation_demo["report"].municipality,
        title="Tom lägesbild",
        period="2026",
    )
    client = client_for(users["coordinator"])
    response = client.post(
        reverse("situation:report_adopt", args=[report.pk]), {"status": "adopted"}, follow=True
    )
    assert "En lägesbild utan värden kan inte antas" in response.content.decode()
    report.refresh_from_db()
    assert report.status == SituationReport.Status.DRAFT
    assert report.adopted_at is None and report.snapshot is None


def test_the_demo_lagesbild_of_2019_shows_no_values_after_its_adoption_year(
    situation_demo, users, client_for
):
    shared = situation_demo["shared"]
    page = (
        client_for(users["coordinator"]).get(reverse("situation:report", args=[shared.pk])).content.decode()
    )
    periods = set(re.findall(r"<th scope=\"row\">(\d{4})</th>", page))
    assert periods and max(periods) == "2019"
