"""Länsrapporten: questions from the YAML file, answers from Samverka's data, an XLSX per municipality."""

import datetime
import io

import openpyxl
import pytest

from samverka.reports import survey
from samverka.reports.models import MunicipalitySettings, ProgrammeDocument


def workbook_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return {row[0]: row for row in book["Länsrapporten"].iter_rows(min_row=2, values_only=True)}


def test_the_arjeplog_survey_opens_and_holds_its_prefilled_answers(demo, users, client_for):
    response = client_for(users["coordinator"]).get("/rapporter/kommun/arjeplog/lansrapporten.xlsx")
    assert response.status_code == 200
    rows = workbook_rows(response)
    _, questions = survey.survey()
    assert set(rows) == {q.id for q in questions}
    assert rows["A3"][3] == 50 and "inställningar" in rows["A3"][4]
    assert rows["A2"][3] == "Preventionssamordnare, Arjeplogs kommun"
    assert rows["B4"][3].startswith("Ja") and "handlingsplan" in rows["B4"][3]
    assert rows["B1"][3] == "Nej"  # no programme recorded: a real answer, not a blank
    assert "Pite älvdal" in rows["D2"][3]
    assert isinstance(rows["E1"][3], int) and rows["E1"][3] >= 1  # parental support in the catalogue
    assert "för hand" in rows["F3"][5]  # what Samverka cannot answer is marked


def test_every_question_is_marked_with_what_samverka_could_do(demo):
    answers = survey.answers_for(demo["kiruna"])
    statuses = {q.id: a.status for q, a in answers}
    assert statuses["A3"] == survey.NO_DATA and statuses["F3"] == survey.MANUAL
    assert all(a.source for q, a in answers)


def test_a_broken_survey_file_is_reported_with_the_question(tmp_path):
    bad = tmp_path / "s.yaml"
    bad.write_text("questions:\n  - {id: X1, section: S, text: T, answer: {from: horoscope}}\n")
    with pytest.raises(survey.SurveyFileError, match="X1"):
        survey.load_questions(bad)
    bad.write_text("questions: [\n")
    with pytest.raises(survey.SurveyFileError):
        survey.load_questions(bad)


def test_other_municipalities_cannot_download_arjeplogs_survey(demo, users, client_for):
    assert (
        client_for(users["other_editor"]).get("/rapporter/kommun/arjeplog/lansrapporten.xlsx").status_code
        == 404
    )
    assert (
        client_for(users["anonymous"]).get("/rapporter/kommun/arjeplog/lansrapporten.xlsx").status_code == 302
    )
    assert (
        client_for(users["coordinator"]).get("/rapporter/kommun/nowhere/lansrapporten.xlsx").status_code
        == 404
    )


def test_the_coordinator_fills_in_the_settings_and_the_survey_follows(demo, users, client_for):
    client = client_for(users["coordinator"])
    page = client.get("/rapporter/kommun/arjeplog/installningar/")
    version = page.context["form"].initial["opened_at_version"]
    response = client.post(
        "/rapporter/kommun/arjeplog/installningar/",
        {
            "coordinator_title": "ANDTS-samordnare",
            "coordinator_share": "40",
            "coordinating_function": "BRÅ",
            "supervision": "Gemensam tillsyn med Arvidsjaur",
            "opened_at_version": version,
        },
    )
    assert response.status_code == 302
    rows = workbook_rows(client.get("/rapporter/kommun/arjeplog/lansrapporten.xlsx"))
    assert rows["A3"][3] == 40 and rows["F1"][3] == "Gemensam tillsyn med Arvidsjaur"


def test_a_stale_settings_form_shows_the_conflict_and_changes_nothing(demo, users, client_for):
    client = client_for(users["coordinator"])
    data = {
        "coordinator_title": "A",
        "coordinator_share": "10",
        "coordinating_function": "",
        "supervision": "",
    }
    version = MunicipalitySettings.objects.get(municipality=demo["arjeplog"]).version
    client.post("/rapporter/kommun/arjeplog/installningar/", {**data, "opened_at_version": version})
    response = client.post(
        "/rapporter/kommun/arjeplog/installningar/",
        {**data, "coordinator_share": "90", "opened_at_version": version},
    )
    assert response.status_code == 200 and response.context["conflict"].changes
    assert MunicipalitySettings.objects.get(municipality=demo["arjeplog"]).coordinator_share == 10


@pytest.mark.parametrize("who", ["editor", "county", "other_editor"])
def test_only_the_coordinator_may_change_the_settings(demo, users, client_for, who):
    client = client_for(users[who])
    response = client.post("/rapporter/kommun/arjeplog/installningar/", {"coordinator_share": "99"})
    assert response.status_code in (403, 404)
    assert MunicipalitySettings.objects.get(municipality=demo["arjeplog"]).coordinator_share == 50


def test_out_of_range_values_get_a_message_and_change_nothing(demo, users, client_for):
    client = client_for(users["coordinator"])
    response = client.post(
        "/rapporter/kommun/arjeplog/installningar/", {"coordinator_title": "x", "coordinator_share": "150"}
    )
    assert response.status_code == 200 and response.context["form"].errors["coordinator_share"]
    response = client.post(
        "/rapporter/kommun/arjeplog/dokument/ny/",
        {"kind": "programme", "title": "ANDT-program", "year_adopted": "1850"},
    )
    assert response.status_code == 200 and not ProgrammeDocument.objects.filter(title="ANDT-program").exists()


def test_the_coordinator_records_a_programme_and_another_municipality_cannot_touch_it(
    demo, users, client_for
):
    client = client_for(users["coordinator"])
    response = client.post(
        "/rapporter/kommun/arjeplog/dokument/ny/",
        {
            "kind": "programme",
            "title": "ANDT-program 2026–2030",
            "year_adopted": "2026",
            "has_measurable_targets": "on",
        },
    )
    assert response.status_code == 302
    doc = ProgrammeDocument.objects.get(title="ANDT-program 2026–2030")
    rows = workbook_rows(client.get("/rapporter/kommun/arjeplog/lansrapporten.xlsx"))
    assert rows["B1"][3].startswith("Ja") and rows["B2"][3] == 2026 and rows["B5"][3] == "Ja"
    other = client_for(users["other_editor"])
    assert other.post(f"/rapporter/kommun/arjeplog/dokument/{doc.pk}/ta-bort/").status_code == 404
    assert other.post(f"/rapporter/kommun/pitea/dokument/{doc.pk}/ta-bort/").status_code in (403, 404)
    assert ProgrammeDocument.objects.filter(pk=doc.pk).exists()
    client = client_for(users["coordinator"])  # one test client: log the coordinator back in
    assert client.post(f"/rapporter/kommun/arjeplog/dokument/{doc.pk}/ta-bort/").status_code == 302
    assert not ProgrammeDocument.objects.filter(pk=doc.pk).exists()


# --- answers that must be right, not merely present ---------------------------------------------------


def _answer(municipality, qid, today=None):
    return dict((q.id, a) for q, a in survey.answers_for(municipality, today=today))[qid]


def _adopted_lagesbild(municipality, adopted_at, title="Lägesbild Kiruna"):
    from samverka.situation.models import SituationReport

    return SituationReport.objects.create(
        municipality=municipality,
        title=title,
        period=str(adopted_at.year),
        status="adopted",
        adopted_at=adopted_at,
    )


@pytest.mark.parametrize(
    ("adopted_at", "expected"),
    [
        (datetime.date(2024, 6, 15), "Ja"),  # exactly two years before 15 June 2026: still within
        (datetime.date(2024, 6, 14), "Nej"),  # one day older: not "within the last two years"
        (datetime.date(2026, 6, 15), "Ja"),
    ],
)
def test_a_lagesbild_counts_only_within_the_last_two_years(places, frozen_today, adopted_at, expected):
    _adopted_lagesbild(places["kiruna"], adopted_at)
    answer = _answer(places["kiruna"], "C1")
    assert answer.status == survey.ANSWERED
    assert answer.value.split(":")[0] == expected
    if expected == "Nej":
        assert "2024-06-15" in answer.source and "Lägesbild Kiruna" in answer.source


def test_the_newest_adopted_lagesbild_decides_and_a_draft_does_not_count(places, frozen_today):
    from samverka.situation.models import SituationReport

    _adopted_lagesbild(places["kiruna"], datetime.date(2019, 11, 20), title="Lägesbild 2019")
    SituationReport.objects.create(municipality=places["kiruna"], title="Utkast 2026", period="2026")
    assert _answer(places["kiruna"], "C1").value == "Nej"
    _adopted_lagesbild(places["kiruna"], datetime.date(2025, 3, 1), title="Lägesbild 2025")
    assert _answer(places["kiruna"], "C1").value == "Ja: Lägesbild 2025 (2025, antagen 2025-03-01)"


def test_two_years_back_from_a_leap_day_is_the_28th_of_february():
    assert survey.years_before(datetime.date(2028, 2, 29), 2) == datetime.date(2026, 2, 28)
    assert survey.years_before(datetime.date(2026, 3, 1), 2) == datetime.date(2024, 3, 1)


def test_an_adopted_action_plan_with_target_values_has_measurable_targets(places, frozen_today):
    from samverka.promises.models import ActionPlan, Goal

    kiruna = places["kiruna"]
    assert _answer(kiruna, "B5").value == "Nej"
    org = next(iter(places["orgs"].values()))
    plan = ActionPlan.objects.create(
        municipality=kiruna,
        title="Åtgärdsplan Kiruna 2026",
        owner_organisation=org,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2027, 12, 31),
    )
    Goal.objects.create(municipality=kiruna, plan=plan, text="Färre unga som röker", target_value=5)
    assert _answer(kiruna, "B5").value == "Nej"  # a draft plan is not yet the municipality's plan
    plan.state = "adopted"
    plan.save()
    answer = _answer(kiruna, "B5")
    assert answer.value == "Ja" and "Åtgärdsplan Kiruna 2026" in answer.source


def test_recorded_licence_inspections_are_counted_for_the_survey_year(places, frozen_today):
    from samverka.situation.models import ActivityCount

    kiruna = places["kiruna"]
    org = next(iter(places["orgs"].values()))
    assert _answer(kiruna, "F2").status == survey.NO_DATA
    for year, quarter, n in [(2026, 1, 4), (2026, 2, 7), (2025, 4, 30)]:
        ActivityCount.objects.create(
            municipality=kiruna,
            organisation=org,
            year=year,
            quarter=quarter,
            kind="licence_inspections",
            number=n,
        )
    ActivityCount.objects.create(
        municipality=kiruna, organisation=org, year=2026, quarter=1, kind="concern_talks", number=50
    )
    answer = _answer(kiruna, "F2")
    assert answer.status == survey.ANSWERED and answer.value == 11  # 2026 only, inspections only
    assert "Q3, Q4" in answer.source  # quarters not recorded are named, to be checked by hand


def test_the_xlsx_marks_hand_answers_with_their_reason(demo, users, client_for, frozen_today):
    rows = workbook_rows(
        client_for(users["coordinator"]).get("/rapporter/kommun/arjeplog/lansrapporten.xlsx")
    )
    assert "för hand" in rows["F3"][5] and "kontrollköp" in rows["F3"][4]


# --- Brå's questions on the law 2023:196, filled from the same data ------------------------------------


def _bra(municipality):
    return dict((q.id, a) for q, a in survey.answers_for(municipality, name="bra-lagen"))


def test_bra_questions_are_answered_from_the_plan_the_problems_and_the_follow_up(places, frozen_today):
    from samverka.core.periods import period_create
    from samverka.promises.models import ActionPlan, Goal
    from samverka.reports.models import YearlyFollowUp
    from samverka.situation.models import Problem

    kiruna = places["kiruna"]
    before = _bra(kiruna)
    assert [before[q].value for q in ("L3", "L5", "L6", "L8")] == ["Nej", "Nej", "Nej", "Nej"]
    assert before["L7"].status == survey.MANUAL and "nämnd" in before["L7"].source

    report = _adopted_lagesbild(kiruna, datetime.date(2025, 11, 1))
    Problem.objects.create(report=report, title="Langning till unga", cause_analysis="Vuxna köper ut.")
    Problem.objects.create(report=report, title="Klotter")
    org = next(iter(places["orgs"].values()))
    plan = ActionPlan.objects.create(
        municipality=kiruna,
        title="Åtgärdsplan 2026",
        owner_organisation=org,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2027, 12, 31),
        state="adopted",
        adopted_on=datetime.date(2025, 12, 10),
    )
    Goal.objects.create(municipality=kiruna, plan=plan, text="Mindre langning", target_value=10)
    Goal.objects.create(municipality=kiruna, plan=plan, text="Tryggare centrum")
    period = period_create(kiruna, 2026, 2027)
    YearlyFollowUp.objects.create(municipality=kiruna, period=period, year=2026, text="Vi följde upp i maj.")

    after = _bra(kiruna)
    assert after["L2"].value.startswith("Ja")
    assert after["L3"].value == "Ja" and "1 av 2" in after["L3"].source
    assert after["L5"].value == "Ja: Åtgärdsplan 2026 (2026–2027), 2025-12-10"
    assert after["L6"].value == "Ja" and "1 av 2" in after["L6"].source
    assert after["L8"].value == "Ja" and "2026" in after["L8"].source


def test_the_bra_xlsx_is_arjeplogs_and_no_one_elses(demo, users, client_for):
    response = client_for(users["coordinator"]).get("/rapporter/kommun/arjeplog/bra-lagen.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = {r[0]: r for r in book["Brå lag 2023-196"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {q.id for q in survey.survey("bra-lagen")[1]}
    assert "för hand" in rows["L10"][5]
    for who in ("other_editor", "outsider"):
        assert client_for(users[who]).get("/rapporter/kommun/arjeplog/bra-lagen.xlsx").status_code == 404
    assert client_for(users["anonymous"]).get("/rapporter/kommun/arjeplog/bra-lagen.xlsx").status_code == 302


def test_a_formula_in_the_data_is_not_a_formula_in_the_bra_xlsx(demo, users, client_for):
    from samverka.reports.services import settings_for

    settings = settings_for(demo["arjeplog"])
    settings.coordinating_function = '=HYPERLINK("http://x")'
    settings.save()
    response = client_for(users["coordinator"]).get("/rapporter/kommun/arjeplog/bra-lagen.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = {r[0]: r for r in book["Brå lag 2023-196"].iter_rows(min_row=2, values_only=True)}
    assert not str(rows["L1"][3]).startswith("=") and "HYPERLINK" in rows["L1"][3]
