"""How readiness, activities and promises plug into the lägesbild, and the lägesbild into promises."""

import datetime
import os
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.situation import contributions, selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(places):
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from samverka.situation.models import SituationReport

    return SituationReport.objects.get(title="Lägesbild Arjeplog 2023")


def _staff(client_for, users, report):
    return (
        client_for(users["coordinator"]).get(reverse("situation:report", args=[report.pk])).content.decode()
    )


def test_the_staff_lagesbild_shows_the_readiness_result_and_the_activity_coverage(
    everything, users, client_for
):
    text = _staff(client_for, users, everything)
    assert 'id="lagesbild-readiness"' in text and 'id="lagesbild-activities"' in text
    assert '<table class="gaps cube">' in text


def test_the_pdf_has_the_same_parts(everything, users, client_for):
    context = selectors.report_for_pdf(everything)
    keys = [part["section"].key for part in context["extra_sections"]]
    assert keys == ["readiness", "activities"]


def test_the_public_lagesbild_shows_readiness_only_when_published(everything, client_for, users):
    from samverka.readiness.models import Assessment

    anonymous = client_for(users["anonymous"])
    assert 'id="lagesbild-readiness"' in anonymous.get("/p/arjeplog/lagesbild/").content.decode()
    Assessment.objects.filter(municipality__slug="arjeplog").update(published=False)
    text = anonymous.get("/p/arjeplog/lagesbild/").content.decode()
    assert 'id="lagesbild-readiness"' not in text
    assert 'id="lagesbild-readiness"' in _staff(
        client_for, users, everything
    )  # completed: staff still see it


def test_a_readiness_assessment_not_completed_stays_out_even_for_staff(everything, client_for, users):
    from samverka.readiness.models import Assessment

    Assessment.objects.filter(municipality__slug="arjeplog").update(completed=False)
    assert 'id="lagesbild-readiness"' not in _staff(client_for, users, everything)


def test_the_public_coverage_counts_only_published_activities(everything):
    from samverka.activities import lagesbild
    from samverka.activities.models import Activity, Status

    active = Activity.objects.filter(municipality__slug="arjeplog", status=Status.ACTIVE)
    hidden = active.first()
    Activity.objects.filter(pk=hidden.pk).update(published=False)
    staff = lagesbild.report_context(everything, public=False)
    public = lagesbild.report_context(everything, public=True)
    assert staff["active_total"] == active.count()
    assert public["active_total"] == active.filter(published=True).count() == staff["active_total"] - 1


def test_a_started_activity_and_an_active_promise_mark_the_charts(everything, places):
    from samverka.activities.models import Activity, Status
    from samverka.promises.models import Promise, PromiseState

    arjeplog = places["arjeplog"]
    public_one, private_one = Activity.objects.filter(municipality=arjeplog)[:2]
    Activity.objects.filter(pk__in=[public_one.pk, private_one.pk]).update(
        status=Status.ACTIVE, status_since=datetime.date(2022, 3, 1)
    )
    Activity.objects.filter(pk=public_one.pk).update(published=True)
    Activity.objects.filter(pk=private_one.pk).update(published=False)
    staff = dict((label, day) for day, label in selectors.events_for(arjeplog, public=False))
    public = dict((label, day) for day, label in selectors.events_for(arjeplog, public=True))
    assert any(public_one.title in label for label in public)
    assert not any(private_one.title in label for label in public)
    assert any(private_one.title in label for label in staff)
    active = Promise.objects.filter(municipality=arjeplog, state=PromiseState.ACTIVE).first()
    assert any(active.title in label for label in public)
    drafts = Promise.objects.filter(municipality=arjeplog, state=PromiseState.DRAFT)
    assert not any(d.title in label for d in drafts for label in public)


def test_the_demo_goal_draws_its_target_line_on_the_indicator_it_names(everything):
    ri = everything.report_indicators.get(indicator__source_id="D00003")
    value, label = contributions.target_for(ri)
    assert value == Decimal("15") and "BRÅ Arjeplog" in label
    from samverka.promises.models import ActionPlan

    ActionPlan.objects.update(published=False)  # an unpublished plan draws nothing: the typed target shows
    assert contributions.target_for(ri) == (ri.target_value, ri.target_label)


def test_an_indicator_target_takes_its_latest_observation(everything):
    from samverka.indicators.models import Indicator, Observation
    from samverka.promises.models import Commitment, Target

    indicator = Indicator.objects.get(source_id="D00003")
    latest = max(
        Observation.objects.filter(
            indicator=indicator, place__municipality=everything.municipality, group="T"
        ),
        key=lambda o: o.period,
    )
    measure = Commitment.objects.filter(plan__isnull=False, municipality=everything.municipality).first()
    measure.follow_ups.all().delete()  # no measurement typed by hand: the observations are the measurements
    Target.objects.filter(commitment=measure).update(
        kind=Target.Kind.INDICATOR,
        linked_indicator=indicator,
        target_value=latest.value - 1,
        direction=Target.Direction.DECREASE,
        start=datetime.date(2000, 1, 1),
        due=datetime.date(2099, 12, 31),
    )
    measure = Commitment.objects.get(pk=measure.pk)
    progress = measure.progress(today=datetime.date(2030, 1, 1))
    assert progress.achieved_so_far == latest.value
    assert progress.status != "achieved"  # at most latest - 1 is not reached yet
    Target.objects.filter(commitment=measure).update(target_value=latest.value + 1)
    assert (
        Commitment.objects.get(pk=measure.pk).progress(today=datetime.date(2030, 1, 1)).status == "achieved"
    )


def test_the_process_tracker_counts_only_an_adopted_lagesbild(everything, places):
    from samverka.promises.process import auto_checks
    from samverka.situation.models import SituationReport

    arjeplog = everything.owner
    assert auto_checks(arjeplog)["situation_report"] is True
    SituationReport.objects.filter(municipality=arjeplog).update(status=SituationReport.Status.DRAFT)
    # Arjeplog also takes part in Pite älvdal, whose adopted lägesbild counts for it
    assert auto_checks(arjeplog)["situation_report"] is True
    SituationReport.objects.update(status=SituationReport.Status.DRAFT)
    assert auto_checks(arjeplog)["situation_report"] is False


def test_a_problem_shows_the_goal_it_led_to_and_the_goal_shows_the_problem(everything, users, client_for):
    from samverka.promises.models import ActionPlan

    problem = everything.problems.get(title="Alkohol bland unga")
    assert problem.linked_goal is not None and problem.linked_commitment is not None
    assert problem.linked_goal.text[:30] in _staff(client_for, users, everything)
    plan = ActionPlan.objects.get(pk=problem.linked_goal.plan_id)
    text = client_for(users["coordinator"]).get(plan.get_absolute_url()).content.decode()
    assert text.count("Alkohol bland unga") >= 2  # under the goal and under the measure
    public = client_for(users["anonymous"]).get("/p/arjeplog/lagesbild/").content.decode()
    assert problem.linked_goal.text[:30] in public  # the plan is published
    ActionPlan.objects.filter(pk=plan.pk).update(published=False)
    public = client_for(users["anonymous"]).get("/p/arjeplog/lagesbild/").content.decode()
    assert problem.linked_goal.text[:30] not in public


def test_a_problem_cannot_be_linked_to_another_municipalitys_goal(everything, users, client_for):
    from samverka.core.models import Municipality, Organisation
    from samverka.promises.models import ActionPlan, Goal

    pitea = Municipality.objects.get(slug="pitea")
    plan = ActionPlan.objects.create(
        municipality=pitea,
        title="Piteås plan",
        owner_organisation=Organisation.objects.first(),
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    other_goal = Goal.objects.create(plan=plan, municipality=pitea, text="Piteås mål")
    problem = everything.problems.get(title="Alkohol bland unga")
    linked = problem.linked_goal_id
    url = reverse("situation:problem_edit", args=[everything.pk, problem.pk])
    data = {
        "title": problem.title,
        **{name: 3 for name in problem.SCORE_FIELDS},
        "is_public": "on",
        "linked_goal": str(other_goal.pk),
    }
    response = client_for(users["coordinator"]).post(url, data)
    assert response.status_code == 200
    problem.refresh_from_db()
    assert problem.linked_goal_id == linked and problem.frequency != 3  # nothing changed


def test_the_demo_still_loads_twice_without_changes(everything):
    from samverka.promises.models import Goal
    from samverka.situation.models import Problem

    before = list(Goal.objects.values_list("pk", "linked_indicator_id", "target_value").order_by("pk"))
    problems = list(
        Problem.objects.values_list("pk", "linked_goal_id", "linked_commitment_id").order_by("pk")
    )
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (
        list(Goal.objects.values_list("pk", "linked_indicator_id", "target_value").order_by("pk")) == before
    )
    assert (
        list(Problem.objects.values_list("pk", "linked_goal_id", "linked_commitment_id").order_by("pk"))
        == problems
    )
