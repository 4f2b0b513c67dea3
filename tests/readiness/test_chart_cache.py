"""A changed score shows at once in the readiness charts on every page that shows them (charts are cached
by what they show: core/charts.py)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from samverka.readiness import services
from tests.core.test_chart_cache import wide_charts

pytestmark = pytest.mark.django_db


def test_a_changed_readiness_score_shows_at_once_on_the_staff_and_the_public_result(
    readiness, users, client_for, drawn
):
    from samverka.readiness.models import ConsensusScore

    done = readiness["done"]
    staff_page = reverse("readiness:detail", args=[done.pk])
    public_page = reverse("public:readiness_public:detail", args=[done.municipality.slug, done.pk])
    coordinator = client_for(users["coordinator"])

    def staff_chart():
        (chart,) = wide_charts(coordinator.get(staff_page).content.decode())
        return chart

    def public_chart():
        (chart,) = wide_charts(Client().get(public_page).content.decode())  # an anonymous visitor
        return chart

    before = staff_chart()
    assert public_chart() == before
    draws = drawn["bar"]
    staff_chart()
    assert drawn["bar"] == draws

    score = ConsensusScore.objects.filter(interview__assessment=done, value__lt=9).order_by("pk").first()
    ConsensusScore.objects.filter(pk=score.pk).update(value=9)
    # Written past the services (the assessment is completed): store its result as every service does.
    services.results_store(assessments=[done])

    after = staff_chart()
    assert after != before
    assert public_chart() == after
    cache.clear()
    assert staff_chart() == after


def test_a_new_assessment_shows_at_once_on_the_change_over_time_chart(readiness, users, client_for, drawn):
    from samverka.readiness.models import ConsensusScore

    done = readiness["done"]
    client = client_for(users["coordinator"])
    page = reverse("readiness:compare", args=[done.pk])
    (before,) = wide_charts(client.get(page).content.decode())
    draws = drawn["grouped"]
    client.get(page)
    assert drawn["grouped"] == draws
    score = ConsensusScore.objects.filter(interview__assessment=done, value__lt=9).order_by("pk").first()
    ConsensusScore.objects.filter(pk=score.pk).update(value=9)
    # Written past the services (the assessment is completed): store its result as every service does.
    services.results_store(assessments=[done])
    (after,) = wide_charts(client.get(page).content.decode())
    assert after != before and drawn["grouped"] == draws + 2
