"""The lägesbild PDF renders with its charts; charts carry county and country lines, targets and events."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverka.situation.analysis import period_x, priority_order, trend

pytestmark = pytest.mark.django_db


def test_the_lagesbild_pdf_renders_with_its_charts(situation_demo, users, client_for):
    report = situation_demo["report"]
    response = client_for(users["coordinator"]).get(reverse("situation:report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert report.title in text
    assert "Norrbottens län" in text and "Riket" in text  # the comparison lines' data tables
    assert "Alkohol bland unga" in text
    # the charts are vector drawings: many path operators ("l" line-to, "c" curve-to) on the chart pages
    drawn = sum(page.get_contents().get_data().count(b" l\n") for page in reader.pages)
    assert drawn > 100


def test_an_indicator_chart_has_a_line_per_place_a_target_and_numbered_key_events():
    import datetime

    from samverka.core.charts import line_chart

    chart = line_chart(
        "Test",
        "Linjediagram över testet",
        [
            ("Arjeplog", [(2021, 3), (2022, 4)]),
            ("Norrbottens län", [(2021, 2), (2022, 2.5)]),
            ("Riket", [(2021, 1)]),
        ],
        unit="%",
        target=(5, "Mål"),
        events=[
            (datetime.date(2022, 2, 1), "Aktivitet startad"),
            (datetime.date(2021, 6, 1), "Medborgarlöfte undertecknat"),
            (datetime.date(2010, 1, 1), "Långt före värdena"),
        ],
    )
    # the events within the values' years, numbered in date order, listed beneath the chart
    assert [(e.number, e.label) for e in chart.events] == [
        (1, "Medborgarlöfte undertecknat"),
        (2, "Aktivitet startad"),
    ]
    for svg in (chart.wide, chart.narrow):
        assert svg.startswith("<svg") and 'role="img"' in svg
        assert "<title" in svg and ">Test</title>" in svg and ">Linjediagram över testet</desc>" in svg


def test_two_charts_on_one_page_share_no_ids():
    from samverka.core.charts import line_chart

    first, second = (
        line_chart("A", "", [("X", [(2021, 1), (2022, 2)])]),
        line_chart("A", "", [("X", [(2021, 1), (2022, 2)])]),  # the same chart twice, from the cache
    )
    ids = re.findall(r'id="([^"]+)"', first.wide + first.narrow)
    assert ids and len(ids) == len(set(ids))
    assert not set(ids) & set(re.findall(r'id="([^"]+)"', second.wide + second.narrow))


def test_the_report_page_shows_county_and_country_beside_the_municipality(situation_demo, users, client_for):
    html = (
        client_for(users["coordinator"])
        .get(reverse("situation:report", args=[situation_demo["report"].pk]))
        .content.decode()
    )
    assert html.count("<svg") >= 3
    assert '<th scope="col">Norrbottens län</th>' in html and '<th scope="col">Riket</th>' in html


@pytest.mark.parametrize(("period", "x"), [("2023", 2023.0), ("2023-T2", 2023.5), ("2023-Q3", 2023.5)])
def test_periods_map_to_a_time_axis(period, x):
    assert period_x(period) == x


def test_trend_judges_by_what_a_higher_value_means():
    points = [("2021", 10), ("2022", 12)]
    assert trend(points, "worse")["judgement"] == "worse"
    assert trend(points, "better")["judgement"] == "better"
    assert trend([("2021", 10), ("2022", 10.1)], "worse")["change"] == "unchanged"
    assert trend([("2022", 10)])["change"] == "unknown"


def test_problems_are_ordered_by_total_then_by_influence():
    class P:
        def __init__(self, title, **scores):
            grounds = ["frequency", "trend", "exposure", "signal_value", "consequences", "influence"]
            self.title, self.scores = title, {g: 3 for g in grounds} | scores

    low = P("low", frequency=1)  # 16
    high = P("high", frequency=5, influence=2)  # 19
    same_total_more_influence = P("influence", frequency=4, influence=3, trend=2, exposure=4)  # 19
    assert [p.title for p in priority_order([low, high, same_total_more_influence])] == [
        "influence",
        "high",
        "low",
    ]
