"""Fuzzing every file parser: any input is either imported or refused with a message — never a crash,
never a partial write (hypothesis)."""

import csv
import datetime
import io

import pytest
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from samverka.activities import spreadsheet
from samverka.activities.models import Activity
from samverka.core.tabular import TableError, read_table

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "Skola",
            "school",
            "Fritid",
            "alkohol | doping",
            "Alkohol|Tobak och nikotin",
            "ja",
            "nej",
            "kanske",
            "2026-05-01",
            "2026-13-45",
            "1/2/2026",
            "-1",
            "1e9",
            "12,5",
            "99999999999999999999",
            "x" * 450,
            "=cmd|' /C calc'!A0",
            "<script>alert(1)</script>",
            "info@example.se",
            "inte en adress",
            "Arjeplogs kommun",
            "Polisen, lokalpolisområde Piteå älvdal",
            "00000000-0000-0000-0000-000000000000",
            "Pausad",
            "paused",
        ]
    ),
    st.text(max_size=30),
)


@st.composite
def csv_files(draw):
    headers = draw(
        st.lists(
            st.sampled_from([*spreadsheet.HEADERS, "okänd kolumn", ""]), min_size=1, max_size=10, unique=True
        )
    )
    if draw(st.booleans()):
        headers = ["titel", "arena", *[h for h in headers if h not in ("titel", "arena")]]
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(headers) + 2), max_size=5))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([";", ","])))
    writer.writerow(headers)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def xlsx_files(draw):
    workbook = Workbook()
    sheet = workbook.active
    values = st.one_of(
        CELLS.filter(lambda text: not any(ord(c) < 32 or 0xD800 <= ord(c) < 0xE000 for c in text)),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=True, allow_infinity=False),
        st.dates(min_value=datetime.date(1900, 3, 1)),
        st.none(),
        st.booleans(),
    )
    sheet.append(draw(st.lists(st.sampled_from([*spreadsheet.HEADERS[:6], None, 7]), min_size=1, max_size=8)))
    for row in draw(st.lists(st.lists(values, max_size=8), max_size=4)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def mostly_valid_csv(draw):
    """Rows that would import, with now and then one cell from the fuzzing set."""
    from samverka.activities.models import Arena, Status

    headers = ["titel", "arena", "andts-områden", "status", "orsak till status", "publicerad"]
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = [
            draw(
                st.text(
                    st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs",)),
                    min_size=1,
                    max_size=40,
                )
            ).strip()
            or "Aktivitet",
            draw(st.sampled_from(Arena.values)),
            draw(st.sampled_from(["alcohol", "doping", "alcohol | tobacco", "Alkohol"])),
            draw(st.sampled_from(Status.values)),
            "Personalbrist",
            draw(st.sampled_from(["ja", "nej", ""])),
        ]
        if draw(st.booleans()):
            row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
        rows.append(row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode()


ANY_FILE = st.one_of(
    csv_files(), xlsx_files(), st.binary(max_size=300), mostly_valid_csv(), mostly_valid_csv()
)


@FUZZ
@given(data=ANY_FILE)
def test_the_table_reader_reads_or_refuses_any_file(data):
    try:
        table = read_table(data, "upload.xlsx" if data.startswith(b"PK") else "upload.csv")
    except TableError as error:
        assert str(error)
    else:
        assert all(isinstance(number, int) and isinstance(row, dict) for number, row in table.rows)


@pytest.fixture
def editor_client(users):
    client = Client()
    client.force_login(users["coordinator"])
    return client


def state():
    return sorted(Activity.objects.values_list("id", "version", "title"))


@FUZZ
@given(data=ANY_FILE)
def test_the_catalogue_import_imports_or_refuses_any_file_and_never_writes_part_of_it(
    editor_client, places, data
):
    before = state()
    name = "aktiviteter.xlsx" if data.startswith(b"PK") else "aktiviteter.csv"
    upload = io.BytesIO(data)
    upload.name = name
    response = editor_client.post("/aktiviteter/kommun/arjeplog/import/", {"file": upload})
    assert response.status_code == 200
    assert state() == before  # the preview never writes
    context = response.context
    if context.get("file_errors") or context.get("error_count"):
        event("refused with a message")
        assert context.get("file_errors") or any(row.errors for row in context["preview"])
        return
    if context["form"].errors:
        return
    # A clean preview: confirming imports every row, or nothing.
    response = editor_client.post("/aktiviteter/kommun/arjeplog/import/", {"payload": context["payload"]})
    after = state()
    event(f"confirmed: HTTP {response.status_code}")
    if response.status_code == 302:
        assert len(after) - len(before) <= len(context["preview"])
        assert len(after) > len(before) or after != before or not context["preview"]
    else:
        assert response.status_code == 200 and response.context["file_errors"]
        assert after == before
