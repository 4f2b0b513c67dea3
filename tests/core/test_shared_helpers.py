"""The shared helpers every app's imports, exports and pages use."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.core.markdown import render_markdown
from samverka.core.tabular import TableError, parse_decimal, read_table


def test_reads_swedish_excel_csv_with_bom_semicolons_and_decimal_comma():
    data = "\ufeffKommun;Värde\nArjeplog;12,5\n\nPiteå;3\n".encode()
    table = read_table(data)
    assert table.headers == ["kommun", "värde"]
    assert table.rows == [
        (2, {"kommun": "Arjeplog", "värde": "12,5"}),
        (4, {"kommun": "Piteå", "värde": "3"}),
    ]
    assert parse_decimal(table.rows[0][1]["värde"]) == Decimal("12.5")


def test_reads_windows_1252():
    table = read_table("namn;ort\nÅsa;Älvsbyn\n".encode("cp1252"))
    assert table.rows[0][1] == {"namn": "Åsa", "ort": "Älvsbyn"}


def test_reads_xlsx():
    from samverka.core.exports import xlsx_bytes

    data = xlsx_bytes({"Blad": (["Titel", "Antal"], [["Föräldrastöd", 12], ["Orosamtal", 3.0]])})
    table = read_table(data, "katalog.xlsx")
    assert table.rows == [
        (2, {"titel": "Föräldrastöd", "antal": "12"}),
        (3, {"titel": "Orosamtal", "antal": "3"}),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"\x00\x01\x02\xff\xfe" * 10, "text"),
        (b"PK\x03\x04broken", "XLSX"),
        (b"a;b\n1;2;3\n", "row 2"),
        (b"a;a\n1;2\n", "twice"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(data, message):
    with pytest.raises(TableError) as error:
        read_table(data)
    assert message in str(error.value)


def test_too_large_files_are_refused():
    with pytest.raises(TableError, match="too large"):
        read_table(b"a\n" + b"1\n" * 1000, max_bytes=100)


@given(st.binary(max_size=400))
def test_any_bytes_read_or_raise_table_error(data):
    try:
        read_table(data)
    except TableError:
        pass


@pytest.mark.parametrize(
    ("text", "value"), [("1 234,5", "1234.5"), ("1.234,5", "1234.5"), ("-3", "-3"), ("", None)]
)
def test_parse_decimal(text, value):
    assert parse_decimal(text) == (Decimal(value) if value is not None else None)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "NaN", "inf"])
def test_parse_decimal_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_markdown_is_sanitised():
    html = render_markdown(
        "**Stöd** <script>alert(1)</script> [länk](javascript:alert(1)) [ok](https://x.se)"
    )
    assert "<strong>Stöd</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert 'href="https://x.se"' in html


def test_pdf_renders_swedish_text():
    import io

    from pypdf import PdfReader

    from samverka.core.pdf import render_to_pdf

    pdf = render_to_pdf("core/welcome.html", {"user": None, "request": None})
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "gemensamma förebyggande arbete" in text


def test_chart_is_an_accessible_svg():
    from samverka.core.charts import bar_chart

    chart = bar_chart("Poäng per dimension", "Stapeldiagram med poängen", [("A", 3), ("B", 4)])
    for svg in (chart.wide, chart.narrow):
        labelled = re.search(r'<svg role="img" aria-labelledby="([^" ]+) ([^" ]+)"', svg)
        assert labelled, svg[:300]
        title_id, desc_id = labelled.groups()
        assert f'<title id="{title_id}">Poäng per dimension</title>' in svg
        assert f'<desc id="{desc_id}">Stapeldiagram med poängen</desc>' in svg
