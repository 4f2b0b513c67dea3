"""What readiness, activities and promises add to the lägesbild (situation/contributions.py), when they have
nothing to add; test_wiring.py covers them with data."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_without_readiness_results_or_goals_the_lagesbild_shows_its_own_parts_and_typed_target(
    situation_demo, users, client_for
):
    report = situation_demo["report"]
    staff = (
        client_for(users["coordinator"]).get(reverse("situation:report", args=[report.pk])).content.decode()
    )
    assert "Förändringsberedskap" not in staff
    assert "Mål: 15 mål i handlingsplanen (demo)" in staff  # the value typed on the lägesbild
