"""Spreadsheet downloads, written row by row so memory stays flat whatever the size.

CSV is written the way Swedish Excel reads it directly: UTF-8 with BOM, `;` as separator and a decimal
comma (Decimal and float cells; XLSX keeps them as numbers).

Every cell of every CSV and XLSX Samverka writes goes through `neutralise` here (formula injection, see
core.formulas): text that a spreadsheet would read as a formula gets a leading apostrophe, which core.tabular
takes off again when such a file comes back as an import.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

from samverka.core.formulas import neutralise


def swedish_number(value):
    """A decimal number as Swedish Excel reads it from a CSV: a decimal comma, no exponent ("412,3")."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return value


def _cells(row) -> list:
    return ["" if v is None else neutralise(swedish_number(v)) for v in row]


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(_cells(header))
        for row in rows:
            yield writer.writerow(_cells(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(sheets: dict[str, tuple[list[str], Iterable[list]]]) -> bytes:
    """{sheet title: (header, rows)} -> an XLSX workbook, written in openpyxl's streaming mode."""
    # openpyxl is loaded only when a workbook is written: every page imports this module
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        bold = []
        for name in _cells(header):
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        for row in rows:
            # a control character XLSX cannot hold (stored before input was cleaned) would stop the file
            sheet.append(
                [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in map(neutralise, row)]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: dict[str, tuple[list[str], Iterable[list]]]) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sheets), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
