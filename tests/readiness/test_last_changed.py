"""Issue 12: the readiness assessment page says who changed it last and when, in Swedish."""

import datetime

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_readiness_page_says_who_changed_it_last(readiness, users, client_for):
    from samverka.readiness.models import Assessment

    assessment = readiness["done"]
    Assessment.history.filter(id=assessment.pk).update(
        history_date=datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.UTC),
        history_user=users["coordinator"],
    )
    page = (
        client_for(users["coordinator"])
        .get(reverse("readiness:detail", args=[assessment.pk]))
        .content.decode()
    )
    name = users["coordinator"].get_full_name() or users["coordinator"].username
    assert f'<p class="last-changed muted">Senast ändrad 28 november 2026 av {name}</p>' in page
