"""Helpers and fixtures of the indicator import tests: Kolada answers, and imports through the same code
as the command and the page."""

import io
import json
from pathlib import Path

import pytest

DEMO_FILES = Path(__file__).resolve().parents[2] / "samverka" / "situation" / "demo_files"


def kolada_json(rows, **envelope) -> bytes:
    """A Kolada answer as its API returns it."""
    return json.dumps({"values": rows, "count": len(rows), **envelope}).encode()


def kolada_row(kpi="N07403", place="2506", period=2023, values=None):
    return {
        "kpi": kpi,
        "municipality": place,
        "period": period,
        "values": values if values is not None else [{"gender": "T", "value": 412.3, "status": ""}],
    }


def streams(*datas):
    return [io.BytesIO(d) for d in datas]


@pytest.fixture
def import_kolada(db):
    """import_kolada(bytes, ...) -> ImportResult, through the same code as the command and the page."""
    from samverka.indicators import importing

    def run(*datas, dry_run=False, batch_size=importing.BATCH_SIZE, scope=importing.EVERYWHERE):
        record = importing.import_run_create(
            user=None, municipality=None, file_name="t.json", file_format="kolada", data=None
        )
        rows = importing.parse_file(streams(*datas), file_format="kolada")
        return importing.observations_import(
            rows, run=record, source="kolada", dry_run=dry_run, batch_size=batch_size, scope=scope
        )

    return run


@pytest.fixture
def import_table(db):
    from samverka.indicators import importing

    def run(data, filename="enkat.csv", dry_run=False, scope=importing.EVERYWHERE):
        record = importing.import_run_create(
            user=None, municipality=None, file_name=filename, file_format="table", data=None
        )
        rows = importing.parse_file(data, file_format="table", filename=filename)
        return importing.observations_import(rows, run=record, source="survey", dry_run=dry_run, scope=scope)

    return run
