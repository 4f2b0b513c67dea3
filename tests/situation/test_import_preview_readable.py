"""Issue 12, readable records: the import preview names the indicator, the place and the group, says what
happens to each row (new, changed with old → new, unchanged, refused with the reason) and counts on top."""

import html
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.indicators.models import ImportRun, Indicator, Observation
from tests.indicators.conftest import kolada_json, kolada_row


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())))


def _rows(response) -> list[list[str]]:
    """The cells of the preview's table of rows, as text."""
    page = html.unescape(response.content.decode())
    table = page[page.index('<table class="import-preview">') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td>(.*?)</td>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _value(code, period, group="T"):
    return Observation.objects.get(
        indicator__source_id="D00001", place__code=code, period=period, group=group
    )


def test_a_kolada_preview_shows_names_groups_and_what_happens_to_each_row(situation_demo, users, client_for):
    name = Indicator.objects.get(source="kolada", source_id="D00001").name_sv
    changed = _value("2581", "2023")
    unchanged = _value("2581", "2022")
    rows = [
        kolada_row(
            "D00001", "2581", 2023, [{"gender": "T", "value": float(changed.value) + 1, "status": ""}]
        ),
        kolada_row("D00001", "2581", 2022, [{"gender": "T", "value": float(unchanged.value), "status": ""}]),
        kolada_row(
            "D00001",
            "2581",
            2030,
            [{"gender": "K", "value": 10.5, "status": ""}, {"gender": "M", "value": 12, "status": ""}],
        ),
        kolada_row("D00001", "2506", 2023, [{"gender": "T", "value": 9999.9, "status": ""}]),
    ]
    upload = SimpleUploadedFile("kolada.json", kolada_json(rows), "application/json")
    response = client_for(users["other_editor"]).post(
        reverse("situation:import", args=["pitea"]), {"file": upload}
    )
    text = _text(response)
    assert "kolada.json: 4 rader att importera." in text
    assert "2 nya 1 ändrad 1 oförändrad 1 avvisad" in text
    assert (changed.value, unchanged.value) == (237, Decimal("226.4"))  # the demo file's values
    assert _rows(response) == [
        ["1", name, "Piteå", "2023", "Totalt", "238", "ändrad: 237 → 238"],
        ["2", name, "Piteå", "2022", "Totalt", "226,40", "oförändrad"],
        ["3", name, "Piteå", "2030", "Flickor/kvinnor", "10,50", "ny"],
        ["3", name, "Piteå", "2030", "Pojkar/män", "12", "ny"],
        [
            "4",
            name,
            "Arjeplog",
            "2023",
            "Totalt",
            "9 999,90",  # a non-breaking space between thousands, collapsed
            "avvisad: Du importerar bara värden för de kommuner du redigerar; den här platsens värden kommer "
            "från Kolada.",
        ],
    ]
    assert "D00001" not in "".join(cell for row in _rows(response) for cell in row[:5])


def test_a_swedish_table_preview_names_the_municipality_and_the_group(situation_demo, users, client_for):
    table = (
        "Indikator;Fråga;Kommun;År;Årskurs;Kön;Andel (%);Antal;Antal svarande\r\n"
        "SK-TEST;Har provat snus;Arjeplog;2031;Åk 9;Flickor;12,5;5;40\r\n"
        "SK-TEST;Har provat snus;Arjeplog;2031;Åk 9;Totalt;10,0;8;80\r\n"
    ).encode("utf-8-sig")
    upload = SimpleUploadedFile("enkat.csv", table, "text/csv")
    response = client_for(users["coordinator"]).post(
        reverse("situation:import", args=["arjeplog"]), {"file": upload}
    )
    text = _text(response)
    assert "2 nya 0 ändrade 0 oförändrade 0 avvisade" in text
    assert _rows(response) == [
        ["2", "Har provat snus", "Arjeplog", "2031", "Åk 9, flickor", "12,50", "ny"],
        ["3", "Har provat snus", "Arjeplog", "2031", "Åk 9", "10", "ny"],
    ]
    # The preview saved nothing.
    assert not Indicator.objects.filter(source_id="SK-TEST").exists()
    assert ImportRun.objects.get(file_name="enkat.csv").status == ImportRun.Status.PREVIEW
