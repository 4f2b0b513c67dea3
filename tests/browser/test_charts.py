"""Charts in a real browser at a phone's and a laptop's width: the drawing that fits is the one shown, no
chart is wider than the screen, the key events are listed, and axe finds nothing on the pages with charts
(the staff indicator page, a lägesbild, the readiness result, the public lägesbild)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import login, screenshot


def chart_pages():
    from samverka.indicators.models import Indicator
    from samverka.readiness.demo_data import ISSUE
    from samverka.readiness.models import Assessment
    from samverka.situation.models import SituationReport

    indicator = Indicator.objects.get(source_id="D00003")
    report = SituationReport.objects.get(title="Lägesbild Arjeplog 2023")
    assessment = Assessment.objects.get(issue=ISSUE)
    return [
        ("indicator", reverse("situation:indicator", args=["arjeplog", indicator.pk]), indicator.name),
        ("lagesbild", reverse("situation:report", args=[report.pk]), report.title),
        ("readiness-result", reverse("readiness:detail", args=[assessment.pk]), assessment.issue),
        (
            "public-lagesbild",
            reverse("public:situation_public:latest", args=["arjeplog"]),
            "Lägesbild – Arjeplog",
        ),
    ]


@pytest.mark.parametrize(("width", "shown", "hidden"), [(390, "narrow", "wide"), (1280, "wide", "narrow")])
def test_charts_fit_the_screen_and_pass_axe(page, demo, axe_clean, width, shown, hidden):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "arjeplog-samordnare")
    page.get_by_role("heading", name="Välkommen", exact=False).first.wait_for()
    for name, url, heading in chart_pages():
        page.goto(url)
        page.get_by_role("heading", name=heading, level=1, exact=False).wait_for()
        visible = page.locator(f".chart-{shown} svg")
        assert visible.count() >= 1, name
        assert visible.first.is_visible(), name
        assert not page.locator(f".chart-{hidden} svg").first.is_visible(), name
        for box in [visible.nth(i).bounding_box() for i in range(visible.count())]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
        # the chart's accessible name is its title
        title = visible.first.locator("title").text_content()
        assert page.get_by_role("img", name=title).first.is_visible(), name
        axe_clean(page)
        screenshot(page, f"charts-{name}-{width}")


def test_the_staff_indicator_page_lists_its_key_events_and_its_table(page, demo):
    from samverka.indicators.models import Indicator

    indicator = Indicator.objects.get(source_id="D00003")
    login(page, "arjeplog-samordnare")
    page.get_by_role("heading", name="Välkommen", exact=False).first.wait_for()
    page.goto(reverse("situation:indicator", args=["arjeplog", indicator.pk]))
    page.get_by_role("heading", name=indicator.name, level=1).wait_for()
    events = page.locator("ol.chart-events li")
    assert events.count() >= 1
    assert "Medborgarlöfte" in events.first.inner_text()
    table = page.get_by_role("table", name=f"Värden för {indicator.name}", exact=False)
    for column in ["Arjeplog", "Norrbottens län", "Riket"]:
        assert table.get_by_role("columnheader", name=column).is_visible()
    page.get_by_role("link", name="Flickor/kvinnor").click()
    page.get_by_text("Flickor/kvinnor", exact=True).first.wait_for()
    assert page.locator('strong[aria-current="page"]').inner_text() == "Flickor/kvinnor"
