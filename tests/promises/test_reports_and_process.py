"""The yearly follow-up report (PDF, XLSX), the process tracker, and the demo data."""

import io
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from samverka.promises import services
from samverka.promises.models import (
    ActionPlan,
    Approval,
    Commitment,
    FollowUp,
    Goal,
    PlanState,
    ProcessTick,
    Promise,
    PromiseState,
    Verdict,
)


@pytest.fixture
def demo(places):
    from samverka.activities import demo_data as activities_demo
    from samverka.promises import demo_data

    activities_demo.load()
    demo_data.load()


def test_the_demo_data_loads_twice_without_changing_anything(demo):
    models = (Promise, ActionPlan, Commitment, FollowUp, Verdict, Approval, Goal)
    counts = [m.objects.count() for m in models]
    states = sorted(Promise.objects.values_list("title", "state")) + sorted(
        ActionPlan.objects.values_list("title", "state")
    )
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert [m.objects.count() for m in models] == counts
    assert (
        sorted(Promise.objects.values_list("title", "state"))
        + sorted(ActionPlan.objects.values_list("title", "state"))
        == states
    )
    arjeplog = Promise.objects.get(title__contains="2019–2020")
    assert (
        Promise.objects.get(title__contains="2026–2027", municipality__slug="arjeplog").state
        == PromiseState.ACTIVE
    )
    assert arjeplog.state == PromiseState.CONCLUDED
    assert arjeplog.commitments.count() == 3
    assert sorted(c.verdict.value for c in arjeplog.commitments.all()) == [
        "kept",
        "partly_kept",
        "partly_kept",
    ]
    assert all(f.is_demo for f in FollowUp.objects.all())
    # issue 16: Pite älvdal's promise is signed by the four municipalities and the police, and active
    pite = Promise.objects.get(collaboration__slug="pite-alvdal")
    assert pite.state == PromiseState.ACTIVE
    assert sorted((a.party, a.signs_for.slug if a.signs_for else "") for a in pite.approvals.all()) == [
        ("municipality", "alvsbyn"),
        ("municipality", "arjeplog"),
        ("municipality", "arvidsjaur"),
        ("municipality", "pitea"),
        ("police", ""),
    ]
    # Pite älvdal's plan awaits the police: the four municipalities have approved
    pite_plan = ActionPlan.objects.get(collaboration__slug="pite-alvdal")
    assert pite_plan.state == PlanState.AWAITING_SIGNOFF
    assert sorted((a.party, a.signs_for.slug) for a in pite_plan.approvals.all()) == [
        ("municipality", "alvsbyn"),
        ("municipality", "arjeplog"),
        ("municipality", "arvidsjaur"),
        ("municipality", "pitea"),
    ]
    plan = ActionPlan.objects.get(owner_organisation__slug="bra-arjeplog")
    assert plan.goals.count() == 2
    assert plan.measures.count() == 3
    assert all(m.activities.exists() for m in plan.measures.all())


def test_the_police_can_give_the_missing_approval_of_the_demo_plan(demo, users, client):
    pite = ActionPlan.objects.get(collaboration__slug="pite-alvdal")
    public = reverse("public:promises_public:plan", args=["alvsbyn", pite.pk])
    assert client.get(public).status_code == 404
    services.plan_approve(user=users["police"], plan=pite, party="police")
    pite.refresh_from_db()
    assert pite.state == PlanState.ADOPTED and pite.published
    response = client.get(public)
    assert response.status_code == 200
    assert "Pite älvdals åtgärdsplan mot langning 2026–2027" in response.content.decode()


def test_the_yearly_report_as_xlsx_has_every_promise_and_plan(demo, users, client_for):
    response = client_for(users["coordinator"]).get(
        reverse("promises:report", args=["arjeplog", "xlsx"]) + "?ar=2020"
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    status, follow_ups = workbook.worksheets
    rows = list(status.values)
    assert rows[0][0] == "Typ"
    titles = {r[1] for r in rows[1:]}
    assert any("2019–2020" in t for t in titles)
    assert {r[9] for r in rows[1:] if "2019–2020" in r[1]} == {"Hållet", "Delvis hållet"}
    assert any(r[2].year == 2020 for r in list(follow_ups.values)[1:])


def test_the_yearly_report_as_pdf(demo, users, client_for):
    response = client_for(users["coordinator"]).get(
        reverse("promises:report", args=["arjeplog", "pdf"]) + "?ar=2020"
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("outsider", 404), ("anonymous", 302)])
def test_the_report_is_for_the_municipalitys_own_people(places, users, client_for, who, status):
    assert (
        client_for(users[who]).get(reverse("promises:report", args=["arjeplog", "xlsx"])).status_code
        == status
    )


def test_the_process_tracker_ticks_from_data_and_stores_manual_ticks(demo, users, client_for):
    client = client_for(users["coordinator"])
    url = reverse("promises:process", args=["arjeplog"])
    text = client.get(url).content.decode()
    assert "Medborgarlöften skrivna" in text
    assert "Samverkansöverenskommelse undertecknad" in text
    assert "En åtgärdsplan utifrån lägesbilden" in text
    assert text.count("enligt uppgifterna i Samverka") >= 3
    assert client.post(url, {"key": "cooperation-agreement", "done": "1"}).status_code == 302
    tick = ProcessTick.objects.get(key="cooperation-agreement")
    assert tick.done and tick.ticked_by == users["coordinator"] and tick.municipality.slug == "arjeplog"
    assert client.post(url, {"key": "no-such-step", "done": "1"}).status_code == 302
    assert ProcessTick.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("county", 403)])
def test_only_the_municipalitys_editors_tick_the_process(places, users, client_for, who, status):
    url = reverse("promises:process", args=["arjeplog"])
    assert (
        client_for(users[who]).post(url, {"key": "cooperation-agreement", "done": "1"}).status_code == status
    )
    assert not ProcessTick.objects.exists()
