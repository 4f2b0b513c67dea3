"""The public lägesbild and its export: only adopted documents, only public parts, no count below 5."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.core.smallnumbers import FEWER_THAN_5, public_count, public_value
from samverka.situation.models import ActivityCount, PartnerNote, Problem, SituationReport
from tests.situation.conftest import readopt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "shown"),
    [(0, "färre än 5"), (1, "färre än 5"), (4, "färre än 5"), (5, 5), (120, 120), (None, None)],
)
def test_counts_below_5_read_fewer_than_5(number, shown):
    with translation.override("sv"):
        result = public_count(number)
        assert (str(result) if result is not None and not isinstance(result, int) else result) == shown


def test_values_are_suppressed_only_for_count_indicators():
    assert public_value(3, is_count=False) == 3
    assert public_value(3, is_count=True) is FEWER_THAN_5


def visible_numbers_below_5_in_counts(html: str) -> list[str]:
    """Numbers shown in the activity count table's last column, and "(antal n)" in indicator tables."""
    table = html.split("Vad partner gjort")[1] if "Vad partner gjort" in html else html
    cells = re.findall(r"<td>(\d+)</td></tr>", table)
    inline = re.findall(r"\(antal (\d+)\)", html)
    return [n for n in cells + inline if int(n) < 5]


def test_the_public_lagesbild_shows_public_parts_and_no_small_numbers(situation_demo, client):
    report = situation_demo["report"]
    # a count indicator with a small value, and a survey row with a small count, in the chosen indicators
    ri = report.report_indicators.get(indicator__source_id="SK-ALK")
    assert ri.group == "y9"
    response = client.get("/p/arjeplog/lagesbild/")
    html = response.content.decode()
    assert response.status_code == 200
    assert report.title in html
    assert "färre än 5" in html  # the demo's 3 concern talks, 2 mediations and the survey's small counts
    assert visible_numbers_below_5_in_counts(html) == []
    for note in PartnerNote.objects.filter(municipality=report.municipality, is_public=False):
        assert note.title not in html and note.text[:30] not in html
    for problem in Problem.objects.filter(report=report, is_public=False):
        assert problem.title not in html and problem.cause_analysis[:30] not in html
    assert "Underlaget bygger på Kolada" not in html  # the internal summary stays internal
    assert "Kommunen och polisen har tillsammans" in html  # the public summary shows


def test_a_count_indicator_below_5_is_suppressed_in_table_and_chart(situation_demo, client):
    from samverka.indicators.models import Indicator, Observation, Place
    from samverka.situation.models import ReportIndicator

    indicator = Indicator.objects.create(
        source="own", source_id="orosamtal-unga", name_sv="Orosamtal med unga", is_count=True
    )
    place = Place.objects.get(code="2506")
    for year, value in [(2021, 3), (2022, 12), (2023, 2)]:
        Observation.objects.create(indicator=indicator, place=place, period=str(year), value=value)
    ReportIndicator.objects.create(report=situation_demo["report"], indicator=indicator, order=9)
    readopt(situation_demo["report"])
    html = client.get("/p/arjeplog/lagesbild/").content.decode()
    block = html.split("Värden för Orosamtal med unga")[1]
    table = block.split("<tbody>")[1].split("</tbody>")[0]
    assert table.count("färre än 5") == 2 and "<td>12</td>" in table
    assert re.search(r"<td>[0-4]</td>", table) is None


def test_drafts_are_not_public(situation_demo, client):
    report = situation_demo["report"]
    SituationReport.objects.filter(pk=report.pk).update(status="draft")
    html = client.get("/p/arjeplog/lagesbild/").content.decode()
    assert report.title not in html
    assert (
        client.get(reverse("public:situation_public:detail", args=["arjeplog", report.pk])).status_code == 404
    )
    assert (
        client.get(reverse("public:situation_public:export_csv", args=["arjeplog", report.pk])).status_code
        == 404
    )


def test_a_collaboration_report_or_another_municipalitys_is_not_found_under_a_slug(situation_demo, client):
    shared = situation_demo["shared"]
    assert (
        client.get(reverse("public:situation_public:detail", args=["arjeplog", shared.pk])).status_code == 404
    )
    report = situation_demo["report"]
    assert client.get(reverse("public:situation_public:detail", args=["pitea", report.pk])).status_code == 404
    assert client.get("/p/atlantis/lagesbild/").status_code == 404


def test_the_public_export_never_has_a_count_below_5_or_an_internal_note(situation_demo, client):
    report = situation_demo["report"]
    ActivityCount.objects.filter(municipality=report.municipality).update(number=1)
    readopt(report)
    response = client.get(reverse("public:situation_public:export_csv", args=["arjeplog", report.pk]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][9:12] == ["Värde", "Antal", "Antal svarande"]
    for row in rows[1:]:
        for cell in (row[10], row[11]):  # counts and denominators are people
            if cell.isdigit():
                assert int(cell) >= 5, row
    response = client.get(reverse("public:situation_public:counts_csv", args=["arjeplog", report.pk]))
    counts_body = b"".join(response.streaming_content).decode("utf-8-sig")
    counts = list(csv.reader(io.StringIO(counts_body), delimiter=";"))
    assert counts[0] == ["Typ", "Organisation", "År", "Kvartal", "Antal"]
    assert len(counts) > 1 and all(row[4] == "färre än 5" for row in counts[1:])
    internal = PartnerNote.objects.filter(municipality=report.municipality, is_public=False).first()
    assert internal.title not in body and internal.title not in counts_body


def test_the_public_page_of_the_municipality_links_the_lagesbild(situation_demo, client):
    html = client.get("/p/arjeplog/").content.decode()
    assert reverse("public:situation_public:latest", args=["arjeplog"]) in html
