"""Issue 12, readable records: the catalogue import's preview says what happens to each row, like the
indicator import's (new, changed with the old → new value of each changed column, unchanged, refused with
the reason), with the counts on top and names, never codes; an unchanged export imports back with nothing
changed: no version, no history, no feed entry."""

import csv
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samverka.activities.models import Activity, Status
from samverka.activities.spreadsheet import HEADERS

IMPORT = reverse("activities:import", args=["arjeplog"])


def _export(client) -> bytes:
    return b"".join(client.get(reverse("activities:export_csv", args=["arjeplog"])).streaming_content)


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADERS, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode()))).strip()


def _preview_rows(response) -> list[list[str]]:
    page = html.unescape(response.content.decode())
    table = page[page.index('<table class="import-preview">') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
            for cell in re.findall(r"<td>(.*?)</td>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _state():
    return sorted(Activity.objects.values_list("pk", "version", "title", "status", "frequency", "updated_at"))


def test_the_preview_says_what_happens_to_each_row_with_names(client_for, users, catalogue):
    client = client_for(users["coordinator"])
    rows = list(csv.DictReader(io.StringIO(_export(client).decode("utf-8-sig")), delimiter=";"))
    changed = rows[0]
    with translation.override("sv"):
        labels = [str(label) for _code, label in Status.choices]
    old_status, old_frequency = changed["status"], changed["frekvens"]
    new_status = next(label for label in labels if label != old_status)
    new_frequency = "Varje månad" if old_frequency == "Varje vecka" else "Varje vecka"
    changed["status"], changed["frekvens"] = new_status, new_frequency
    new = {h: "" for h in HEADERS} | {
        "titel": "Läxhjälp på fritidsgården",
        "arena": "Fritid",
        "publicerad": "nej",
    }
    bad = {h: "" for h in HEADERS} | {"titel": "Utan arena", "publicerad": "nej"}
    before = _state()

    response = client.post(IMPORT, {"file": SimpleUploadedFile("aktiviteter.csv", _csv([*rows, new, bad]))})

    text = _text(response)
    unchanged = len(rows) - 1
    assert f"1 ny 1 ändrad {unchanged} oförändrade 1 avvisad" in text
    shown = {row[1]: row for row in _preview_rows(response)}
    assert shown[changed["titel"]][2] == (
        f"ändrad Status: {old_status} → {new_status} Frekvens: {old_frequency or '–'} → {new_frequency}"
    )
    assert shown["Läxhjälp på fritidsgården"][2] == "ny"
    assert shown["Utan arena"][2] == "avvisad arena: en arena krävs."
    assert sum(1 for row in shown.values() if row[2] == "oförändrad") == unchanged
    assert "payload" not in response.context  # a refused row: nothing can be confirmed
    assert _state() == before


def test_an_unchanged_export_imports_back_with_nothing_changed(client_for, users, catalogue, client):
    coordinator = client_for(users["coordinator"])
    data = _export(coordinator)
    before = _state()
    feed = client.get("/p/arjeplog/aktiviteter/feed/").content
    history = sum(a.history.count() for a in Activity.objects.all())

    preview = coordinator.post(IMPORT, {"file": SimpleUploadedFile("aktiviteter.csv", data)})
    assert f"0 nya 0 ändrade {len(catalogue)} oförändrade 0 avvisade" in _text(preview)
    assert {row[2] for row in _preview_rows(preview)} == {"oförändrad"}
    assert coordinator.post(IMPORT, {"payload": preview.context["payload"]}).status_code == 302

    assert _state() == before
    assert sum(a.history.count() for a in Activity.objects.all()) == history
    assert client.get("/p/arjeplog/aktiviteter/feed/").content == feed


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_one_activity_with_a_line_break_in_its_description_imports(
    client_for, users, places, delimiter, line_end
):
    # a single record whose quoted cell spans two lines: the delimiter guess once saw only half of it
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADERS, delimiter=delimiter, lineterminator=line_end)
    writer.writeheader()
    writer.writerow(
        {h: "" for h in HEADERS}
        | {
            "titel": "Föräldraträffar, hösten",
            "arena": "Familj",
            "beskrivning": "Första träffen i augusti.\nAndra träffen i oktober; med fika.",
            "publicerad": "nej",
        }
    )
    client = client_for(users["coordinator"])

    preview = client.post(IMPORT, {"file": SimpleUploadedFile("aktiviteter.csv", out.getvalue().encode())})

    assert "1 ny 0 ändrade 0 oförändrade 0 avvisade" in _text(preview)
    assert [row[1:3] for row in _preview_rows(preview)] == [["Föräldraträffar, hösten", "ny"]]
    assert client.post(IMPORT, {"payload": preview.context["payload"]}).status_code == 302
    activity = Activity.objects.get(municipality=places["arjeplog"], title="Föräldraträffar, hösten")
    assert activity.description == "Första träffen i augusti.\nAndra träffen i oktober; med fika."
    assert activity.arena == "family"
