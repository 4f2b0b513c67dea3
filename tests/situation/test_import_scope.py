"""Write scope of imports (issue 17, finding 1): a person writes observations only for the places they
edit. Rows of a file for other municipalities, the county or the country are left out and named in the
preview before anything is saved; shared indicators are not renamed by a municipality's file; the API
refuses such rows; Kolada fetches and administrators write every place."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.indicators import importing
from samverka.indicators.models import ImportRun, Indicator, Observation
from tests.indicators.conftest import kolada_json, kolada_row

NAME = "Anmälda brott mot narkotikastrafflagen, antal per 100 000 invånare (DEMOVÄRDEN)"


def _file(situation_demo):
    """Piteå's value, and also Arjeplog's, the county's and the country's, and a new name for D00001."""
    rows = [
        {"id": "D00001", "title": "Omdöpt av en kommun", "description": "", "operating_area": ""},
        kolada_row("D00001", "2581", 2023, [{"gender": "T", "value": 111.1, "status": ""}]),
        kolada_row("D00001", "2506", 2023, [{"gender": "T", "value": 9999.9, "status": ""}]),
        kolada_row("D00001", "0025", 2023, [{"gender": "T", "value": 8888.8, "status": ""}]),
        kolada_row("D00001", "0000", 2023, [{"gender": "T", "value": 7777.7, "status": ""}]),
    ]
    return SimpleUploadedFile("kolada.json", kolada_json(rows), "application/json")


def _value(code):
    return Observation.objects.get(
        indicator__source_id="D00001", place__code=code, period="2023", group="T"
    ).value


@pytest.fixture
def before(situation_demo):
    return {code: _value(code) for code in ("2581", "2506", "0025", "0000")}


def test_pitea_imports_only_pitea_and_the_preview_names_the_rows_left_out(
    situation_demo, before, users, client_for
):
    client = client_for(users["other_editor"])
    response = client.post(reverse("situation:import", args=["pitea"]), {"file": _file(situation_demo)})
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Rader som inte importeras" in text
    assert "Arjeplog (2506): 1 rad (radnummer 3)" in text
    assert "Norrbottens län (0025): 1 rad (radnummer 4)" in text
    assert "Riket (0000): 1 rad (radnummer 5)" in text
    assert "behåller namnen från Kolada: " + NAME in text
    # the preview saved nothing
    assert {code: _value(code) for code in before} == before
    run = ImportRun.objects.get(file_name="kolada.json")
    response = client.post(reverse("situation:import_confirm", args=[run.pk]))
    assert response.status_code == 302
    assert float(_value("2581")) == 111.1
    assert {code: _value(code) for code in ("2506", "0025", "0000")} == {
        code: before[code] for code in ("2506", "0025", "0000")
    }
    assert Indicator.objects.get(source="kolada", source_id="D00001").name_sv == NAME
    job_page = client.get(response["Location"]).content.decode()
    assert "3 rader för platser du inte redigerar lämnades utanför." in html.unescape(job_page)


def test_a_survey_table_with_a_county_row_imports_only_arjeplogs_rows(situation_demo, users, client_for):
    client = client_for(users["editor"])
    data = "Indikator;Kommun;År;Värde\nSK-X;Arjeplog;2024;12\nSK-X;Norrbottens län;2024;13\n"
    response = client.post(
        reverse("situation:import", args=["arjeplog"]),
        {"file": SimpleUploadedFile("enkat.csv", data.encode(), "text/csv")},
    )
    assert "Norrbottens län (0025): 1 rad (radnummer 3)" in html.unescape(response.content.decode())
    client.post(reverse("situation:import_confirm", args=[ImportRun.objects.get(file_name="enkat.csv").pk]))
    assert list(
        Observation.objects.filter(indicator__source_id="SK-X").values_list("place__code", flat=True)
    ) == ["2506"]


def test_a_file_only_for_other_places_is_refused_with_them_named(situation_demo, before, users, client_for):
    client = client_for(users["other_editor"])
    rows = [kolada_row("D00001", "2506", 2023, [{"gender": "T", "value": 9999.9, "status": ""}])]
    response = client.post(
        reverse("situation:import", args=["pitea"]),
        {"file": SimpleUploadedFile("arjeplog.json", kolada_json(rows), "application/json")},
    )
    assert response.status_code == 400
    assert "har bara rader för Arjeplog (2506): 1" in html.unescape(response.content.decode())
    assert _value("2506") == before["2506"]


def test_a_file_of_indicator_names_alone_renames_nothing(situation_demo, users, client_for):
    rows = [{"id": "D00001", "title": "Omdöpt av en kommun", "description": "", "operating_area": ""}]
    client_for(users["other_editor"]).post(
        reverse("situation:import", args=["pitea"]),
        {"file": SimpleUploadedFile("namn.json", kolada_json(rows), "application/json")},
    )
    for run in ImportRun.objects.filter(file_name="namn.json", status=ImportRun.Status.PREVIEW):
        client_for(users["other_editor"]).post(reverse("situation:import_confirm", args=[run.pk]))
    assert Indicator.objects.get(source="kolada", source_id="D00001").name_sv == NAME


def test_the_county_board_and_anonymous_cannot_import_and_an_administrator_writes_every_place(
    situation_demo, before, users, client_for
):
    url = reverse("situation:import", args=["pitea"])
    assert client_for(users["county"]).post(url, {"file": _file(situation_demo)}).status_code == 403
    response = client_for(users["anonymous"]).post(url, {"file": _file(situation_demo)})
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert not ImportRun.objects.filter(file_name="kolada.json").exists()
    admin = client_for(users["admin"])
    response = admin.post(url, {"file": _file(situation_demo)})
    assert "Rader som inte importeras" not in html.unescape(response.content.decode())
    admin.post(reverse("situation:import_confirm", args=[ImportRun.objects.get(file_name="kolada.json").pk]))
    assert float(_value("2506")) == 9999.9 and float(_value("0000")) == 7777.7
    assert Indicator.objects.get(source="kolada", source_id="D00001").name_sv == "Omdöpt av en kommun"


def test_a_county_board_editor_may_write_its_county_and_the_country(places, django_user_model):
    from samverka.core.models import Membership, Role

    user = django_user_model.objects.create_user("lst-redaktor", password="x")
    Membership.objects.create(
        user=user, organisation=places["orgs"]["lansstyrelsen-norrbotten"], role=Role.EDITOR
    )
    scope = importing.write_scope_for(user)
    assert scope.allows("0025") and scope.allows("0000") and scope.shared
    assert not scope.allows("0001")  # Stockholms län: another county board's
    pitea = importing.write_scope_for(django_user_model.objects.get(username="pitea-redaktor"))
    assert pitea.codes == frozenset({"2581"}) and not pitea.shared


def test_the_api_refuses_nothing_but_its_own_municipality_and_renames_no_indicator(
    situation_demo, users, client_for
):
    client = client_for(users["other_editor"])
    response = client.post(
        "/api/v1/observations/import/",
        {
            "municipality": "pitea",
            "rows": [{"indicator": "D00001", "name": "Omdöpt via API", "period": "2024", "value": "5"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Indicator.objects.get(source="kolada", source_id="D00001").name_sv == NAME
    response = client.post(
        "/api/v1/observations/import/",
        {"municipality": "arjeplog", "rows": [{"indicator": "D00001", "period": "2024", "value": "5"}]},
        content_type="application/json",
    )
    assert response.status_code == 403
