"""Pages of the readiness app: who sees what, the numbers the app gives, PDF, import, public page."""

import io
import json
import re
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.readiness import selectors, services
from samverka.readiness.demo_data import TRANSCRIPT
from samverka.readiness.models import Assessment, ConsensusScore, Interview, Score
from samverka.readiness.scoring import dimension_name
from samverka.readiness.sheets import parse_sheet
from tests.readiness.sheets import bad_sheets, csv_bytes, good_rows

pytestmark = pytest.mark.django_db
SECRET_LINE = "Föräldrastödet har startat igen"


def text_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


# --- transcripts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["anonymous", "other_editor", "county", "editor_not_in_team", "police", "admin"]
)
def test_only_the_team_can_read_transcripts(readiness, users, client_for, who, django_user_model):
    user = users["police"] if who == "editor_not_in_team" else users[who]
    if who == "editor_not_in_team":
        user = django_user_model.objects.get(username="arjeplog-redaktor")
        readiness["done"].team.filter(user=user).delete()
    client = client_for(user)
    interview = readiness["done"].interviews.first()
    assessment = readiness["done"]
    for url in [
        reverse("readiness:interview", args=[interview.pk]),
        reverse("readiness:score", args=[interview.pk]),
        reverse("readiness:consensus", args=[interview.pk]),
        reverse("readiness:scores_json", args=[interview.pk]),
        reverse("readiness:export", args=[assessment.pk]),
        reverse("readiness:interview_edit", args=[assessment.pk, interview.pk]),
        reverse("readiness:detail", args=[assessment.pk]),
        reverse("readiness:report", args=[assessment.pk]),
        reverse("public:readiness_public:detail", args=["arjeplog", assessment.pk]),
        f"/historik/readiness/interview/{interview.pk}/",
    ]:
        response = client.get(url)
        assert SECRET_LINE not in text_of(response), (who, url)
        if "intervju/" in url or url.endswith(".csv") or "/andra/" in url:
            assert response.status_code in (302, 403, 404), (who, url)


def test_the_team_reads_the_transcript(readiness, client_for):
    interview = readiness["done"].interviews.first()
    response = client_for(readiness["scorer1"]).get(reverse("readiness:interview", args=[interview.pk]))
    assert response.status_code == 200 and SECRET_LINE in response.content.decode()


def test_other_municipality_and_anonymous_get_nothing_of_the_assessment(readiness, users, client_for):
    for who in ("other_editor", "outsider"):
        response = client_for(users[who]).get(reverse("readiness:detail", args=[readiness["done"].pk]))
        assert response.status_code == 404
    response = client_for(users["anonymous"]).get(reverse("readiness:detail", args=[readiness["done"].pk]))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_guessed_assessment_and_interview_ids_give_404(readiness, users, client_for):
    client = client_for(users["coordinator"])
    for url in [
        "/beredskap/00000000-0000-0000-0000-000000000000/",
        "/beredskap/intervju/00000000-0000-0000-0000-000000000000/",
    ]:
        assert client.get(url).status_code == 404


def test_municipal_staff_outside_the_team_see_results_but_not_interviews_links(readiness, users, client_for):
    response = client_for(users["police"]).get(reverse("readiness:detail", args=[readiness["done"].pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Förplanering" in text
    assert reverse("readiness:interview", args=[readiness["done"].interviews.first().pk]) not in text


# --- the numbers -----------------------------------------------------------------------------------


def test_the_command_and_the_app_give_the_same_numbers(readiness, users, client_for, tmp_path):
    from django.core.management import call_command

    assessment = readiness["done"]
    export = client_for(readiness["scorer1"]).get(reverse("readiness:export", args=[assessment.pk]))
    sheet = tmp_path / "export.csv"
    sheet.write_bytes(b"".join(export.streaming_content))
    # every row names its dimension, not only the letter
    text = sheet.read_bytes().decode("utf-8-sig")
    for key in assessment.dimension_keys:
        assert f";{key} – {dimension_name(key, assessment.model)};" in text
    assert not re.search(r";[A-F];", text)
    out = io.StringIO()
    call_command("readiness-score", str(sheet), "--format", "json", stdout=out)
    from_command = json.loads(out.getvalue())
    from_app = (
        client_for(readiness["scorer1"]).get(reverse("readiness:result_json", args=[assessment.pk])).json()
    )
    assert from_command["dimensions"] == from_app["dimensions"]
    assert from_command["overall"] == from_app["overall"]
    assert from_command["agreement"] == from_app["agreement"]
    # and the rule itself: dimension A is the mean of the consensus scores
    values = ConsensusScore.objects.filter(interview__assessment=assessment, dimension="A").values_list(
        "value", flat=True
    )
    assert from_app["dimensions"]["A"]["score"] == float(sum(Fraction(v) for v in values) / len(values))


def test_the_app_gets_the_floating_point_edge_right(readiness, users):
    """Import the sheet whose exact overall mean is 5 (floats say 4.999…): stage 5 in the app too."""
    assessment = services.assessment_create(
        user=users["coordinator"],
        owner=readiness["done"].municipality,
        issue="Kantfall",
        substance_area="alcohol",
        model="six",
        step="half",
        team=[(readiness["scorer1"], "scorer"), (readiness["scorer2"], "scorer")],
    )
    rows = [r for r in good_rows() if not r[3]]
    services.scores_import(
        user=users["coordinator"], assessment=assessment, sheet=parse_sheet(csv_bytes(rows))
    )
    result, _why = selectors.result_of(assessment)
    assert result.overall.score == 5 and result.overall.stage == 5


# --- PDF and public page -----------------------------------------------------------------------------


def test_the_pdf_report_renders_with_the_stage_name(readiness, users, client_for):
    from pypdf import PdfReader

    response = client_for(users["coordinator"]).get(reverse("readiness:report", args=[readiness["done"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    result, _ = selectors.result_of(readiness["done"])
    from samverka.readiness.scoring import stage_name

    assert stage_name(result.overall.stage) in text
    assert "Demodata" in text


def test_the_interview_guide_prints_as_pdf_in_both_languages(readiness, client_for):
    from pypdf import PdfReader

    client = client_for(readiness["scorer1"])
    for lang, word in (("sv", "Intervjuguide"), ("en", "Interview guide")):
        response = client.get(reverse("readiness:guide_pdf", args=[readiness["done"].pk]) + f"?lang={lang}")
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert word in text


def test_the_public_page_shows_the_published_result_and_never_transcripts(readiness, client_for, users):
    response = client_for(users["anonymous"]).get(
        reverse("public:readiness_public:detail", args=["arjeplog", readiness["done"].pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in text and "<table" in text and "demodata" in text.lower()
    assert SECRET_LINE not in text and "Lena" not in text


def test_the_public_page_never_shows_an_unpublished_assessment(readiness, client_for, users):
    client = client_for(users["anonymous"])
    assert (
        client.get(
            reverse("public:readiness_public:detail", args=["arjeplog", readiness["ongoing"].pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("public:readiness_public:detail", args=["pitea", readiness["done"].pk])
        ).status_code
        == 404
    )
    listing = client.get(reverse("public:readiness_public:list", args=["arjeplog"])).content.decode()
    assert readiness["done"].issue in listing and readiness["ongoing"].issue not in listing
    Assessment.objects.filter(pk=readiness["done"].pk).update(published=False)
    assert (
        client.get(
            reverse("public:readiness_public:detail", args=["arjeplog", readiness["done"].pk])
        ).status_code
        == 404
    )


# --- import ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(bad_sheets()))
def test_every_bad_sheet_is_refused_in_the_app_naming_the_row_and_nothing_is_saved(
    readiness, users, client_for, case
):
    data, row, word = bad_sheets()[case]
    assessment = readiness["ongoing"]
    Assessment.objects.filter(pk=assessment.pk).update(step="half")
    before = (ConsensusScore.objects.count(), Interview.objects.count())
    client = client_for(users["coordinator"])
    response = client.post(
        reverse("readiness:import", args=[assessment.pk]), {"sheet": SimpleUploadedFile("s.csv", data)}
    )
    text = response.content.decode()
    assert word in text
    if row is not None:
        assert f"rad {row}:" in text
    assert "readiness_import" not in client.session
    assert (ConsensusScore.objects.count(), Interview.objects.count()) == before


def test_import_shows_a_preview_then_saves_everything_on_confirm(readiness, users, client_for):
    assessment = readiness["ongoing"]
    Assessment.objects.filter(pk=assessment.pk).update(step="half")
    rows = [[r[0], r[1], r[2], ""] for r in good_rows() if not r[3]]
    rows += [["Intervju 1", "C", "4", "arjeplog-bedomare1"], ["Intervju 1", "C", "5", "arjeplog-bedomare2"]]
    client = client_for(users["coordinator"])
    url = reverse("readiness:import", args=[assessment.pk])
    preview = client.post(url, {"sheet": SimpleUploadedFile("s.csv", csv_bytes(rows))})
    assert "Förberedelse" in preview.content.decode()
    agreed = 6  # the demo's interview 1 is agreed on all six dimensions
    assert ConsensusScore.objects.filter(interview__assessment=assessment).count() == agreed
    client.post(url, {"confirm": "1"})
    result, why = selectors.result_of(Assessment.objects.get(pk=assessment.pk))
    # the sheet's nine interviews now have consensus, but three of the demo's own four have none yet: the
    # result is preliminary, and completing names what is missing rather than leaving it out silently
    assert (result.preliminary, result.interviews, result.interviews_planned, why) == (True, 10, 13, "")
    missing = selectors.missing_for_completion(Assessment.objects.get(pk=assessment.pk))
    assert any("2. Fritidsledare" in m and "A (" in m for m in missing), missing
    assert not any("1. Skolsköterska" in m for m in missing), missing
    assert ConsensusScore.objects.filter(interview__assessment=assessment).count() == agreed + 9 * 6


def _scores(assessment):
    return (
        sorted(
            ConsensusScore.objects.filter(interview__assessment=assessment).values_list(
                "interview__number", "dimension", "value"
            )
        ),
        sorted(
            Score.objects.filter(sheet__interview__assessment=assessment).values_list(
                "sheet__scorer__username", "sheet__interview__number", "dimension", "value"
            )
        ),
        Interview.objects.filter(assessment=assessment).count(),
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_export_of_scorers_whose_names_start_a_formula_imports_back_unchanged(
    readiness, users, client_for, start
):
    """A user name starting with = + - @ is written with an apostrophe (no spreadsheet runs it); the import
    takes it off again, so the scorer is found and every score stays as it was."""
    assessment = readiness["done"]
    for scorer in (readiness["scorer1"], readiness["scorer2"]):
        scorer.username = start + scorer.username
        scorer.save(update_fields=["username"])
    export = client_for(readiness["scorer1"]).get(reverse("readiness:export", args=[assessment.pk]))
    data = b"".join(export.streaming_content)
    assert f";'{start}arjeplog-bedomare1\r\n" in data.decode("utf-8-sig")
    Assessment.objects.filter(pk=assessment.pk).update(completed=False)  # reopened, to import into
    before = _scores(assessment)
    assert before[1], "the demo's completed assessment has scorers' scores"

    client = client_for(users["coordinator"])
    url = reverse("readiness:import", args=[assessment.pk])
    preview = client.post(url, {"sheet": SimpleUploadedFile("poang.csv", data)})
    assert preview.context["preview"] is not None, preview.context["form"].errors
    confirmed = client.post(url, {"confirm": "1"}, follow=True)
    assert "Poängen importerades." in text_of(confirmed), text_of(confirmed)
    assert _scores(assessment) == before


def test_import_with_an_unknown_scorer_saves_nothing(readiness, users):
    from django.core.exceptions import ValidationError

    rows = [*[r for r in good_rows() if not r[3]], ["Intervju 1", "C", "4", "nobody"]]
    assessment = readiness["ongoing"]
    Assessment.objects.filter(pk=assessment.pk).update(step="half")
    assessment.refresh_from_db()
    before = Interview.objects.count()
    with pytest.raises(ValidationError):
        services.scores_import(
            user=users["coordinator"], assessment=assessment, sheet=parse_sheet(csv_bytes(rows))
        )
    assert Interview.objects.count() == before


def test_import_is_for_managers_only(readiness, users, client_for):
    for who in ("other_editor", "police"):
        response = client_for(users[who]).get(reverse("readiness:import", args=[readiness["done"].pk]))
        assert response.status_code in (403, 404)
    assert (
        client_for(readiness["scorer1"])
        .get(reverse("readiness:import", args=[readiness["done"].pk]))
        .status_code
        == 403
    )


# --- plan, interviews, transcripts ------------------------------------------------------------------


def test_coordinator_creates_an_assessment_with_team_guide_and_planned_respondents(
    places, users, client_for, readiness
):
    client = client_for(users["coordinator"])
    data = {
        "issue": "Tobak bland unga",
        "substance_area": "tobacco",
        "community": "Unga i kommunen",
        "model": "five",
        "step": "whole",
        "team-scorers": [readiness["scorer1"].pk, readiness["scorer2"].pk],
        "team-interviewers": [users["editor"].pk],
        "resp-TOTAL_FORMS": "6",
        "resp-INITIAL_FORMS": "0",
        "resp-0-role": "Rektor",
        "resp-0-sector": "school",
        "resp-1-role": "Präst",
        "resp-1-sector": "church",
    }
    response = client.post(reverse("readiness:create", args=["arjeplog"]), data)
    assessment = Assessment.objects.get(issue="Tobak bland unga")
    assert response.status_code == 302
    assert assessment.questions.exists() and not assessment.questions.filter(dimension="A").exists()
    assert list(assessment.interviews.values_list("respondent_role", flat=True)) == ["Rektor", "Präst"]
    assert assessment.team.filter(role="scorer").count() == 2


def test_someone_from_another_municipality_cannot_be_put_on_the_team(readiness, users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.team_set(
            user=users["coordinator"],
            assessment=readiness["ongoing"],
            members=[(users["coordinator"], "coordinator"), (users["other_editor"], "scorer")],
        )


def test_editors_and_other_municipalities_cannot_create_assessments(places, users, client_for):
    assert client_for(users["editor"]).get(reverse("readiness:create", args=["arjeplog"])).status_code == 403
    assert (
        client_for(users["other_editor"]).get(reverse("readiness:create", args=["arjeplog"])).status_code
        == 404
    )


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_a_transcript_can_be_uploaded_as_text_or_word(readiness, users, client_for, kind):
    interview = readiness["ongoing"].interviews.get(number=3)
    if kind == "txt":
        upload = SimpleUploadedFile("t.txt", "Utskrift med å, ä och ö.".encode("cp1252"))
    else:
        from docx import Document

        document = Document()
        document.add_paragraph("Utskrift med å, ä och ö.")
        buffer = io.BytesIO()
        document.save(buffer)
        upload = SimpleUploadedFile("t.docx", buffer.getvalue())
    client_for(users["coordinator"]).post(
        reverse("readiness:interview_edit", args=[readiness["ongoing"].pk, interview.pk]),
        {
            "respondent_role": interview.respondent_role,
            "sector": interview.sector,
            "transcript": "",
            "transcript_file": upload,
        },
    )
    interview.refresh_from_db()
    assert interview.transcript == "Utskrift med å, ä och ö."


def test_a_broken_or_huge_transcript_file_is_refused_and_nothing_changes(readiness, users, client_for):
    interview = readiness["ongoing_interview"]
    url = reverse("readiness:interview_edit", args=[readiness["ongoing"].pk, interview.pk])
    client = client_for(users["coordinator"])
    for upload in (
        SimpleUploadedFile("t.docx", b"not a word file"),
        SimpleUploadedFile("t.pdf", b"%PDF"),
        SimpleUploadedFile("t.txt", b"x" * (2 * 1024 * 1024 + 1)),
    ):
        response = client.post(
            url,
            {"respondent_role": "Ändrad", "sector": "health", "transcript": "", "transcript_file": upload},
        )
        assert response.status_code == 200
        interview.refresh_from_db()
        assert interview.respondent_role == "Fritidsledare" and TRANSCRIPT[:10] in interview.transcript


# --- over time, county, lists -------------------------------------------------------------------------


def test_change_over_time_compares_assessments_of_the_same_issue(readiness, users, client_for):
    response = client_for(users["coordinator"]).get(reverse("readiness:compare", args=[readiness["done"].pk]))
    assert response.status_code == 200 and "<svg" in response.content.decode()


def test_the_county_board_sees_shared_results_of_the_county_in_one_table(readiness, users, client_for):
    client = client_for(users["county"])
    response = client.get(reverse("readiness:county", args=["norrbotten"]))
    text = response.content.decode()
    assert response.status_code == 200 and "Arjeplog" in text and readiness["done"].issue in text
    assert readiness["ongoing"].issue not in text
    csv = client.get(reverse("readiness:county", args=["norrbotten"]) + "?format=csv")
    assert "Arjeplog" in text_of(csv)
    assert (
        client_for(users["outsider"]).get(reverse("readiness:county", args=["norrbotten"])).status_code == 404
    )


def test_the_list_page_costs_at_most_twelve_queries(
    readiness, users, client_for, django_assert_max_num_queries
):
    client = client_for(users["coordinator"])
    # 12 for the page, 6 for the header's unread count (notices/inbox.py: the selector's approvals, follow-ups
    # due, action items, partners' follow-ups, notes and counts, scores waiting, and the read state); the
    # place navigation none once the session keeps the user's places (the first page of a session fills it)
    client.get(reverse("readiness:list", args=["arjeplog"]))
    with django_assert_max_num_queries(18):
        assert client.get(reverse("readiness:list", args=["arjeplog"])).status_code == 200


def test_demo_load_twice_changes_nothing(readiness):
    from samverka.readiness import demo_data
    from samverka.readiness.models import Score

    counts = (Assessment.objects.count(), Interview.objects.count(), Score.objects.count())
    demo_data.load()
    assert (Assessment.objects.count(), Interview.objects.count(), Score.objects.count()) == counts


# --- strategies link to the catalogue -------------------------------------------------------------


def test_results_link_to_fitting_catalogue_activities_and_the_public_page_only_to_published_ones(
    readiness, users, client_for
):
    from samverka.activities.models import Activity, SubstanceArea

    place = readiness["done"].municipality
    alcohol = SubstanceArea.objects.get(code="alcohol")
    fitting = Activity.objects.create(
        municipality=place, title="Föräldramöte om alkohol", arena="school", status="active"
    )
    fitting.substance_areas.add(alcohol)
    hidden = Activity.objects.create(
        municipality=place, title="Opublicerad insats", arena="society", status="active", published=False
    )
    hidden.substance_areas.add(alcohol)
    Activity.objects.filter(pk=fitting.pk).update(published=True)
    other_area = Activity.objects.create(
        municipality=place, title="Spelprevention", arena="school", status="active"
    )
    other_area.substance_areas.add(SubstanceArea.objects.get(code="gambling"))

    staff = client_for(users["coordinator"]).get(reverse("readiness:detail", args=[readiness["done"].pk]))
    text = staff.content.decode()
    assert "Föräldramöte om alkohol" in text and "Opublicerad insats" in text and "Spelprevention" not in text
    public = client_for(users["anonymous"]).get(
        reverse("public:readiness_public:detail", args=["arjeplog", readiness["done"].pk])
    )
    text = public.content.decode()
    assert "Föräldramöte om alkohol" in text and "Opublicerad insats" not in text


def test_the_start_page_shows_scorers_their_assessments_and_the_county_board_its_overview(
    readiness, users, client_for
):
    text = client_for(readiness["scorer2"]).get("/").content.decode()
    assert readiness["ongoing"].issue in text
    text = client_for(users["county"]).get("/").content.decode()
    assert reverse("readiness:county", args=["norrbotten"]) in text
    text = client_for(users["other_editor"]).get("/").content.decode()
    assert (
        reverse("readiness:county", args=["norrbotten"]) not in text
        and readiness["ongoing"].issue not in text
    )


def test_the_coordinator_adds_a_held_interview_with_a_typed_transcript(readiness, users, client_for):
    assessment = readiness["ongoing"]
    response = client_for(users["coordinator"]).post(
        reverse("readiness:interview_new", args=[assessment.pk]),
        {
            "respondent_role": "Butikschef",
            "sector": "business",
            "held_on": "2026-11-10",
            "transcript": "Text.",
        },
    )
    interview = assessment.interviews.get(respondent_role="Butikschef")
    assert response.status_code == 302 and interview.number == 5 and interview.transcript == "Text."


def test_the_team_page_changes_the_team_and_refuses_fewer_than_two_scorers(readiness, users, client_for):
    assessment = readiness["ongoing"]
    client = client_for(users["coordinator"])
    url = reverse("readiness:team", args=[assessment.pk])
    client.post(url, {"coordinators": [users["coordinator"].pk], "scorers": [readiness["scorer1"].pk]})
    assert assessment.team.filter(role="scorer").count() == 2
    client.post(
        url,
        {
            "coordinators": [users["coordinator"].pk],
            "scorers": [readiness["scorer1"].pk, readiness["scorer2"].pk, users["police"].pk],
        },
    )
    assert assessment.team.filter(role="scorer").count() == 3
    assert client_for(readiness["scorer1"]).get(url).status_code == 403
