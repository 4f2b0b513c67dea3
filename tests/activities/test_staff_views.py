import uuid

import pytest
from django.urls import reverse

from samverka.activities.models import Activity, EvidenceBasis, PreventionLevel, Status


def _form_data(activity=None, **changes):
    data = {
        "title": "Föräldrastöd",
        "summary": "",
        "description": "",
        "arena": "family",
        "prevention_level": "",
        "status": "active",
        "status_reason": "",
        "status_since": "",
        "evidence_basis": "none",
        "evidence_registry": "",
        "evidence_rating": "",
        "frequency": "",
        "reach_per_year": "",
        "contact_organisation": "",
        "contact_email": "",
        "last_reviewed": "",
    }
    if activity is not None:
        data.update(
            {
                "title": activity.title,
                "arena": activity.arena,
                "status": activity.status,
                "status_reason": activity.status_reason,
                "opened_at_version": activity.version,
                "organisations": [str(o.pk) for o in activity.organisations.all()],
                "substance_areas": [str(o.pk) for o in activity.substance_areas.all()],
                "target_groups": [str(o.pk) for o in activity.target_groups.all()],
                "factors": [str(o.pk) for o in activity.factors.all()],
            }
        )
        if activity.published:
            data["published"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_coordinator_lists_arjeplogs_activities(client_for, users, catalogue):
    response = client_for(users["coordinator"]).get(reverse("activities:municipality", args=["arjeplog"]))
    assert response.status_code == 200
    for title in catalogue:
        assert title in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"arena": "school"}, {"Riktat arbete mot skolfrånvaro"}),
        ({"area": "doping"}, {"Antidopingarbete med kommunens gym"}),
        ({"status": "paused"}, {"Föräldrastöd"}),
        ({"organisation": "systembolaget"}, {"Samarbete mot langning"}),
        ({"q": "norrbus"}, {"Norrbus"}),
        ({"evidence": "research"}, {"Träning i att hantera aggressioner"}),
        ({"level": "indicated"}, set()),
    ],
)
def test_the_list_filters_by_each_criterion(client_for, users, catalogue, params, expected):
    response = client_for(users["coordinator"]).get(
        reverse("activities:municipality", args=["arjeplog"]), params
    )
    assert {a.title for a in response.context["activities"]} == expected


def test_filters_on_evidence_and_level_find_what_matches(client_for, users, make_activity):
    make_activity(
        title="Evidens", evidence_basis=EvidenceBasis.RESEARCH, prevention_level=PreventionLevel.SELECTIVE
    )
    make_activity(title="Erfarenhet", evidence_basis=EvidenceBasis.EXPERIENCE)
    client = client_for(users["coordinator"])
    url = reverse("activities:municipality", args=["arjeplog"])
    assert [a.title for a in client.get(url, {"evidence": "research"}).context["activities"]] == ["Evidens"]
    assert [a.title for a in client.get(url, {"level": "selective"}).context["activities"]] == ["Evidens"]


def test_the_list_costs_the_same_queries_with_ten_more_activities(
    client_for, users, make_activity, queries_do_not_grow
):
    client = client_for(users["coordinator"])
    url = reverse("activities:municipality", args=["arjeplog"])
    make_activity(factors=["truancy"])
    response = queries_do_not_grow(
        lambda: client.get(url),
        lambda i: make_activity(areas=["alcohol", "doping"], factors=["truancy", "school_success"]),
        lambda response: len(response.context["activities"]),
    )
    assert len(response.context["activities"]) == 11


def test_the_coordinator_creates_an_activity(client_for, users, places):
    orgs = places["orgs"]
    response = client_for(users["coordinator"]).post(
        reverse("activities:create", args=["arjeplog"]),
        _form_data(title="Läxhjälp", organisations=[str(orgs["arjeplog-skolan"].pk)], published="on"),
    )
    activity = Activity.objects.get(title="Läxhjälp")
    assert response.status_code == 302
    assert activity.municipality == places["arjeplog"] and activity.published
    assert list(activity.organisations.all()) == [orgs["arjeplog-skolan"]]


def test_a_paused_activity_needs_a_reason(client_for, users):
    response = client_for(users["coordinator"]).post(
        reverse("activities:create", args=["arjeplog"]), _form_data(title="Paus", status="paused")
    )
    assert response.status_code == 200 and "status_reason" in response.context["form"].errors
    assert not Activity.objects.filter(title="Paus").exists()


def test_the_coordinator_resumes_parental_support(client_for, users, catalogue):
    activity = catalogue["Föräldrastöd"]
    client = client_for(users["coordinator"])
    history_before = activity.history.count()
    response = client.post(
        reverse("activities:edit", args=[activity.pk]),
        _form_data(activity, status="active", status_reason=""),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Status.ACTIVE and activity.version == 2
    assert activity.history.count() == history_before + 1


def test_an_editor_cannot_unpublish_through_the_form(client_for, users, catalogue):
    activity = catalogue["Norrbus"]
    data = _form_data(activity, summary="Ny text")
    del data["published"]
    response = client_for(users["editor"]).post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.published and activity.summary == "Ny text"


def test_a_stale_form_shows_the_conflict_and_saves_nothing(client_for, users, catalogue):
    activity = catalogue["Norrbus"]
    client = client_for(users["coordinator"])
    client.post(reverse("activities:edit", args=[activity.pk]), _form_data(activity, summary="Först"))
    response = client.post(
        reverse("activities:edit", args=[activity.pk]), _form_data(activity, summary="Sist")
    )
    assert response.status_code == 200 and response.context["conflict"] is not None
    activity.refresh_from_db()
    assert activity.summary == "Först"


def test_the_history_link_is_shown_to_the_coordinator(client_for, users, catalogue):
    activity = catalogue["Norrbus"]
    response = client_for(users["coordinator"]).get(reverse("activities:detail", args=[activity.pk]))
    history = reverse("history", args=["activities", "activity", activity.pk])
    assert history in response.content.decode()
    assert client_for(users["coordinator"]).get(history).status_code == 200


def test_marking_as_reviewed_sets_today(client_for, users, catalogue):
    activity = catalogue["Norrbus"]
    client_for(users["editor"]).post(reverse("activities:mark_reviewed", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.last_reviewed is not None and not activity.needs_review


# --- Another municipality's editor, anonymous visitors and guessed ids -------------------------------


def test_an_editor_of_pitea_sees_none_of_arjeplogs_activities(client_for, users, catalogue):
    client = client_for(users["other_editor"])
    assert client.get(reverse("activities:index")).context["activities"] == []
    assert client.get(reverse("activities:municipality", args=["arjeplog"])).status_code == 404
    assert client.get(reverse("activities:gaps", args=["arjeplog"])).status_code == 404
    assert client.get(reverse("activities:export_csv", args=["arjeplog"])).status_code == 404


def test_an_editor_of_pitea_cannot_create_change_or_unpublish_arjeplogs_activities(
    client_for, users, catalogue
):
    activity = catalogue["Norrbus"]
    client = client_for(users["other_editor"])
    assert client.get(reverse("activities:create", args=["arjeplog"])).status_code == 404
    assert client.post(reverse("activities:create", args=["arjeplog"]), _form_data()).status_code == 404
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 404
    unpublish = _form_data(activity, title="Kapad")
    del unpublish["published"]
    assert client.post(reverse("activities:edit", args=[activity.pk]), unpublish).status_code == 404
    assert client.post(reverse("activities:mark_reviewed", args=[activity.pk])).status_code == 404
    assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Norrbus" and activity.published and activity.version == 1
    assert Activity.objects.filter(municipality__slug="arjeplog").count() == len(catalogue)


def test_an_editor_of_pitea_cannot_attach_arjeplogs_organisations_in_pitea(client_for, users, places):
    response = client_for(users["other_editor"]).post(
        reverse("activities:create", args=["pitea"]),
        _form_data(title="Pitå-insats", organisations=[str(places["orgs"]["fritidsgarden-polar"].pk)]),
    )
    assert response.status_code == 200 and "organisations" in response.context["form"].errors
    assert not Activity.objects.filter(title="Pitå-insats").exists()


def test_a_reader_cannot_edit(client_for, users, catalogue):
    activity = catalogue["Norrbus"]
    client = client_for(users["county"])  # county board reader: sees, may not change
    assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 200
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 403
    assert client.get(reverse("activities:create", args=["arjeplog"])).status_code == 403


@pytest.mark.parametrize("name", ["detail", "edit", "mark_reviewed"])
def test_guessed_ids_give_not_found(client_for, users, catalogue, name):
    client = client_for(users["coordinator"])
    assert client.get(reverse(f"activities:{name}", args=[uuid.uuid4()])).status_code in (404, 405)
    assert client.get(f"/aktiviteter/{uuid.uuid4()}/andra/").status_code == 404
    assert client.get("/aktiviteter/1/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, catalogue):
    activity = catalogue["Norrbus"]
    for url in [
        reverse("activities:index"),
        reverse("activities:municipality", args=["arjeplog"]),
        reverse("activities:detail", args=[activity.pk]),
        reverse("activities:edit", args=[activity.pk]),
        reverse("activities:import", args=["arjeplog"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_the_start_page_lists_activities_not_reviewed_for_twelve_months(client_for, users, make_activity):
    import datetime

    from django.utils import timezone

    make_activity(
        title="Gammal granskning", last_reviewed=timezone.localdate() - datetime.timedelta(days=400)
    )
    make_activity(title="Färsk granskning", last_reviewed=timezone.localdate())
    page = client_for(users["editor"]).get(reverse("start")).content.decode()
    assert "Gammal granskning" in page and "Färsk granskning" not in page
    assert "Gammal granskning" not in client_for(users["other_editor"]).get(reverse("start")).content.decode()


def test_a_collaborations_activities_are_created_and_edited_by_its_members(client_for, users, places):
    orgs = places["orgs"]
    url = reverse("activities:collaboration_create", args=["pite-alvdal"])
    response = client_for(users["coordinator"]).post(
        url, _form_data(title="Gemensam kampanj", organisations=[str(orgs["lpo-pitea-alvdal"].pk)])
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Gemensam kampanj")
    assert activity.collaboration == places["pite_alvdal"] and activity.municipality is None
    # Piteå's editor is a member of the collaboration too, so may change it.
    response = client_for(users["other_editor"]).post(
        reverse("activities:edit", args=[activity.pk]), _form_data(activity, summary="Pite älvdal")
    )
    assert response.status_code == 302
    listing = client_for(users["county"]).get(reverse("activities:collaboration", args=["pite-alvdal"]))
    assert [a.title for a in listing.context["activities"]] == ["Gemensam kampanj"]
    assert (
        client_for(users["outsider"]).get(reverse("activities:detail", args=[activity.pk])).status_code == 404
    )
    assert client_for(users["outsider"]).get(url).status_code == 404


def test_a_collaboration_activity_cannot_name_an_organisation_outside_the_collaboration(
    client_for, users, places
):
    response = client_for(users["coordinator"]).post(
        reverse("activities:collaboration_create", args=["pite-alvdal"]),
        _form_data(title="Utanför", organisations=[str(places["orgs"]["fritidsgarden-polar"].pk)]),
    )
    assert response.status_code == 200 and "organisations" in response.context["form"].errors
    assert not Activity.objects.filter(title="Utanför").exists()


def test_the_history_shows_an_edit_of_the_responsible_organisations(client_for, users, catalogue, places):
    activity = catalogue["Norrbus"]
    client = client_for(users["coordinator"])
    data = _form_data(activity, organisations=[str(places["orgs"]["arjeplogs-kommun"].pk)], status="ended")
    data["status_reason"] = "Ersatt av ny samverkansmodell"
    assert client.post(reverse("activities:edit", args=[activity.pk]), data).status_code == 302
    response = client.get(reverse("history", args=["activities", "activity", activity.pk]))
    assert response.status_code == 200
    assert "Ersatt av ny samverkansmodell" in response.content.decode()
    assert (
        client_for(users["editor"])
        .get(reverse("history", args=["activities", "activity", activity.pk]))
        .status_code
        == 404  # history is for coordinators; to anyone else the page does not exist (core/history.py)
    )


def _cube_cell(response, arena, area, factor):
    table = next(t for t in response.context["view"]["cube"] if t.key == arena)
    row = next(r for r in table.rows if r.key == area)
    return next(c for c in row.cells if c.factor == factor)


def test_the_plans_gap_view_is_empty_without_an_active_evidence_based_activity(
    client_for, users, make_activity
):
    make_activity(
        title="Metod mot skolk",
        arena="school",
        areas=["alcohol", "narcotics"],
        factors=["truancy"],
        evidence_basis=EvidenceBasis.RESEARCH,
    )
    make_activity(title="Egen rutin", arena="school", areas=["alcohol"], factors=["truancy"])
    make_activity(
        title="Pausad metod",
        arena="school",
        areas=["tobacco"],
        factors=["truancy"],
        evidence_basis=EvidenceBasis.RESEARCH,
        status=Status.PAUSED,
        status_reason="Personalbrist",
    )
    make_activity(
        title="Avslutad", arena="school", areas=["doping"], factors=["truancy"], status=Status.ENDED
    )
    response = client_for(users["coordinator"]).get(reverse("activities:gaps", args=["arjeplog"]))

    covered = _cube_cell(response, "school", "alcohol", "truancy")
    assert not covered.empty
    assert [i.title for i in covered.evidence_based] == ["Metod mot skolk"]
    assert [i.title for i in covered.other] == ["Egen rutin"]  # shown, but as what it is
    assert not _cube_cell(response, "school", "narcotics", "truancy").empty
    paused = _cube_cell(response, "school", "tobacco", "truancy")
    assert paused.empty and [i.title for i in paused.other] == ["Pausad metod"]  # paused: a gap
    ended = _cube_cell(response, "school", "doping", "truancy")
    assert ended.empty and ended.other == []  # ended activities are not listed at all
    assert _cube_cell(response, "leisure", "alcohol", "truancy").empty  # another arena is its own cell
    page = response.content.decode()
    assert "Egen rutin (inte forskningsbaserad)" in page and "Pausad metod (uppehåll)" in page
    assert "ingen evidensbaserad aktivitet" in page and "Avslutad" not in page
    assert response.context["view"]["active_total"] == 2 and response.context["view"]["evidence_total"] == 1


def test_an_activity_naming_no_factor_sits_in_the_no_factor_column(client_for, users, make_activity):
    make_activity(
        title="Föräldraträff", arena="family", areas=["alcohol"], evidence_basis=EvidenceBasis.RESEARCH
    )
    response = client_for(users["coordinator"]).get(reverse("activities:gaps", args=["arjeplog"]))
    assert [i.title for i in _cube_cell(response, "family", "alcohol", "").evidence_based] == [
        "Föräldraträff"
    ]
    assert _cube_cell(response, "family", "alcohol", "parental_monitoring").empty


def test_every_demo_activity_has_its_andts_areas(catalogue):
    assert catalogue and all(a.substance_areas.exists() for a in catalogue.values())


def test_the_plans_gap_view_costs_the_same_queries_with_ten_more_activities(
    client_for, users, make_activity, queries_do_not_grow
):
    make_activity(arena="school", areas=["alcohol"], factors=["truancy"])
    client = client_for(users["coordinator"])
    queries_do_not_grow(
        lambda: client.get(reverse("activities:gaps", args=["arjeplog"])),
        lambda i: make_activity(arena="family", areas=["tobacco", "alcohol"], factors=["availability"]),
        lambda response: len(
            {
                i.title
                for t in response.context["view"]["cube"]
                for r in t.rows
                for c in r.cells
                for i in c.other
            }
        ),
    )
