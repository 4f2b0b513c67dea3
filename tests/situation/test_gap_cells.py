"""A prioritised problem names its arenas, ANDTS areas and risk or protective factors, and the plan's gap
view (arena × ANDTS area × factor) and the lägesbild's coverage section mark the cells it touches."""

import pytest
from django.urls import reverse

from samverka.activities.models import Activity, EvidenceBasis, Factor, SubstanceArea
from samverka.situation.models import Problem, SituationReport

pytestmark = pytest.mark.django_db

SCORES = {"frequency": 3, "trend": 3, "exposure": 3, "signal_value": 3, "consequences": 3, "influence": 3}


def _cell(cube, arena, area, factor):
    table = next(t for t in cube if t.key == arena)
    return next(c for c in next(r for r in table.rows if r.key == area).cells if c.factor == factor)


def _activity(places, **fields):
    activity = Activity.objects.create(
        municipality=places["arjeplog"],
        title="Föräldrastöd ÖPP",
        arena="family",
        status="active",
        evidence_basis=EvidenceBasis.RESEARCH,
        published=True,
        **fields,
    )
    activity.substance_areas.set(SubstanceArea.objects.filter(code="alcohol"))
    activity.factors.set(Factor.objects.filter(code="parental_attitudes"))
    return activity


def test_a_coordinator_places_a_problem_in_the_gap_view(places, users, client_for):
    draft = SituationReport.objects.create(
        municipality=places["arjeplog"], title="Utkast 2026", period="2026"
    )
    client = client_for(users["coordinator"])
    url = reverse("situation:problem_create", args=[draft.pk])
    areas = [str(a.pk) for a in SubstanceArea.objects.filter(code__in=["alcohol", "tobacco"])]
    factor = str(Factor.objects.get(code="availability").pk)
    response = client.post(
        url,
        {
            "title": "Langning",
            **SCORES,
            "arenas": ["family", "leisure"],
            "substance_areas": areas,
            "factors": factor,
        },
    )
    assert response.status_code == 302
    problem = Problem.objects.get(report=draft, title="Langning")
    assert problem.arenas == ["family", "leisure"]
    assert sorted(a.code for a in problem.substance_areas.all()) == ["alcohol", "tobacco"]
    assert [f.code for f in problem.factors.all()] == ["availability"]
    assert problem.get_arenas_display() == ["Familjen", "Fritid"]

    # an arena that does not exist: a Swedish message, nothing saved
    response = client.post(url, {"title": "Fel arena", **SCORES, "arenas": ["moon"]})
    assert (
        "Välj ett giltigt alternativ. moon finns inte bland tillgängliga alternativ."
        in response.content.decode()
    )
    assert not Problem.objects.filter(title="Fel arena").exists()


def test_the_form_offers_every_arena_area_and_factor_in_swedish(places, users, client_for):
    draft = SituationReport.objects.create(
        municipality=places["arjeplog"], title="Utkast 2026", period="2026"
    )
    page = client_for(users["coordinator"]).get(reverse("situation:problem_create", args=[draft.pk]))
    text = page.content.decode()
    for label in ["Arenor", "Familjen", "Skola", "ANDTS-områden", "Alkohol", "Tillgänglighet"]:
        assert label in text


def test_the_plans_gap_view_marks_the_cells_of_the_prioritised_problems(
    situation_demo, places, users, client_for
):
    _activity(places)
    response = client_for(users["coordinator"]).get(reverse("activities:gaps", args=["arjeplog"]))
    cube = response.context["view"]["cube"]
    # "Alkohol bland unga" (family, leisure × alcohol × four factors) of the newest adopted lägesbild
    covered = _cell(cube, "family", "alcohol", "parental_attitudes")
    assert covered.problems == ["Alkohol bland unga"] and not covered.empty
    gap = _cell(cube, "leisure", "alcohol", "availability")
    assert gap.empty and gap.problems == ["Alkohol bland unga"]
    assert _cell(cube, "school", "alcohol", "availability").problems == []
    # two problems in one cell; the internal problem too on the staff page, in every factor (it names none)
    assert _cell(cube, "society", "crime", "availability").problems == [
        "Narkotika i centrum",
        "Otrygghet vid busstationen kvällstid",
    ]
    assert _cell(cube, "society", "crime", "truancy").problems == ["Otrygghet vid busstationen kvällstid"]
    marked = {p.mark.title: p for p in response.context["view"]["problems"]}
    assert (len(marked["Alkohol bland unga"].cells), marked["Alkohol bland unga"].gaps) == (8, 7)
    page = response.content.decode()
    assert "Prioriterade problem i luckvyn" in page
    assert "Alkohol bland unga</strong> – berör 8 celler, 7 av dem utan evidensbaserad aktivitet" in page


def test_the_lagesbild_coverage_section_is_the_same_gap_view_with_its_own_public_problems(
    situation_demo, places, users, client_for
):
    _activity(places)
    report = situation_demo["report"]
    staff = client_for(users["coordinator"]).get(reverse("situation:report", args=[report.pk]))
    part = next(p["context"] for p in staff.context["extra_sections"] if p["section"].key == "activities")
    assert [t.key for t in part["cube"]] == ["family", "children_youth", "school", "leisure", "society"]
    assert "areas" not in part and "factors" not in part  # no separate counts of its own
    assert _cell(part["cube"], "family", "alcohol", "parental_attitudes").evidence_based[0].title == (
        "Föräldrastöd ÖPP"
    )
    assert _cell(part["cube"], "society", "crime", "truancy").problems == [
        "Otrygghet vid busstationen kvällstid"
    ]
    text = staff.content.decode()
    assert (
        "ingen evidensbaserad aktivitet" in text
        and "Pågående aktiviteter per arena och ANDTS-område" not in text
    )

    page = client_for(None).get(f"/p/arjeplog/lagesbild/{report.pk}/").content.decode()
    assert "Alkohol bland unga" in page and "ingen evidensbaserad aktivitet" in page
    assert "Otrygghet vid busstationen" not in page  # the internal problem is not marked in public
