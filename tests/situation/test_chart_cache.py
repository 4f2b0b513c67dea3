"""A changed indicator value shows at once in its chart on every page that shows it (charts are cached
by what they show: core/charts.py)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.core.test_chart_cache import wide_charts

pytestmark = pytest.mark.django_db


def test_a_changed_indicator_value_shows_at_once_on_the_indicator_page_and_the_lagesbild(
    situation_demo, users, client_for, drawn
):
    from samverka.indicators.models import Observation, Place
    from samverka.situation.models import SituationReport

    report = situation_demo["report"]
    # a draft lägesbild shows today's values (an adopted one keeps those of its adoption day)
    SituationReport.objects.filter(pk=report.pk).update(status="draft", snapshot=None, adopted_at=None)
    entry = report.report_indicators.select_related("indicator").first()
    indicator = entry.indicator
    client = client_for(users["coordinator"])
    indicator_page = reverse("situation:indicator", args=["arjeplog", indicator.pk]) + f"?grupp={entry.group}"
    report_page = reverse("situation:report", args=[report.pk])

    def chart_on_indicator_page():
        (chart,) = wide_charts(client.get(indicator_page).content.decode())
        return chart

    def chart_on_report_page():
        page = client.get(report_page).content.decode()
        section = page[page.index(f">{indicator.name}</h3>") :]
        return wide_charts(section)[0]

    before = chart_on_indicator_page()
    assert chart_on_report_page() == before  # the same chart, drawn once for both pages
    draws = drawn["line"]
    chart_on_indicator_page()
    assert drawn["line"] == draws  # served from the cache

    own = Place.objects.get(municipality=report.municipality)
    latest = Observation.objects.filter(indicator=indicator, group=entry.group, place=own).order_by(
        "-period"
    )[0]
    Observation.objects.filter(pk=latest.pk).update(value=latest.value * 2)

    after = chart_on_indicator_page()
    assert after != before
    assert chart_on_report_page() == after
    cache.clear()
    assert chart_on_indicator_page() == after  # what the cache served is what a fresh drawing gives
