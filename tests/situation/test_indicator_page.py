"""The staff indicator page /lagesbild/<slug>/indikator/<id>/: the indicator over time for the municipality
with its county and the country, the key events and the target, its chart and its table (it once showed
nothing at all: a context variable named `block` is hidden by Django's {% block %})."""

import html
import re

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from samverka.core.charts import date_x
from samverka.indicators.models import Indicator, Observation, Place
from samverka.situation import selectors
from samverka.situation.models import SituationReport

pytestmark = pytest.mark.django_db


def shown(value) -> str:
    with translation.override("sv"):
        return str(floatformat(value, "-1g"))


def table_of(page: str) -> str:
    return page[page.index("<table") : page.index("</table>")]


def cells(row_html: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", row_html)]


@pytest.fixture
def crimes(situation_demo):
    """The demo's reported drug crimes: values for Arjeplog, Norrbotten and the country, total and by sex."""
    return Indicator.objects.get(source_id="D00001")


def url(indicator, slug="arjeplog", group=None):
    address = reverse("situation:indicator", args=[slug, indicator.pk])
    return address + (f"?grupp={group}" if group else "")


def test_the_page_shows_the_values_over_time_with_county_and_country(crimes, users, client_for):
    page = client_for(users["coordinator"]).get(url(crimes)).content.decode()
    assert f"<h1>{html.escape(crimes.name)}</h1>" in page
    table = table_of(page)
    headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert headers == ["Period", "Arjeplog", "Norrbottens län", "Riket"]
    places = [
        Place.objects.get(municipality__slug="arjeplog"),
        Place.objects.get(kind="county", name="Norrbottens län"),
        Place.objects.get(code="0000"),
    ]
    values = {
        (o.place_id, o.period): o.value
        for o in Observation.objects.filter(indicator=crimes, group="T", place__in=places)
    }
    periods = sorted({period for _place, period in values})
    assert len(periods) >= 3
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table)
    assert [period for period, _cells in rows] == periods
    for period, row in rows:
        expected = [
            shown(values[(place.pk, period)]) if (place.pk, period) in values else "–" for place in places
        ]
        assert cells(row) == expected, period
    # the chart: an accessible SVG for each width, named by the indicator and described in words
    assert page.count('<svg role="img" aria-labelledby=') == 2
    assert f">{html.escape(crimes.name)}</title>" in page
    assert f"från {periods[0]} till {periods[-1]} för Arjeplog, Norrbottens län, Riket" in page


def test_the_key_events_are_numbered_and_listed_under_the_chart(crimes, places, users, client_for):
    page = client_for(users["coordinator"]).get(url(crimes)).content.decode()
    years = [
        int(p[:4]) for p in Observation.objects.filter(indicator=crimes).values_list("period", flat=True)
    ]
    # the chart marks the events from half a year before the first value to a year after the last
    inside = sorted(
        (day, label)
        for day, label in selectors.events_for(places["arjeplog"], public=False)
        if min(years) - 0.5 <= date_x(day) <= max(years) + 1
    )
    assert inside, "the demo has key events within the indicator's years"
    assert "Händelser i diagrammet" in page
    listed = re.findall(r'<li value="(\d+)"><time datetime="([\d-]+)">[^<]+</time> – ([^<]+)</li>', page)
    assert [(int(n), day, html.unescape(label)) for n, day, label in listed] == [
        (number, day.isoformat(), str(label)) for number, (day, label) in enumerate(inside, start=1)
    ]


def test_the_target_of_the_latest_lagesbild_is_shown(crimes, users, client_for):
    report = SituationReport.objects.get(title="Lägesbild Arjeplog 2023")
    entry, _created = report.report_indicators.get_or_create(indicator=crimes, group="T")
    entry.target_value, entry.target_label = 180, "Mål i lägesbilden"
    entry.save()
    page = client_for(users["coordinator"]).get(url(crimes)).content.decode()
    assert "Mål: 180 Mål i lägesbilden" in page
    assert "Mållinjen ligger på 180." in page


def test_a_group_is_chosen_by_its_link_and_only_groups_with_values_are_offered(crimes, users, client_for):
    client = client_for(users["coordinator"])
    page = client.get(url(crimes)).content.decode()
    assert '<strong aria-current="page">Totalt</strong>' in page
    assert '<a href="?grupp=K">Flickor/kvinnor</a>' in page and '<a href="?grupp=M">Pojkar/män</a>' in page
    assert "?grupp=y9" not in page  # no values in year 9 for this indicator
    women = client.get(url(crimes, group="K")).content.decode()
    assert '<strong aria-current="page">Flickor/kvinnor</strong>' in women
    place = Place.objects.get(municipality__slug="arjeplog")
    latest = Observation.objects.filter(indicator=crimes, group="K", place=place).order_by("-period").first()
    row = re.search(rf'<tr><th scope="row">{latest.period}</th>(.*?)</tr>', table_of(women)).group(1)
    assert cells(row)[0] == shown(latest.value)
    # a group without values (or a made-up one) falls back to one that has them
    assert (
        '<strong aria-current="page">Totalt</strong>' in client.get(url(crimes, group="y9")).content.decode()
    )


def test_a_survey_indicator_without_a_total_shows_its_first_group(situation_demo, users, client_for):
    snus = Indicator.objects.get(source_id="SK-SNUS")
    page = client_for(users["coordinator"]).get(url(snus)).content.decode()
    assert "Inga värden ännu." not in page
    assert '<strong aria-current="page">' in page
    assert page.count('<svg role="img"') == 2


def test_the_county_board_reads_the_page(crimes, users, client_for):
    page = client_for(users["county"]).get(url(crimes))
    assert page.status_code == 200
    assert '<th scope="col">Riket</th>' in page.content.decode()


def test_another_municipalitys_people_and_the_anonymous_visitor_get_nothing(crimes, users, client_for):
    assert client_for(users["other_editor"]).get(url(crimes)).status_code == 404
    assert client_for(users["outsider"]).get(url(crimes)).status_code == 404
    response = client_for(users["anonymous"]).get(url(crimes))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
