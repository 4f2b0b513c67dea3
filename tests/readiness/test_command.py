"""`samverka readiness-score`: the same numbers as the core, every bad sheet refused naming the row."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from samverka.readiness.sheets import parse_sheet
from tests.readiness.sheets import bad_sheets, csv_bytes, good_rows, xlsx_bytes


def run(tmp_path, data, *args, name="sheet.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    try:
        call_command("readiness-score", str(path), *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "data,name",
    [
        (csv_bytes(good_rows()), "semicolon.csv"),
        (csv_bytes(good_rows(), sep=","), "comma.csv"),
        (csv_bytes(good_rows(), bom=True), "bom.csv"),
        (csv_bytes(good_rows(), encoding="cp1252"), "windows.csv"),
        (xlsx_bytes(good_rows()), "sheet.xlsx"),
    ],
)
def test_every_sheet_format_gives_the_same_json(tmp_path, data, name):
    code, out, err = run(tmp_path, data, "--format", "json", name=name)
    assert code == 0, err
    result = json.loads(out)
    assert result["model"] == "six"
    assert result["interviews"] == 9
    assert set(result["dimensions"]) == set("ABCDEF")
    # the floating-point edge: exactly 5, so stage 5
    assert result["overall"] == {"score": 5.0, "stage": 5, "name": "Preparation", "name_sv": "Förberedelse"}
    assert set(result["agreement"]) == {"exact", "within_one", "krippendorff_alpha"}
    assert result["agreement"]["exact"] == 0.5
    assert result["agreement"]["within_one"] == 1.0


def test_text_output_is_a_swedish_table(tmp_path):
    code, out, _ = run(tmp_path, csv_bytes(good_rows()))
    assert code == 0
    assert "Sammantaget" in out and "5,00" in out and "Förberedelse" in out
    assert "C Ledarskap" in out and "Krippendorffs alfa" in out


def test_agreement_is_null_without_scorer_rows(tmp_path):
    rows = [r for r in good_rows() if not r[3]]
    code, out, _ = run(tmp_path, csv_bytes(rows), "--format", "json")
    assert code == 0 and json.loads(out)["agreement"] is None


def test_five_dimension_model_refuses_dimension_a_and_accepts_b_to_f(tmp_path):
    code, _, err = run(tmp_path, csv_bytes(good_rows()), "--model", "five")
    assert code == 2 and "rad 2" in err and "ingår inte" in err
    rows = [r for r in good_rows() if r[1] != "A"]
    code, out, _ = run(tmp_path, csv_bytes(rows), "--model", "five", "--format", "json")
    assert code == 0 and set(json.loads(out)["dimensions"]) == set("BCDEF")


@pytest.mark.parametrize("case", list(bad_sheets()))
def test_every_bad_sheet_exits_with_status_two_naming_the_row(tmp_path, case):
    data, row, word = bad_sheets()[case]
    code, out, err = run(tmp_path, data)
    assert code == 2
    assert out == ""
    assert word in err
    if row is not None:
        assert f"rad {row}:" in err


def test_a_missing_file_exits_with_status_two(tmp_path):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("readiness-score", str(tmp_path / "nope.csv"), stdout=out, stderr=err)
    assert exc.value.code == 2 and "går inte att läsa" in err.getvalue()


def test_whole_steps_only_refuses_a_half_score_naming_the_row():
    rows = [r for r in good_rows() if not r[3]]
    with pytest.raises(Exception, match="rad 3: poängen 4,5"):
        parse_sheet(csv_bytes([rows[0], ["Intervju 1", "B", "4,5", ""], *rows[2:]]), half_steps=False)
