"""The process tracker per work period: each tick from the data counts only the period's own records."""

import datetime

import pytest
from django.urls import reverse

from samverka.core import periods
from samverka.promises.models import (
    ActionPlan,
    Commitment,
    FollowUp,
    PlanState,
    ProcessTick,
    Promise,
    PromiseState,
    Verdict,
)
from samverka.promises.process import auto_checks
from samverka.situation.models import Problem, SituationReport


@pytest.fixture
def two_periods(places):
    arjeplog = places["arjeplog"]
    return arjeplog, periods.period_create(arjeplog, 2019, 2020), periods.period_create(arjeplog, 2025, 2027)


def _checks(arjeplog, period, frozen_today):
    return auto_checks(arjeplog, period, frozen_today)


def _report(owner_fields, period, **kwargs):
    return SituationReport.objects.create(
        **owner_fields, title="Lägesbild", period=period.label, work_period=period, **kwargs
    )


def test_the_lagesbild_problems_and_cause_analysis_tick_only_their_own_period(two_periods, frozen_today):
    arjeplog, old, current = two_periods
    assert _checks(arjeplog, current, frozen_today)["problems_prioritised"] is False
    report = _report({"municipality": arjeplog}, current)
    problem = Problem.objects.create(report=report, title="Alkohol bland unga")

    now, before = _checks(arjeplog, current, frozen_today), _checks(arjeplog, old, frozen_today)
    assert now["problems_prioritised"] is True and before["problems_prioritised"] is False
    assert now["cause_analysis"] is False  # the problem has no cause analysis yet
    assert now["situation_report"] is False  # a draft is no lägesbild in force

    Problem.objects.filter(pk=problem.pk).update(cause_analysis="Tillgång via äldre syskon.")
    assert _checks(arjeplog, current, frozen_today)["cause_analysis"] is True
    Problem.objects.create(report=report, title="Narkotika", cause_analysis="   ")
    assert _checks(arjeplog, current, frozen_today)["cause_analysis"] is False  # every problem needs one

    SituationReport.objects.filter(pk=report.pk).update(status=SituationReport.Status.ADOPTED)
    assert _checks(arjeplog, current, frozen_today)["situation_report"] is True
    assert _checks(arjeplog, old, frozen_today)["situation_report"] is False


def test_a_collaborations_lagesbild_counts_for_the_period_sharing_its_years(
    places, two_periods, frozen_today
):
    arjeplog, old, current = two_periods
    pite = places["pite_alvdal"]
    joint = periods.period_create(pite, 2019, 2020)
    _report({"collaboration": pite}, joint, status=SituationReport.Status.ADOPTED)
    assert _checks(arjeplog, old, frozen_today)["situation_report"] is True
    assert _checks(arjeplog, current, frozen_today)["situation_report"] is False


def test_a_named_coordinating_function_ticks_the_law_item(two_periods, frozen_today):
    from samverka.reports.models import MunicipalitySettings

    arjeplog, _old, current = two_periods
    assert _checks(arjeplog, current, frozen_today)["coordinating_function"] is False
    settings = MunicipalitySettings.objects.create(municipality=arjeplog, coordinating_function="  ")
    assert _checks(arjeplog, current, frozen_today)["coordinating_function"] is False
    settings.coordinator_title = "ANDTS-samordnare vid socialtjänsten"
    settings.save()
    assert _checks(arjeplog, current, frozen_today)["coordinating_function"] is True


def test_the_plan_the_promise_and_the_follow_up_tick_only_their_own_period(places, two_periods, frozen_today):
    arjeplog, old, current = two_periods
    police = places["orgs"]["lpo-pitea-alvdal"]
    plan = ActionPlan.objects.create(
        municipality=arjeplog,
        owner_organisation=police,
        title="Plan 2025–2027",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2027, 12, 31),
        work_period=current,
    )
    assert _checks(arjeplog, current, frozen_today)["action_plan"] is False  # a draft is not adopted
    ActionPlan.objects.filter(pk=plan.pk).update(state=PlanState.ADOPTED)
    assert _checks(arjeplog, current, frozen_today)["action_plan"] is True
    assert _checks(arjeplog, old, frozen_today)["action_plan"] is False

    promise = Promise.objects.create(
        municipality=arjeplog,
        police_area=police,
        title="Löfte 2019–2020",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2020, 12, 31),
        work_period=old,
        state=PromiseState.CONCLUDED,
    )
    commitment = Commitment.objects.create(municipality=arjeplog, promise=promise, text="Föräldramöten")
    assert _checks(arjeplog, old, frozen_today)["promises_written"] is True
    assert _checks(arjeplog, current, frozen_today)["promises_written"] is False
    assert _checks(arjeplog, old, frozen_today)["follow_up_done"] is False

    FollowUp.objects.create(
        municipality=arjeplog, commitment=commitment, date=datetime.date(2020, 12, 31), description="Möte"
    )
    assert _checks(arjeplog, old, frozen_today)["follow_up_done"] is True
    assert _checks(arjeplog, current, frozen_today)["follow_up_done"] is False

    FollowUp.objects.all().delete()
    Verdict.objects.create(municipality=arjeplog, commitment=commitment, value="kept", explanation="Hölls.")
    assert _checks(arjeplog, old, frozen_today)["follow_up_done"] is True
    assert _checks(arjeplog, current, frozen_today)["follow_up_done"] is False


def test_a_manual_tick_belongs_to_the_period_it_was_given_in(two_periods, users, client_for, frozen_today):
    arjeplog, old, current = two_periods
    client = client_for(users["coordinator"])
    url = reverse("promises:process", args=["arjeplog"])
    text = client.get(url).content.decode()
    assert "Arbetsperiod 2025–2027" in text  # today's period first
    assert f'href="?period={old.pk}"' in text

    response = client.post(url, {"key": "cooperation-agreement", "done": "1", "period": str(old.pk)})
    assert response.status_code == 302 and response["Location"] == f"{url}?period={old.pk}"
    tick = ProcessTick.objects.get()
    assert tick.period == old and tick.done and tick.ticked_by == users["coordinator"]

    old_page = client.get(url, {"period": old.pk}).content.decode()
    assert "Arbetsperiod 2019–2020" in old_page and "(markerat " in old_page
    assert "(markerat " not in client.get(url).content.decode()  # not ticked in 2025–2027

    client.post(url, {"key": "cooperation-agreement", "done": "1"})
    assert sorted(t.period.label for t in ProcessTick.objects.all()) == ["2019–2020", "2025–2027"]


def test_another_places_period_is_not_found(places, two_periods, users, client_for):
    other = periods.period_create(places["pitea"], 2025, 2027)
    url = reverse("promises:process", args=["arjeplog"])
    client = client_for(users["coordinator"])
    assert client.get(url, {"period": other.pk}).status_code == 404
    assert client.get(url, {"period": "inte-ett-id"}).status_code == 404
    assert (
        client.post(url, {"key": "cooperation-agreement", "done": "1", "period": other.pk}).status_code == 404
    )
    assert not ProcessTick.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("county", 403), ("anonymous", 302)])
def test_only_the_municipalitys_editors_tick_a_period(two_periods, users, client_for, who, status):
    _arjeplog, old, _current = two_periods
    url = reverse("promises:process", args=["arjeplog"])
    response = client_for(users[who]).post(
        url, {"key": "cooperation-agreement", "done": "1", "period": old.pk}
    )
    assert response.status_code == status
    assert not ProcessTick.objects.exists()


def test_a_collaborations_period_has_its_own_tracker_ticked_from_its_data(
    places, users, client_for, frozen_today
):
    from samverka.reports.models import MunicipalitySettings

    collab = places["pite_alvdal"]
    period = periods.period_create(collab, 2019, 2020)
    keys = ["situation_report", "problems_prioritised", "cause_analysis", "coordinating_function"]
    assert [auto_checks(collab, period, frozen_today)[k] for k in keys] == [False] * 4
    # Arjeplog's own lägesbild is Arjeplog's, not the collaboration's
    _report({"municipality": places["arjeplog"]}, periods.period_create(places["arjeplog"], 2019, 2020))
    report = _report({"collaboration": collab}, period, status=SituationReport.Status.ADOPTED)
    Problem.objects.create(report=report, title="Langning", cause_analysis="Äldre kamrater langar.")
    members = list(collab.municipalities.all())
    for member in members[:-1]:  # a role, never a person's name
        MunicipalitySettings.objects.update_or_create(
            municipality=member, defaults={"coordinator_title": "Folkhälsosamordnare"}
        )
    checks = auto_checks(collab, period, frozen_today)
    assert [checks[k] for k in keys] == [True, True, True, False]  # one member has named no function yet
    MunicipalitySettings.objects.update_or_create(
        municipality=members[-1], defaults={"coordinating_function": "Brottsförebyggande rådet"}
    )
    assert auto_checks(collab, period, frozen_today)["coordinating_function"] is True
    assert (
        auto_checks(collab, periods.period_create(collab, 2021, 2022), frozen_today)["situation_report"]
        is False
    )

    client = client_for(users["coordinator"])
    url = reverse("promises:process", args=["pite-alvdal"])
    page = client.get(url, {"period": period.pk}).content.decode()
    assert "Arbetsperiod 2019–2020" in page and "Pite älvdal" in page
    response = client.post(url, {"key": "cooperation-agreement", "done": "1", "period": str(period.pk)})
    assert response["Location"] == f"{url}?period={period.pk}"
    tick = ProcessTick.objects.get()
    assert (tick.collaboration, tick.municipality, tick.period, tick.done) == (collab, None, period, True)
    assert "(markerat " in client.get(url, {"period": period.pk}).content.decode()
    # the collaboration's tick is not Arjeplog's
    assert "(markerat " not in client.get(reverse("promises:process", args=["arjeplog"])).content.decode()
    # the period page leads to its tracker
    period_page = client.get(reverse("reports:period", args=[period.pk])).content.decode()
    assert f'href="{url}?period={period.pk}"' in period_page


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("county", 403), ("anonymous", 302)])
def test_only_the_collaborations_editors_tick_its_period(places, users, client_for, who, status):
    period = periods.period_create(places["pite_alvdal"], 2019, 2020)
    response = client_for(users[who]).post(
        reverse("promises:process", args=["pite-alvdal"]),
        {"key": "cooperation-agreement", "done": "1", "period": period.pk},
    )
    assert response.status_code == status
    assert not ProcessTick.objects.exists()
