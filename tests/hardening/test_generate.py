"""`samverka generate`: synthetic data through the real models, deterministic for a seed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from samverka.activities.models import Activity
from samverka.core.models import Membership, Municipality, Organisation
from samverka.demo.synthetic import SCALES, generate


def sample() -> dict:
    from samverka.readiness.models import Score

    return {
        "scores": list(
            Score.objects.order_by(
                "sheet__interview__assessment_id",
                "sheet__interview__number",
                "sheet__scorer__username",
                "dimension",
            ).values_list(
                "sheet__interview__assessment_id", "sheet__interview__respondent_role", "dimension", "value"
            )[:40]
        ),
        "municipalities": list(Municipality.objects.order_by("code").values_list("code", "name", "slug")),
        "organisations": list(Organisation.objects.order_by("id").values_list("id", "name", "kind")[:20]),
        "activities": list(
            Activity.objects.order_by("id").values_list(
                "id", "title", "municipality__code", "status", "published", "last_reviewed"
            )[:25]
        ),
        "activity_areas": list(
            Activity.substance_areas.through.objects.order_by(
                "activity_id", "substancearea__code"
            ).values_list("activity_id", "substancearea__code")[:50]
        ),
        "memberships": list(
            Membership.objects.order_by("user__username").values_list(
                "user__username", "organisation__name", "role"
            )[:30]
        ),
    }


def generate_and_sample(seed):
    with transaction.atomic():
        counts = generate("small", seed)
        rows = sample()
        transaction.set_rollback(True)
    return counts, rows


def test_small_scale_is_deterministic_for_a_seed(db):
    first_counts, first_rows = generate_and_sample(seed=7)
    second_counts, second_rows = generate_and_sample(seed=7)
    assert first_counts == second_counts
    assert first_rows == second_rows
    _, other_rows = generate_and_sample(seed=8)
    assert other_rows["activities"] != first_rows["activities"]


def test_small_scale_has_the_documented_sizes(db):
    out = io.StringIO()
    call_command("generate", scale="small", seed=1, stdout=out)
    scale = SCALES["small"]
    assert Municipality.objects.count() == scale.municipalities
    assert Activity.objects.count() == scale.activities
    assert Organisation.objects.count() >= scale.municipalities + 2
    assert "activities.activity" in out.getvalue()
    from samverka.readiness.models import Assessment, Interview, Score

    assert Assessment.objects.count() == scale.assessments
    assert Interview.objects.count() == scale.assessments * scale.interviews_per_assessment
    assert Score.objects.count() == Interview.objects.count() * 2 * 6
    # Each assessment's result is stored as the services store it: the same as computed from its scores.
    from samverka.readiness.selectors import result_data

    assessments = list(Assessment.objects.all())
    computed = result_data(assessments)
    assert all(a.stored_result == computed[a.pk] for a in assessments)
    assert sum(a.stored_result["result"] is not None for a in assessments) >= 1
    from samverka.promises.models import Commitment, FollowUp, Promise

    assert Commitment.objects.count() == scale.promises * scale.commitments_per_promise
    assert FollowUp.objects.count() == Commitment.objects.count() * scale.followups_per_commitment
    assert Promise.objects.exists()
    # Every activity has an owner, an area and partners that work in its municipality.
    assert not Activity.objects.filter(substance_areas=None).exists()
    for activity in Activity.objects.prefetch_related("organisations__municipalities")[:50]:
        for org in activity.organisations.all():
            assert activity.municipality_id in {m.pk for m in org.municipalities.all()}


def test_generated_data_serves_the_pages(client, db):
    generate("small", 1)
    place = Municipality.objects.order_by("code").first()
    response = client.post(
        "/konto/logga-in/", {"username": f"{place.slug}-samordnare", "password": "samverka-demo"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get(f"/kommun/{place.slug}/").status_code == 200
    response = client.get(f"/aktiviteter/kommun/{place.slug}/")
    assert response.status_code == 200
    assert client.get(f"/p/{place.slug}/").status_code == 200
    from samverka.readiness.models import Assessment

    assessment = Assessment.objects.filter(municipality=place, published=True).first()
    assert client.get(f"/beredskap/{assessment.pk}/").status_code == 200
    assert client.get(f"/p/{place.slug}/beredskap/{assessment.pk}/").status_code == 200
    from samverka.promises.models import Promise

    promise = Promise.objects.filter(municipality=place).first()
    assert client.get(f"/loften/lofte/{promise.pk}/").status_code == 200
    assert client.get(f"/loften/{place.slug}/").status_code == 200


def test_generate_refuses_a_database_that_has_places(places):
    with pytest.raises(CommandError, match="empty database"):
        call_command("generate", scale="small", stdout=io.StringIO())
