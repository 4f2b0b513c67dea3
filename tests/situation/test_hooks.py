"""The soft hooks through which readiness, activities and promises join the lägesbild once the lead wires them."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from samverka.situation import hooks

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"],
        }
    ]
    hooks.report_section(
        hooks.ReportSection(
            key="test-readiness",
            title="Readiness",
            template="situation_test/readiness.html",
            context=lambda report, public: {"stage": 4 if not public else 3},
        )
    )
    hooks.key_event_provider(
        "test-promises", lambda owner, public: [(datetime.date(2021, 3, 1), "Löfte undertecknat")]
    )
    hooks.target_provider(
        "test-goals",
        lambda ri: (Decimal("12"), "mål i åtgärdsplanen") if ri.indicator.source_id == "D00001" else None,
    )
    yield
    hooks.REPORT_SECTIONS.pop("test-readiness")
    hooks.KEY_EVENT_PROVIDERS.pop("test-promises")
    hooks.TARGET_PROVIDERS.pop("test-goals")


def test_a_registered_section_event_and_target_appear_in_the_lagesbild(
    situation_demo, registered, users, client_for
):
    report = situation_demo["report"]
    staff = (
        client_for(users["coordinator"]).get(reverse("situation:report", args=[report.pk])).content.decode()
    )
    assert "Förändringsberedskap" in staff and "Stadium 4" in staff
    assert "Löfte undertecknat" in staff  # marked on the charts
    assert "Mål: 12 mål i åtgärdsplanen" in staff
    public = client_for(users["anonymous"]).get("/p/arjeplog/lagesbild/").content.decode()
    assert "Stadium 3" in public and "Stadium 4" not in public


def test_with_no_readiness_data_the_lagesbild_shows_no_readiness_part_and_its_typed_goal_value(
    situation_demo, users, client_for
):
    report = situation_demo["report"]
    staff = (
        client_for(users["coordinator"]).get(reverse("situation:report", args=[report.pk])).content.decode()
    )
    assert "Förändringsberedskap" not in staff
    assert "Mål: 15 mål i handlingsplanen (demo)" in staff  # the value typed on the lägesbild
