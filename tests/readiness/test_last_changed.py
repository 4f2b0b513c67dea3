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


def _stamp(model, pk, user):
    model.history.filter(id=pk).update(
        history_date=datetime.datetime(2026, 11, 27, 9, 0, tzinfo=datetime.UTC), history_user=user
    )


def test_the_interview_and_work_period_pages_say_who_changed_them_last(readiness, users, client_for):
    from samverka.core.models import Period
    from samverka.readiness.models import Interview

    coordinator = users["coordinator"]
    name = coordinator.get_full_name() or coordinator.username
    said = f'<p class="last-changed muted">Senast ändrad 27 november 2026 av {name}</p>'
    client = client_for(coordinator)

    interview = readiness["ongoing_interview"]
    _stamp(Interview, interview.pk, coordinator)
    assert said in client.get(reverse("readiness:interview", args=[interview.pk])).content.decode()

    from samverka.core.models import Municipality
    from samverka.core.periods import period_create

    arjeplog = Municipality.objects.get(slug="arjeplog")
    period = Period.objects.filter(municipality=arjeplog).first() or period_create(arjeplog, 2026, 2029)
    Period.history.filter(id=period.pk).delete()
    assert "last-changed" not in client.get(reverse("reports:period", args=[period.pk])).content.decode()
    period.open_verdicts_reason = "Uppföljningen av löftet fortsätter i nästa period."
    period.save()  # a change is recorded in the period's history …
    _stamp(Period, period.pk, coordinator)
    # … and the period page says who made it and when
    assert said in client.get(reverse("reports:period", args=[period.pk])).content.decode()
