"""Issue 17 finding 4: every upload is read within a row limit, an unpacked-size limit and a time limit,
stopped at the first limit reached with a message naming it; the forms state the limits they enforce."""

import io
import itertools
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.core import tabular
from samverka.core.tabular import Limits, TableError, read_table

XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+'
        'xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def bomb_xlsx(rows: int) -> bytes:
    """An XLSX of `rows` identical rows: a few hundred kB that unpack to far more."""
    row = '<row><c t="inlineStr"><is><t>Titel</t></is></c><c t="inlineStr"><is><t>Skola</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData>' + row * rows + "</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_before_it_is_read():
    data = bomb_xlsx(600_000)  # 400,000 rows of the issue, and more
    assert len(data) < 4 * 1024 * 1024
    with pytest.raises(TableError) as caught:
        read_table(data, "aktiviteter.xlsx")
    assert caught.value.template == "The file unpacks to %(size)s MB; the limit is %(limit)s MB."
    assert caught.value.params["limit"] == 50


def test_the_row_limit_stops_a_csv_at_the_first_row_beyond_it():
    csv = "titel;arena\n" + "".join(f"Aktivitet {n};Skola\n" for n in range(10))
    with pytest.raises(TableError) as caught:
        read_table(csv.encode(), "a.csv", limits=Limits(max_rows=3))
    assert caught.value.params == {"limit": 3}
    assert caught.value.row == 5  # header, three rows, and the fourth is one too many


def test_the_row_limit_stops_an_xlsx_too():
    with pytest.raises(TableError) as caught:
        read_table(bomb_xlsx(50), "a.xlsx", limits=Limits(max_rows=10))
    assert caught.value.params == {"limit": 10}


def test_the_time_limit_stops_reading_at_the_row_where_it_runs_out(monkeypatch):
    clock = itertools.count(0, 1.0)  # each look at the clock is one second later
    monkeypatch.setattr(tabular.time, "monotonic", lambda: next(clock))
    csv = "titel;arena\n" + "".join(f"Aktivitet {n};Skola\n" for n in range(100))
    with pytest.raises(TableError) as caught:
        read_table(csv.encode(), "a.csv", limits=Limits(max_seconds=5))
    assert caught.value.template.startswith("Reading the file took longer than")
    assert caught.value.params == {"seconds": 5}
    assert caught.value.row is not None and caught.value.row < 10


def _docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_small_docx_whose_text_exceeds_2_mb_is_refused():
    from samverka.readiness.services import read_transcript

    data = _docx(["Intervjusvar " * 100] * 2_200)  # 2.8 MB of text
    assert len(data) < 200 * 1024
    with pytest.raises(ValidationError) as caught:
        read_transcript(SimpleUploadedFile("utskrift.docx", data))
    assert "Utskriftens text är större än 2 MB" in caught.value.messages[0]


def test_a_docx_transcript_under_the_limit_is_read():
    from samverka.readiness.services import read_transcript

    text = read_transcript(SimpleUploadedFile("utskrift.docx", _docx(["Första svaret.", "Andra svaret."])))
    assert text == "Första svaret.\n\nAndra svaret."


def test_a_docx_package_that_unpacks_far_beyond_the_text_limit_is_refused_unread():
    from samverka.readiness.services import read_transcript

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (40 * 1024 * 1024) + "</w:document>")
    with pytest.raises(ValidationError) as caught:
        read_transcript(SimpleUploadedFile("utskrift.docx", buffer.getvalue()))
    assert "Utskriftens text är större än 2 MB" in caught.value.messages[0]


def test_the_activity_import_form_states_the_limits_it_enforces(client_for, users):
    from samverka.activities.spreadsheet import HEADERS

    client = client_for(users["coordinator"])
    url = reverse("activities:import", args=["arjeplog"])
    page = client.get(url).content.decode()
    assert "Högst 10,0 MB och 5\xa0000 rader." in page
    rows = "".join(f"Aktivitet {n};Skola\n" for n in range(5_001))
    data = (";".join(HEADERS[:2]) + "\n" + rows).replace(";".join(HEADERS[:2]), "titel;arena").encode()
    response = client.post(url, {"file": SimpleUploadedFile("aktiviteter.csv", data)})
    assert response.context["file_errors"] == [
        "Rad 5002: Filen har fler än 5000 rader; dela upp den i mindre filer."
    ]
    assert "preview" not in response.context


def test_the_activity_import_refuses_an_xlsx_bomb_with_a_swedish_message(client_for, users):
    from samverka.activities.models import Activity

    before = Activity.objects.count()
    response = client_for(users["coordinator"]).post(
        reverse("activities:import", args=["arjeplog"]),
        {"file": SimpleUploadedFile("aktiviteter.xlsx", bomb_xlsx(600_000))},
    )
    errors = response.context["form"].errors["file"]
    assert errors == ["Filen packas upp till 54 MB; gränsen är 50 MB."]
    assert Activity.objects.count() == before


def test_a_kolada_json_upload_beyond_the_row_limit_is_refused_naming_the_limit(
    places, users, client_for, monkeypatch
):
    from samverka.indicators.models import Observation

    monkeypatch.setattr(tabular, "DEFAULT_LIMITS", Limits(max_rows=2))
    values = [
        {"kpi": "N00001", "municipality": "2506", "period": 2020 + n, "values": [{"gender": "T", "value": n}]}
        for n in range(3)
    ]
    client = client_for(users["coordinator"])
    response = client.post(
        reverse("situation:import", args=["arjeplog"]),
        {"file": SimpleUploadedFile("kolada.json", json.dumps({"values": values}).encode())},
    )
    assert response.status_code == 400
    assert "fler än 2 rader" in response.content.decode()
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("form_path", "field"),
    [
        ("samverka.activities.forms.ImportForm", "file"),
        ("samverka.situation.forms.ImportForm", "file"),
        ("samverka.readiness.forms.ImportForm", "sheet"),
        ("samverka.readiness.forms.InterviewForm", "transcript_file"),
        ("samverka.promises.forms.FollowUpForm", "evidence_file"),
    ],
)
def test_every_upload_form_uses_the_content_sniffing_upload_field(form_path, field):
    from django.utils.module_loading import import_string

    from samverka.core.uploads import UploadField

    assert isinstance(import_string(form_path).base_fields[field], UploadField)
