import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samverka.activities.models import Activity
from samverka.activities.spreadsheet import HEADERS

IMPORT = reverse("activities:import", args=["arjeplog"])


def _csv(rows, encoding="utf-8-sig", header=HEADERS):
    lines = [";".join(header)] + [";".join(row.get(h, "") for h in header) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _upload(client, data, name="aktiviteter.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def _confirm(client, preview):
    return client.post(IMPORT, {"payload": preview.context["payload"]})


def _count():
    return Activity.objects.count()


def test_the_export_downloads_csv_the_way_swedish_excel_reads_it(client_for, users, catalogue):
    response = client_for(users["coordinator"]).get(reverse("activities:export_csv", args=["arjeplog"]))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffid;titel;")
    assert len(text.strip().splitlines()) == len(catalogue) + 1
    assert "Personalbrist." in text


def test_the_export_and_import_round_trip_through_xlsx(client_for, users, catalogue):
    client = client_for(users["coordinator"])
    response = client.get(reverse("activities:export_xlsx", args=["arjeplog"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == len(catalogue) + 1
    preview = _upload(client, response.content, "aktiviteter.xlsx")
    assert preview.context["error_count"] == 0, [r.errors for r in preview.context["preview"]]
    before = {a.pk: (a.title, a.status, a.published) for a in Activity.objects.all()}
    assert _confirm(client, preview).status_code == 302
    after = {a.pk: (a.title, a.status, a.published) for a in Activity.objects.all()}
    assert before == after


def test_a_windows_1252_file_with_a_decimal_comma_imports_after_the_preview(client_for, users, places):
    client = client_for(users["coordinator"])
    data = _csv(
        [
            {
                "titel": "Läxhjälp på fritidsgården",
                "arena": "Fritid",
                "andts-områden": "Alkohol | tobak och nikotin",
                "ansvariga organisationer": "Fritidsgården Polar",
                "räckvidd per år": "1 200,0",
                "status": "Pausad",
                "orsak till status": "Lokalen renoveras",
                "status sedan": "2026-09-01",
                "publicerad": "ja",
            }
        ],
        encoding="cp1252",
    )
    preview = _upload(client, data)
    assert preview.context["error_count"] == 0, [r.errors for r in preview.context["preview"]]
    assert not Activity.objects.filter(title__startswith="Läxhjälp").exists()  # a preview saves nothing
    assert _confirm(client, preview).status_code == 302
    activity = Activity.objects.get(title="Läxhjälp på fritidsgården")
    assert (activity.reach_per_year, activity.status, activity.arena) == (1200, "paused", "leisure")
    assert sorted(a.code for a in activity.substance_areas.all()) == ["alcohol", "tobacco"]
    assert activity.municipality == places["arjeplog"] and activity.published


def test_an_unknown_arena_and_a_missing_title_are_reported_by_row_and_nothing_is_saved(client_for, users):
    client = client_for(users["coordinator"])
    before = _count()
    preview = _upload(
        client,
        _csv(
            [
                {"titel": "Bra rad", "arena": "Skola"},
                {"titel": "Fel arena", "arena": "Rymden"},
                {"titel": "", "arena": "Familj"},
            ]
        ),
    )
    rows = {r.number: r.errors for r in preview.context["preview"]}
    assert rows[2] == []
    assert any("Rymden" in e for e in rows[3])
    assert any("titel" in e for e in rows[4])
    assert preview.context["error_count"] == 2 and "payload" not in preview.context
    html = preview.content.decode()
    assert "Rymden" in html and ">3<" in html and ">4<" in html
    assert _count() == before


def test_a_file_in_a_wrong_encoding_gets_a_clear_message(client_for, users):
    client = client_for(users["coordinator"])
    before = _count()
    response = _upload(client, _csv([{"titel": "Utf-16", "arena": "Skola"}], encoding="utf-16"))
    # The upload field's content check refuses it before it is read as a table.
    assert "inte en riktig CSV-fil" in response.context["form"].errors["file"][0]
    assert "preview" not in response.context
    assert _count() == before


def test_a_20_mb_file_is_refused_whole(client_for, users):
    client = client_for(users["coordinator"])
    before = _count()
    big = _csv([{"titel": "x" * 100, "arena": "Skola"}] * 200_000)
    assert len(big) > 20 * 1024 * 1024
    response = _upload(client, big)
    assert "file" in response.context["form"].errors
    assert "MB" in response.context["form"].errors["file"][0]
    assert _count() == before


def test_an_empty_file_and_a_file_without_rows_get_clear_messages(client_for, users):
    client = client_for(users["coordinator"])
    before = _count()
    empty = _upload(client, b"")
    assert empty.context["form"].errors["file"] == ["Den skickade filen var tom."]
    assert "Den skickade filen var tom." in empty.content.decode()
    header_only = _upload(client, _csv([]))
    assert header_only.context["file_errors"]
    assert _count() == before


def test_unknown_columns_are_refused(client_for, users):
    response = _upload(
        client_for(users["coordinator"]), _csv([{"titel": "A"}], header=["titel", "arena", "färg"])
    )
    assert any("färg" in e for e in response.context["file_errors"])


def test_an_id_of_another_municipalitys_activity_is_an_error_not_an_update(client_for, users, make_activity):
    pitea = make_activity(municipality="pitea", title="Piteås insats", organisations=[])
    response = _upload(
        client_for(users["coordinator"]), _csv([{"id": str(pitea.pk), "titel": "Kapad", "arena": "Skola"}])
    )
    assert response.context["error_count"] == 1
    pitea.refresh_from_db()
    assert pitea.title == "Piteås insats"


def test_an_editor_of_pitea_cannot_import_into_arjeplog(client_for, users):
    client = client_for(users["other_editor"])
    before = _count()
    assert client.get(IMPORT).status_code == 404
    assert _upload(client, _csv([{"titel": "Intrång", "arena": "Skola"}])).status_code == 404
    assert _count() == before


def test_an_editor_cannot_publish_through_an_import(client_for, users):
    response = _upload(
        client_for(users["editor"]), _csv([{"titel": "Ny", "arena": "Skola", "publicerad": "ja"}])
    )
    assert response.context["error_count"] == 1


def test_a_tampered_or_foreign_preview_saves_nothing(client_for, users, coordinator_preview=None):
    client = client_for(users["coordinator"])
    preview = _upload(client, _csv([{"titel": "Ny", "arena": "Skola"}]))
    before = _count()
    response = client.post(IMPORT, {"payload": preview.context["payload"] + "x"})
    assert response.status_code == 302
    editor = client_for(users["editor"])
    assert editor.post(IMPORT, {"payload": preview.context["payload"]}).status_code == 403
    assert _count() == before


def test_rows_that_became_invalid_after_the_preview_save_nothing(client_for, users, places):
    client = client_for(users["coordinator"])
    preview = _upload(
        client,
        _csv(
            [
                {"titel": "Först", "arena": "Skola"},
                {"titel": "Sedan", "arena": "Skola", "ansvariga organisationer": "Fritidsgården Polar"},
            ]
        ),
    )
    places["orgs"]["fritidsgarden-polar"].municipalities.clear()  # no longer works in Arjeplog
    before = _count()
    response = _confirm(client, preview)
    page = client.get(response["Location"]).content.decode()  # the import job's page
    assert "Jobbet misslyckades; inget sparades." in page
    assert "Rad 3" in page
    assert _count() == before


def test_an_xlsx_workbook_with_numbers_and_dates_imports(client_for, users):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    row = dict.fromkeys(HEADERS, None)
    row.update(
        {"titel": "Simskola", "arena": "Leisure", "räckvidd per år": 35, "ålder från": 6, "ålder till": 9}
    )
    sheet.append([row[h] for h in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(users["coordinator"])
    preview = _upload(client, buffer.getvalue(), "fil.xlsx")
    assert preview.context["error_count"] == 0, [r.errors for r in preview.context["preview"]]
    _confirm(client, preview)
    activity = Activity.objects.get(title="Simskola")
    assert (activity.reach_per_year, activity.age_min, activity.age_max) == (35, 6, 9)


def test_text_that_looks_like_a_formula_is_exported_inert_and_imported_back_unchanged(
    client_for, users, make_activity
):
    activity = make_activity(title='=HYPERLINK("http://example.org")', frequency="-varje vecka")
    client = client_for(users["coordinator"])
    response = client.get(reverse("activities:export_csv", args=["arjeplog"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";'-varje vecka;" in text
    preview = _upload(client, text.encode("utf-8-sig"))
    assert preview.context["error_count"] == 0, [r.errors for r in preview.context["preview"]]
    _confirm(client, preview)
    activity.refresh_from_db()
    assert activity.title.startswith("=HYPERLINK") and activity.frequency == "-varje vecka"


FORMULA_TEXTS = {
    "title": "=Summa av insatser",
    "summary": "+46 70 123 45 67 svarar",
    "description": "- första punkten, sedan den andra",
    "status_reason": "@kommunen pausade i väntan på medel",
    "frequency": "-varje vecka",
    "evidence_rating": "=A (stark)",
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_text_cells_starting_a_formula_import_back_unchanged_from_either_export(
    client_for, users, make_activity, fmt
):
    """Every text cell (the status's reason too) starting with = + - @ is written with an apostrophe and
    read back without it: the preview says unchanged and the stored text stays as it was."""
    activity = make_activity(status="paused", evidence_registry="xchange", **FORMULA_TEXTS)
    client = client_for(users["coordinator"])
    response = client.get(reverse(f"activities:export_{fmt}", args=["arjeplog"]))
    if fmt == "csv":
        data = b"".join(response.streaming_content)
        cells = next(csv.reader(io.StringIO(data.decode("utf-8-sig")[1:].split("\r\n", 1)[1]), delimiter=";"))
    else:
        data = response.content
        cells = [c.value for c in load_workbook(io.BytesIO(data)).active[2]]
    assert {f"'{text}" for text in FORMULA_TEXTS.values()} <= set(cells)
    version = activity.version
    preview = _upload(client, data, f"aktiviteter.{fmt}")
    assert "counts" in preview.context, preview.context.get("file_errors")
    assert preview.context["counts"] == {"new": 0, "changed": 0, "unchanged": 1, "refused": 0}, [
        r.errors for r in preview.context["preview"]
    ]
    _confirm(client, preview)
    activity.refresh_from_db()
    assert {name: getattr(activity, name) for name in FORMULA_TEXTS} == FORMULA_TEXTS
    assert activity.version == version


def test_the_exports_cost_the_same_queries_with_ten_more_activities(
    client_for, users, catalogue, make_activity, queries_do_not_grow
):
    client = client_for(users["coordinator"])

    def add(i):
        make_activity(areas=["alcohol", "doping"], factors=["truancy", "school_success"])

    def rows_in_xlsx(response):
        return load_workbook(io.BytesIO(response.body)).active.max_row  # body: read by queries_do_not_grow

    queries_do_not_grow(
        lambda: client.get(reverse("activities:export_csv", args=["arjeplog"])), add, r"Aktivitet \d+"
    )
    queries_do_not_grow(
        lambda: client.get(reverse("activities:export_xlsx", args=["arjeplog"])), add, rows_in_xlsx
    )


def test_importing_an_unchanged_csv_export_reports_0_changed_and_bumps_no_version(
    client_for, users, catalogue, make_activity
):
    """Issue 12: any file Samverka exports imports back unchanged – no version, no history row."""
    make_activity(title='=HYPERLINK("http://example.org")', frequency="-varje vecka")
    client = client_for(users["coordinator"])
    data = b"".join(client.get(reverse("activities:export_csv", args=["arjeplog"])).streaming_content)
    assert data.startswith(b"\xef\xbb\xbfid;titel;")
    versions = {a.pk: a.version for a in Activity.objects.all()}
    history_rows = Activity.history.count()
    preview = _upload(client, data)
    assert preview.context["error_count"] == 0, [r.errors for r in preview.context["preview"]]
    job_page = client.get(_confirm(client, preview)["Location"]).content.decode()
    assert "Importerat: 0 nya aktiviteter och 0 uppdaterade." in job_page
    assert {a.pk: a.version for a in Activity.objects.all()} == versions
    assert Activity.history.count() == history_rows


def test_a_changed_row_of_an_export_updates_only_that_activity(client_for, users, catalogue):
    client = client_for(users["coordinator"])
    text = b"".join(client.get(reverse("activities:export_csv", args=["arjeplog"])).streaming_content).decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    changed_id = rows[1][0]
    rows[1][1] += " – reviderad"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    versions = {a.pk: a.version for a in Activity.objects.all()}
    preview = _upload(client, out.getvalue().encode("utf-8-sig"))
    job_page = client.get(_confirm(client, preview)["Location"]).content.decode()
    changed = {str(a.pk) for a in Activity.objects.all() if a.version != versions[a.pk]}
    assert changed == {changed_id}
    assert "och 1 uppdaterad." in job_page
