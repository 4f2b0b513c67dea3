"""Rendered charts are kept in the cache under a key made from what they show, so a chart is drawn once
and a change of its data shows at once on every page that shows it (one test per chart kind)."""

import datetime
import re

import pytest
from django.utils import translation

from samverka.core import charts

pytestmark = pytest.mark.django_db


def same(svg: str) -> str:
    """An SVG with its per-use id prefix taken out, to compare two uses of a chart."""
    return re.sub(r"c[0-9a-f]{10}-", "ID-", svg)


def wide_charts(page: str) -> list[str]:
    return [same(svg) for svg in re.findall(r'<div class="chart-wide">(<svg.*?</svg>)\s*</div>', page, re.S)]


def test_a_line_chart_is_drawn_once_and_again_when_its_data_changes(drawn):
    def chart(value, events=()):
        return charts.line_chart(
            "Brott", "Linjediagram", [("Arjeplog", [(2022, 3), (2023, value)])], events=events
        )

    first = chart(4)
    assert drawn["line"] == 2  # the wide and the narrow one
    again = chart(4)
    assert (
        drawn["line"] == 2
        and same(again.wide) == same(first.wide)
        and same(again.narrow) == same(first.narrow)
    )
    changed = chart(5)
    assert drawn["line"] == 4 and same(changed.wide) != same(first.wide)
    chart(5, events=[(datetime.date(2023, 3, 1), "Medborgarlöfte")])
    assert drawn["line"] == 6  # a new key event is a change too


def test_a_bar_chart_and_a_grouped_bar_chart_are_drawn_once_per_data(drawn):
    charts.bar_chart("Poäng", "Staplar", [("A", 3), ("B", 4)], limit=(0, 9), reference=(3.5, "Sammantaget"))
    charts.bar_chart("Poäng", "Staplar", [("A", 3), ("B", 4)], limit=(0, 9), reference=(3.5, "Sammantaget"))
    assert drawn["bar"] == 2
    charts.bar_chart(
        "Poäng", "Staplar", [("A", 3), ("B", 4.5)], limit=(0, 9), reference=(3.75, "Sammantaget")
    )
    assert drawn["bar"] == 4
    charts.grouped_bar_chart("Förändring", "Staplar", ["A", "B"], [("2025-01-01", [3, 4])])
    charts.grouped_bar_chart("Förändring", "Staplar", ["A", "B"], [("2025-01-01", [3, 4])])
    assert drawn["grouped"] == 2
    charts.grouped_bar_chart(
        "Förändring", "Staplar", ["A", "B"], [("2025-01-01", [3, 4]), ("2026-01-01", [5, 4])]
    )
    assert drawn["grouped"] == 4


def test_the_language_is_part_of_what_a_chart_shows(drawn):
    with translation.override("sv"):
        swedish = charts.line_chart("A", "", [("X", [(2022, 1.5), (2023, 2.5)])])
    with translation.override("en"):
        english = charts.line_chart("A", "", [("X", [(2022, 1.5), (2023, 2.5)])])
    assert drawn["line"] == 4  # decimal comma and decimal point are drawn apart
    assert same(swedish.wide) != same(english.wide)


def test_a_cache_that_is_down_costs_a_drawing_not_the_page(drawn, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(charts.cache, "get", down)
    monkeypatch.setattr(charts.cache, "set", down)
    chart = charts.line_chart("A", "Beskrivning", [("X", [(2022, 1), (2023, 2)])])
    assert drawn["line"] == 2 and ">Beskrivning</desc>" in chart.wide
