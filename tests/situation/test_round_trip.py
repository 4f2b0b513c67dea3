"""Issue 12, readable records: the public lägesbild's figures (siffror.csv) import back unchanged. Exported,
then uploaded as they are by Arjeplog's coordinator on the staff import page: 0 new, 0 changed, every row of
Arjeplog unchanged, the county's and the country's rows refused (they come from Kolada) and the hidden small
numbers ("färre än 5") skipped with the reason, never read as numbers; once confirmed, no value, version,
recorded change or feed entry is new."""

import csv
import html
import io
import re

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samverka.indicators.models import ImportRun, Indicator, Observation, ObservationChange
from samverka.indicators.parsing import EXPORT_COLUMNS, group_from_text, group_words
from tests.situation.conftest import readopt


def _export(client, report) -> bytes:
    response = client.get(reverse("public:situation_public:export_csv", args=["arjeplog", report.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _rows(data: bytes) -> list[dict]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    assert reader.fieldnames == EXPORT_COLUMNS
    return list(reader)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())))


def _stored():
    return sorted(
        Observation.objects.values_list(
            "indicator_id",
            "place_id",
            "period",
            "group",
            "value",
            "count",
            "denominator",
            "status",
            "import_run_id",
            "updated_at",
        )
    )


def _with_a_hidden_count(report):
    """The lägesbild adopted again with one of Arjeplog's counts below 5, which the public file hides."""
    ri = report.report_indicators.first()
    small = Observation.objects.filter(indicator=ri.indicator, group=ri.group, place__code="2506").first()
    Observation.objects.filter(pk=small.pk).update(count=3)
    readopt(report)
    return report


def _versions() -> int:
    return sum(m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical"))


def test_every_group_code_is_written_in_words_that_read_back_to_it():
    codes = ["T", "K", "M", "y9", "y9K", "y9M", "g2", "g2K", "g2M"]
    assert [group_from_text(*group_words(code), row=1) for code in codes] == codes
    assert group_words("y9K") == ("Åk 9", "Flickor") and group_words("K") == ("", "Kvinnor")


def test_the_figures_name_the_indicator_its_source_the_place_code_and_the_group(situation_demo, client):
    rows = _rows(_export(client, situation_demo["report"]))
    assert rows, "the demo lägesbild has values"
    kolada = Indicator.objects.get(source="kolada", source_id="D00001")
    own = [r for r in rows if r["Indikator-id"] == "D00001" and r["Kommunkod"] == "2506"]
    assert own and {(r["Källa"], r["Indikatornamn"], r["Plats"]) for r in own} == {
        ("Kolada", kolada.name_sv, "Arjeplog")
    }
    assert {r["Kommunkod"] for r in rows} >= {"2506", "0025", "0000"}
    # activity counts are not indicator values: they have a file of their own
    assert not [r for r in rows if not r["Indikator-id"]]
    counts = client.get(
        reverse("public:situation_public:counts_csv", args=["arjeplog", situation_demo["report"].pk])
    )
    header = b"".join(counts.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header == "Typ;Organisation;År;Kvartal;Antal"


def test_an_unchanged_export_imports_back_with_nothing_changed(situation_demo, users, client_for, client):
    report = _with_a_hidden_count(situation_demo["report"])
    data = _export(client, report)
    rows = _rows(data)
    hidden = [r for r in rows if "färre än 5" in (r["Värde"], r["Antal"], r["Antal svarande"])]
    own = [r for r in rows if r["Kommunkod"] == "2506" and r not in hidden]
    others = [r for r in rows if r["Kommunkod"] != "2506"]
    assert hidden and own and others, "the demo lägesbild has hidden, own and comparison rows"
    stored, versions, changes = _stored(), _versions(), ObservationChange.objects.count()
    feed = client.get("/p/arjeplog/nyheter/flode.atom").content.count(b"<entry>")

    coordinator = client_for(users["coordinator"])
    upload = SimpleUploadedFile("siffror.csv", data, "text/csv")
    preview = coordinator.post(reverse("situation:import", args=["arjeplog"]), {"file": upload})
    assert preview.status_code == 200, _text(preview)
    text = _text(preview)
    own_hidden = [r for r in hidden if r["Kommunkod"] == "2506"]
    assert f"0 nya 0 ändrade {len(own)} oförändrade {len(others)} avvisade" in text
    assert len(own_hidden) == 1 and "1 hoppades över: ett dolt litet tal" in text
    assert "Talet är dolt (färre än 5) i filen" in text

    run = preview.context["run"]
    confirmed = coordinator.post(reverse("situation:import_confirm", args=[run.pk]), follow=True)
    assert confirmed.status_code == 200
    run.refresh_from_db()
    assert (run.status, run.created, run.updated, run.unchanged) == ("done", 0, 0, len(own))
    assert _stored() == stored
    assert ObservationChange.objects.count() == changes
    assert _versions() == versions
    assert client.get("/p/arjeplog/nyheter/flode.atom").content.count(b"<entry>") == feed


def test_a_file_with_only_hidden_numbers_is_refused_and_changes_nothing(situation_demo, users, client_for):
    data = (
        "\ufeff" + ";".join(EXPORT_COLUMNS) + "\r\n"
        "D00001;Kolada;Orosanmälningar;antal;2506;Arjeplog;2023;;Totalt;färre än 5;;;\r\n"
    ).encode()
    stored = _stored()
    response = client_for(users["coordinator"]).post(
        reverse("situation:import", args=["arjeplog"]), {"file": SimpleUploadedFile("siffror.csv", data)}
    )
    assert response.status_code == 400
    assert "dolda små tal (färre än 5)" in _text(response)
    assert _stored() == stored


def test_the_command_imports_an_export_back_with_nothing_changed(situation_demo, client, tmp_path):
    path = tmp_path / "siffror.csv"
    path.write_bytes(_export(client, _with_a_hidden_count(situation_demo["report"])))
    stored = _stored()
    out = io.StringIO()
    call_command("import-indicators", str(path), "--no-progress", stdout=out)
    assert " 0 new, 0 changed, " in out.getvalue()
    assert "1 rows skipped: their numbers are hidden small numbers" in out.getvalue()
    assert _stored() == stored
    assert ImportRun.objects.filter(file_name="siffror.csv", status="done").exists()


FORMULA_STATUSES = ["=ej jämförbar", "+preliminär", "-", "@SCB"]


def test_status_cells_starting_a_formula_import_back_unchanged(situation_demo, users, client_for, client):
    """A status (or a name) starting with = + - @ is written with an apostrophe before it, so that no
    spreadsheet runs it, and the import takes that apostrophe off again: still 0 changed."""
    report = situation_demo["report"]
    own = [
        Observation.objects.get(
            indicator__source_id=r["Indikator-id"],
            place__code="2506",
            period=r["Period"],
            group=group_from_text(r["Årskurs"], r["Grupp"], row=1),
        )
        for r in _rows(_export(client, report))
        if r["Kommunkod"] == "2506"
    ][: len(FORMULA_STATUSES)]
    assert len(own) == len(FORMULA_STATUSES)
    for observation, status in zip(own, FORMULA_STATUSES, strict=True):
        Observation.objects.filter(pk=observation.pk).update(status=status)
    Indicator.objects.filter(pk=own[0].indicator_id).update(name_sv="=Andel som röker")
    readopt(report)
    data = _export(client, report)
    rows = _rows(data)
    assert {f"'{status}" for status in FORMULA_STATUSES} <= {r["Status"] for r in rows}
    assert "'=Andel som röker" in {r["Indikatornamn"] for r in rows}
    unchanged = [r for r in rows if r["Kommunkod"] == "2506"]
    stored = _stored()

    coordinator = client_for(users["coordinator"])
    upload = SimpleUploadedFile("siffror.csv", data, "text/csv")
    preview = coordinator.post(reverse("situation:import", args=["arjeplog"]), {"file": upload})
    assert preview.status_code == 200, _text(preview)
    assert f"0 nya 0 ändrade {len(unchanged)} oförändrade" in _text(preview)
    run = preview.context["run"]
    coordinator.post(reverse("situation:import_confirm", args=[run.pk]), follow=True)
    run.refresh_from_db()
    assert (run.status, run.created, run.updated, run.unchanged) == ("done", 0, 0, len(unchanged))
    assert _stored() == stored
    assert sorted(
        Observation.objects.filter(pk__in=[o.pk for o in own]).values_list("status", flat=True)
    ) == (sorted(FORMULA_STATUSES))
