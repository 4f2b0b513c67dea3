"""Sheets for the tests: a good one in every encoding and format, and every kind of bad one."""

import io

from tests.readiness.test_scoring import FLOAT_EDGE

HEADER = ["interview", "dimension", "score", "scorer"]


def good_rows(names=("key",)):
    rows = []
    for i in range(9):
        for key, column in zip("ABCDEF", FLOAT_EDGE, strict=True):
            rows.append([f"Intervju {i + 1}", key, str(column[i]).replace(".", ","), ""])
    rows.append(["Intervju 1", "Ledarskap", "4", "bedömare 1"])
    rows.append(["Intervju 1", "Leadership", "5", "bedömare 2"])
    rows.append(["Intervju 2", "C", "3", "bedömare 1"])
    rows.append(["Intervju 2", "C", "3", "bedömare 2"])
    return rows


def csv_bytes(rows, sep=";", encoding="utf-8", bom=False, header=HEADER):
    if sep == ",":  # a comma-separated sheet writes decimals with a point
        rows = [[c.replace(",", ".") for c in r] for r in rows]
    text = "\r\n".join(sep.join(r) for r in [header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def xlsx_bytes(rows, header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for r in rows:
        sheet.append([float(c.replace(",", ".")) if i == 2 and c else c for i, c in enumerate(r)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bad_sheets():
    """name -> (bytes, the row the message must name or None, a word the message must contain)."""
    rows = good_rows()
    out = {}
    r = [list(x) for x in rows]
    r[3][2] = "10"
    out["score above nine"] = (csv_bytes(r), 5, "utanför")
    r = [list(x) for x in rows]
    r[4][2] = "0"
    out["score below one"] = (csv_bytes(r), 6, "utanför")
    r = [list(x) for x in rows]
    r[5][2] = "4,3"
    out["score off the half steps"] = (csv_bytes(r), 7, "inte tillåten")
    r = [list(x) for x in rows]
    r[6][2] = "fyra"
    out["score not a number"] = (csv_bytes(r), 8, "inte ett tal")
    r = [list(x) for x in rows]
    r[7][1] = "Ekonomi"
    out["unknown dimension"] = (csv_bytes(r), 9, "okänd dimension")
    r = [list(x) for x in rows if not (x[0] == "Intervju 3" and x[1] == "D" and x[3] == "")]
    out["interview missing a dimension"] = (csv_bytes(r), 14, "saknar")
    r = [*rows, ["Intervju 4", "E", "5", "consensus"]]
    out["two consensus scores"] = (csv_bytes(r), len(rows) + 2, "två konsensuspoäng")
    out["empty file"] = (b"", None, "tom")
    out["only a header"] = (csv_bytes([]), None, "inga rader")
    out["not a spreadsheet"] = (b"PK\x03\x04 this is no workbook", None, "XLSX")
    out["missing column"] = (csv_bytes([r[:2] for r in rows], header=HEADER[:2]), 1, "score")
    return out
