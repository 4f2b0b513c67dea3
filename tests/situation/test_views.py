"""Every staff page of the lägesbild: the owner, Piteå's editor, the anonymous visitor and guessed ids."""

import html
import uuid

import pytest
from django.urls import reverse

from samverka.indicators.models import ImportRun, Observation
from samverka.situation.models import ActivityCount, PartnerNote, Problem, SituationReport
from tests.indicators.conftest import DEMO_FILES

pytestmark = pytest.mark.django_db


def pages(report):
    note = PartnerNote.objects.filter(municipality=report.municipality).first()
    problem = report.problems.first()
    indicator = report.report_indicators.first().indicator
    return [
        reverse("situation:overview", args=["arjeplog"]),
        reverse("situation:indicator", args=["arjeplog", indicator.pk]),
        reverse("situation:import", args=["arjeplog"]),
        reverse("situation:note_create", args=["arjeplog"]),
        reverse("situation:note_edit", args=[note.pk]),
        reverse("situation:counts", args=["arjeplog"]),
        reverse("situation:report_create", args=["arjeplog"]),
        reverse("situation:report", args=[report.pk]),
        reverse("situation:report_edit", args=[report.pk]),
        reverse("situation:problem_create", args=[report.pk]),
        reverse("situation:problem_edit", args=[report.pk, problem.pk]),
    ]


def test_the_owner_sees_every_page(situation_demo, users, client_for):
    client = client_for(users["coordinator"])
    for url in pages(situation_demo["report"]):
        assert client.get(url).status_code == 200, url


def test_a_reader_sees_but_may_not_change(situation_demo, users, client_for):
    client = client_for(users["county"])  # the county board reads every Norrbotten municipality
    report = situation_demo["report"]
    assert client.get(reverse("situation:report", args=[report.pk])).status_code == 200
    assert client.get(reverse("situation:report_edit", args=[report.pk])).status_code == 403
    assert client.get(reverse("situation:import", args=["arjeplog"])).status_code == 403
    assert (
        client.post(reverse("situation:report_adopt", args=[report.pk]), {"status": "draft"}).status_code
        == 403
    )


def test_another_municipalitys_editor_finds_nothing(situation_demo, users, client_for):
    client = client_for(users["other_editor"])
    for url in pages(situation_demo["report"]):
        assert client.get(url).status_code == 404, url
    report = situation_demo["report"]
    assert (
        client.post(reverse("situation:report_adopt", args=[report.pk]), {"status": "draft"}).status_code
        == 404
    )
    assert client.get(reverse("situation:report_pdf", args=[report.pk])).status_code == 404


def test_the_anonymous_visitor_is_sent_to_log_in(situation_demo, users, client_for):
    client = client_for(users["anonymous"])
    for url in pages(situation_demo["report"]):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"], url


def test_guessed_ids_are_not_found(situation_demo, users, client_for):
    client = client_for(users["coordinator"])
    guess = uuid.uuid4()
    for url in [
        reverse("situation:report", args=[guess]),
        reverse("situation:note_edit", args=[guess]),
        reverse("situation:problem_edit", args=[situation_demo["report"].pk, guess]),
        reverse("situation:indicator", args=["arjeplog", guess]),
        reverse("situation:overview", args=["atlantis"]),
        reverse("situation:report_pdf", args=[guess]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("situation:import_confirm", args=[guess])).status_code == 404


def test_a_problem_of_another_report_cannot_be_reached_through_this_one(situation_demo, users, client_for):
    other = situation_demo["shared"]
    problem = Problem.objects.create(report=other, title="Annat problem")
    client = client_for(users["coordinator"])
    assert (
        client.get(
            reverse("situation:problem_edit", args=[situation_demo["report"].pk, problem.pk])
        ).status_code
        == 404
    )


def test_the_overview_costs_the_same_queries_with_ten_more_reports(
    situation_demo, users, client_for, queries_do_not_grow
):
    client = client_for(users["coordinator"])

    def add(i):
        SituationReport.objects.create(
            municipality=situation_demo["report"].municipality, title=f"L {2001 + i}", period=str(2001 + i)
        )

    queries_do_not_grow(
        lambda: client.get(reverse("situation:overview", args=["arjeplog"])),
        add,
        r"/lagesbild/r/([0-9a-f-]{36})/",
    )


def test_the_import_page_previews_then_imports_on_confirmation(situation_demo, users, client_for):
    client = client_for(users["coordinator"])
    before = Observation.objects.count()
    with open(DEMO_FILES / "kolada-demo-2024.json", "rb") as handle:
        response = client.post(reverse("situation:import", args=["arjeplog"]), {"file": handle})
    assert response.status_code == 200
    # Arjeplog's own 9 values; the file's other places (45 rows) are left out and listed (issue 17)
    assert "9 nya" in response.content.decode()
    assert "Rader som inte importeras" in response.content.decode()
    assert Observation.objects.count() == before
    run = ImportRun.objects.get(file_name="kolada-demo-2024.json")
    response = client.post(reverse("situation:import_confirm", args=[run.pk]))
    assert response.status_code == 302
    assert Observation.objects.count() == before + 9
    run.refresh_from_db()
    assert (run.status, run.created, run.payload) == (ImportRun.Status.DONE, 9, None)
    # confirming twice imports nothing more
    client.post(reverse("situation:import_confirm", args=[run.pk]))
    assert Observation.objects.count() == before + 9


def test_a_malformed_upload_is_refused_with_its_row_and_nothing_saved(situation_demo, users, client_for):
    client = client_for(users["editor"])
    before = Observation.objects.count()
    data = "Indikator;Kommun;År;Värde\nA;Arjeplog;2024;12\nA;Arjeplog;2024;tolv\n".encode("cp1252")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("situation:import", args=["arjeplog"]),
        {"file": SimpleUploadedFile("enkat.csv", data, "text/csv")},
    )
    assert response.status_code == 400
    assert "Rad 3: kolumnen 'värde' innehåller 'tolv', som inte är ett tal." in html.unescape(
        response.content.decode()
    )
    assert Observation.objects.count() == before


def test_another_user_cannot_confirm_someone_elses_import(situation_demo, users, client_for):
    client = client_for(users["coordinator"])
    with open(DEMO_FILES / "kolada-demo-2024.json", "rb") as handle:
        client.post(reverse("situation:import", args=["arjeplog"]), {"file": handle})
    run = ImportRun.objects.get(file_name="kolada-demo-2024.json")
    assert (
        client_for(users["other_editor"]).post(reverse("situation:import_confirm", args=[run.pk])).status_code
        == 404
    )
    assert (
        client_for(users["editor"]).post(reverse("situation:import_confirm", args=[run.pk])).status_code
        == 404
    )


def test_partner_notes_and_counts_are_saved_for_the_users_own_organisation(situation_demo, users, client_for):
    client = client_for(users["police"])
    police = users["police"].memberships.get().organisation
    response = client.post(
        reverse("situation:note_create", args=["arjeplog"]),
        {
            "organisation": police.pk,
            "date": "2024-03-01",
            "period": "2024-Q1",
            "title": "Langning",
            "text": "Mer langning.",
            "is_public": "",
        },
    )
    assert response.status_code == 302
    assert PartnerNote.objects.get(title="Langning").created_by == users["police"]
    school = situation_demo["report"].municipality.organisations.get(slug="arjeplog-skolan")
    response = client.post(
        reverse("situation:note_create", args=["arjeplog"]),
        {"organisation": school.pk, "date": "2024-03-01", "period": "2024", "title": "Falskt", "text": "x"},
    )
    assert response.status_code == 200 and not PartnerNote.objects.filter(title="Falskt").exists()
    response = client.post(
        reverse("situation:counts", args=["arjeplog"]),
        {"organisation": police.pk, "year": 2024, "quarter": 1, "kind": "licence_inspections", "number": 4},
    )
    assert response.status_code == 302
    client.post(
        reverse("situation:counts", args=["arjeplog"]),
        {"organisation": police.pk, "year": 2024, "quarter": 1, "kind": "licence_inspections", "number": 6},
    )
    assert ActivityCount.objects.get(organisation=police, year=2024).number == 6


def test_a_stale_edit_of_a_note_is_a_conflict_and_loses_nothing(situation_demo, users, client_for):
    note = PartnerNote.objects.filter(
        municipality__slug="arjeplog", organisation__slug="arjeplog-skolan"
    ).first()
    client = client_for(users["coordinator"])
    url = reverse("situation:note_edit", args=[note.pk])
    data = {
        "organisation": note.organisation_id,
        "date": note.date.isoformat(),
        "period": note.period,
        "title": "Ny rubrik",
        "text": note.text,
        "is_public": "on",
        "opened_at_version": note.version,
    }
    PartnerNote.objects.filter(pk=note.pk).update(version=note.version + 1, title="Någon annans rubrik")
    response = client.post(url, data)
    assert response.status_code == 200
    note.refresh_from_db()
    assert note.title == "Någon annans rubrik"
    assert "Någon annans rubrik" in response.content.decode()


def test_the_coordinator_adopts_and_returns_a_lagesbild_to_draft(situation_demo, users, client_for):
    report = situation_demo["report"]
    assert (
        client_for(users["editor"])
        .post(reverse("situation:report_adopt", args=[report.pk]), {"status": "draft"})
        .status_code
        == 403
    )
    client = client_for(users["coordinator"])
    client.post(reverse("situation:report_adopt", args=[report.pk]), {"status": "draft"})
    report.refresh_from_db()
    assert report.status == "draft" and report.adopted_at is None
    client.post(reverse("situation:report_adopt", args=[report.pk]), {"status": "adopted"})
    report.refresh_from_db()
    assert report.is_adopted


def test_indicators_and_problems_are_added_to_a_lagesbild(situation_demo, users, client_for):
    from samverka.indicators.models import Indicator

    client = client_for(users["editor"])
    report = situation_demo["report"]
    indicator = Indicator.objects.get(source_id="SK-NARK")
    frozen = client.post(
        reverse("situation:report_indicator_add", args=[report.pk]),
        {"indicator": indicator.pk, "group": "g2", "target_value": "3"},
        follow=True,
    )
    assert "En antagen lägesbild är låst" in frozen.content.decode()
    assert not report.report_indicators.filter(indicator=indicator, group="g2").exists()
    client_for(users["coordinator"]).post(
        reverse("situation:report_adopt", args=[report.pk]), {"status": "draft"}
    )
    client = client_for(users["editor"])
    client.post(
        reverse("situation:report_indicator_add", args=[report.pk]),
        {"indicator": indicator.pk, "group": "g2", "target_value": "3"},
    )
    assert report.report_indicators.filter(indicator=indicator, group="g2", target_value=3).exists()
    response = client.post(
        reverse("situation:problem_create", args=[report.pk]),
        {
            "title": "Snus i åk 7",
            "frequency": 5,
            "trend": 5,
            "exposure": 4,
            "signal_value": 2,
            "consequences": 3,
            "influence": 5,
            "cause_analysis": "Lätt att köpa.",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("situation:report", args=[report.pk])).content.decode()
    # headings carry an id (the search links to them): compare where the titles close their headings
    assert page.index(">Snus i åk 7</h3>") < page.index(
        ">Alkohol bland unga</h3>"
    )  # 24 points ranks above 22
    response = client.post(
        reverse("situation:problem_create", args=[report.pk]),
        {
            "title": "Fel",
            "frequency": 9,
            "trend": 1,
            "exposure": 1,
            "signal_value": 1,
            "consequences": 1,
            "influence": 1,
        },
    )
    assert response.status_code == 200 and not report.problems.filter(title="Fel").exists()
