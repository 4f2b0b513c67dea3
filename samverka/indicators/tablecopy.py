"""A Swedish CSV table read by PostgreSQL itself: the import's path for large tables (issue 13).

Reading a million rows in Python costs half a minute; PostgreSQL's COPY reads them in seconds. So Python
reads only the header (core.tabular, as for every table) and watches the bytes go by, and the database
does the rest, set-based:

1. the file is streamed a chunk at a time, as it is read, into a temporary table of lines with COPY (one
   text column: its delimiter and quote are control bytes the file may not hold), the row and time limits
   checked while reading;
2. one statement splits the lines into the cells the import reads, trimmed as core.tabular trims them,
   and marks the rows with cells beyond the header;
3. the cells a table repeats (indicators, places, years, groups) and the numbers that are not plain (SQL
   converts a plain one: digits, a decimal comma or point, at most six decimals) are few: each distinct one
   is checked by the same Python functions as the row-by-row path (parsing.py);
4. the first row with a refused cell is read again by the row-by-row code, which raises the very error
   that path raises, with its row number;
5. the new indicators are created in the order the file names them; when nothing is stored for them
   (the usual first import) one INSERT … SELECT writes the rows, grouped into series, straight into the
   series (_series_select); otherwise it fills the import's staging table and the merge
   (importing._merge) goes on as for any import.

A file holding anything this path might read differently from Python's csv module (quotes, tabs, control
or unusual characters, a lone carriage return) is read row by row instead (`NotForCopy`): the same result,
only slower. XLSX workbooks and imports limited to some places (the left-out rows) always are.
"""

import codecs
import io
import re
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from samverka.core import tabular
from samverka.core.smallnumbers import hidden_texts
from samverka.indicators.models import QUANT, Indicator, Place
from samverka.indicators.parsing import (
    DataRow,
    ImportFileError,
    check_period,
    group_from_text,
    table_columns,
    table_indicator,
    table_line_row,
    table_number,
    table_place,
)

CHUNK = 1 << 20
RAW = "samverka_import_raw"
LINES = "samverka_import_lines"
CELLS = "samverka_import_cells"
INDICATORS = "samverka_import_indicator_map"
PLACES = "samverka_import_place_map"
PERIODS = "samverka_import_period_map"
GROUPS = "samverka_import_group_map"
NUMBERS = "samverka_import_number_map"
TEMPORARY = [RAW, LINES, INDICATORS, PLACES, PERIODS, GROUPS, NUMBERS]  # and CELLS, a table or a view

# Characters read the same by csv, str.strip() and PostgreSQL: printable, no whitespace but the space, no
# quote (csv would unquote), no backslash (COPY's end-of-data marker is `\.`), letters of Latin scripts and
# common punctuation; a carriage return only before a line feed. Anything else: the row-by-row path.
UNUSUAL = re.compile(
    r"[^\x20\x21\x23-\x5b\x5d-\x7e\r\n\xa1-\xac\xae-\u024f\u2010-\u2027\u2030-\u205e\u20ac\u2212]|\r(?!\n)"
)
# Numbers SQL converts itself, exactly as parsing.parse_decimal and Decimal.quantize would: a value within
# the column's 12 digits and 6 decimals, a whole count below 2**31.
PLAIN_VALUE = r"^-?[0-9]{1,12}([.,][0-9]{1,6})?$"
PLAIN_COUNT = r"^[0-9]{1,9}$"
NUMBER_FIELDS = {"value": PLAIN_VALUE, "count": PLAIN_COUNT, "denominator": PLAIN_COUNT}
# The bytes of Windows-1252 whose characters UNUSUAL lets through (a carriage return: checked apart).
USUAL_CP1252 = bytes(
    b
    for b in range(256)
    if (c := bytes([b]).decode("cp1252", "ignore")) and (c == "\r" or not UNUSUAL.match(c))
)
# A space next to a delimiter or a line end: a cell that starts or ends with one, to be trimmed.
PADDING = {d: (f"{d} ".encode(), f" {d}".encode(), b"\n ", b" \r", b" \n") for d in ";,"}
# An apostrophe that starts a cell (after spaces, trimmed): perhaps one Samverka's export put before a
# formula, which core.tabular takes off (core.formulas.restore) and SQL would not. The chunk is searched
# with the byte before it; a chunk that starts with spaces and an apostrophe counts too (at worst a file
# read row by row that need not be).
CELL_APOSTROPHE = {d: re.compile(rb"(?:^|[\n" + d.encode() + rb"]) *'") for d in ";,"}
SEPARATOR = "\x01"  # chr(1): between the two cells of one key (never in the file: UNUSUAL)


class NotForCopy(Exception):
    """The file holds something only the row-by-row path is sure to read as Python's csv module does."""


@dataclass
class Staged:
    rows: int = 0
    indicators_created: int = 0
    first: list[tuple[int, DataRow]] = field(default_factory=list)  # (staging seq, row), for the preview
    written: bool = False  # all new: written straight into the observations (write_new), nothing staged
    read: str = ""  # "cells": COPY read the file as a table; "lines": COPY read lines, SQL split them


def is_workbook(data) -> bool:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data[:4]).startswith(tabular.XLSX_MAGIC)
    data.seek(0)
    head = data.read(4)
    data.seek(0)
    return head.startswith(tabular.XLSX_MAGIC)


def stage(
    data,
    *,
    filename: str,
    limits: tabular.Limits | None,
    staging: str,
    source: str,
    indicators: dict,
    place_ids: dict,
    place_names: dict,
    sample_size: int,
    progress=None,
    write_new=None,
) -> Staged:
    """Load a CSV table (bytes or a seekable binary stream) into the import's `staging` table.

    Raises ImportFileError as the row-by-row path would (the same message, the same row), NotForCopy for
    a file that path must read. `indicators` (source id -> pk) gets the indicators created."""
    if filename.lower().endswith(".xlsx") or is_workbook(data):
        raise NotForCopy
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    limits = limits or tabular.default_limits()
    deadline = time.monotonic() + limits.max_seconds
    info: dict = {}
    try:
        headers, _rows = tabular.iter_table(stream, filename, limits=limits, info=info)
        columns = table_columns(headers)
    except tabular.TableError as exc:
        raise ImportFileError(exc.template, row=exc.row, **exc.params) from exc
    finally:
        if "text" in info:
            info.pop("text").detach()  # the stream stays open for the caller
    if info.get("delimiter") not in (";", ",") or "source" in columns:
        raise NotForCopy  # a table that names its indicators' sources (Källa) is read row by row
    table = _Table(headers, columns, info["delimiter"], set(place_ids), place_names)
    reading = _Reading(stream, info["encoding"], limits, deadline, progress)
    with connection.cursor() as cursor:
        _drop_temporary(cursor)
        try:
            with transaction.atomic():  # a savepoint: a file COPY cannot read as a table leaves no trace
                too_many = _copy_cells(cursor, table, reading)
        except psycopg.DataError:
            # a row with more or fewer cells than the header line (a blank line, a line with a delimiter
            # too many) or mixed line ends: whole lines, split by SQL as csv splits them
            try:
                too_many = _copy_lines(cursor, table, reading)
            except psycopg.DataError as exc:  # a line PostgreSQL reads otherwise (mixed line ends)
                raise NotForCopy from exc
            _split_cells(cursor, table)
        first_bad = _first_refused_row(cursor, table)
        if first_bad is not None:
            cursor.execute(f"SELECT {table.line} FROM {table.lines} WHERE seq = %s", [first_bad])  # noqa: S608
            table.row(first_bad, cursor.fetchone()[0])  # raises the row-by-row path's error
            raise NotForCopy  # the two paths disagree about this row: let the row-by-row one decide
        if too_many:
            error = tabular.too_many_rows(limits.max_rows, limits.max_rows + 2)
            raise ImportFileError(error.template, row=error.row, **error.params)
        staged = Staged(read=table.read)
        staged.indicators_created = _indicators_create(cursor, table, source, indicators)
        staged.rows, staged.written = _fill_staging(cursor, table, staging, indicators, place_ids, write_new)
        staged.first = [(seq, table.row(seq, line)) for seq, line in _first_lines(cursor, table, sample_size)]
        _drop_temporary(cursor)
    return staged


def _drop_temporary(cursor) -> None:
    """The temporary tables of an import, and CELLS: a view over RAW or a table split from LINES."""
    cursor.execute(
        "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema() "
        "AND c.relname = ANY(%s)",
        [[CELLS, *TEMPORARY]],
    )
    kinds = dict(cursor.fetchall())
    for name in [CELLS, *TEMPORARY]:  # the view before the table it reads
        if name in kinds:
            cursor.execute(f"DROP {'VIEW' if kinds[name] == 'v' else 'TABLE'} {name}")


def _first_lines(cursor, table: "_Table", sample_size: int) -> list[tuple[int, str]]:
    """The preview's first rows that are not blank, as lines. Neither table has an index, but COPY filled
    the table of lines in the file's order, a row after another, so the rows up to number n lie in its
    first n pages (a page holds a row at least): a scan of those pages (a TID range) finds them, not one of
    the whole table. The rows near the top are looked for first, further down only when they are mostly
    blank."""
    bound = 2 + 10 * sample_size
    while True:
        pages = f"'({bound},0)'::tid"
        # CELLS: a view of the table of lines (its pages too), or a table split from it
        nearby = f" AND tid < {pages}" if table.read == "cells" else ""
        cursor.execute(
            f"SELECT seq, {table.line} FROM {table.lines} WHERE ctid < {pages} AND seq <= %s AND seq IN "  # noqa: S608
            f"(SELECT seq FROM {CELLS} WHERE seq <= %s{nearby}) ORDER BY seq LIMIT %s",
            [bound, bound, sample_size],
        )
        found = cursor.fetchall()
        if len(found) >= sample_size or bound > table.last:
            return found
        bound *= 100


class _Table:
    """What the header says, and the verdicts on the distinct cells (the same functions as parsing.py)."""

    def __init__(self, headers, columns, delimiter, known_places, place_names):
        self.headers, self.columns, self.delimiter = headers, columns, delimiter
        self.known_places, self.place_names = known_places, place_names
        self.refused: dict[str, list] = {}  # cell kind -> the distinct cells refused
        # the verdicts on the cells accepted
        self.indicators: dict[tuple[str, str], tuple[str, int]] = {}  # (cells) -> (id, first row)
        self.places: dict[str, str] = {}
        self.periods: dict[str, str] = {}
        self.groups: dict[tuple[str, str], str] = {}
        self.units: dict[int, str] = {}  # the first row of each (indicator, name, unit) -> its unit
        self.numbers: list[tuple[str, str, str]] = []  # (field, cell, number) of the numbers not plain
        # how COPY read the file (_copy_cells or _copy_lines): the table of lines, SQL of one line's text
        self.read, self.lines, self.line = "", LINES, "line"
        self.last = 0  # the last line's number, at most
        self.width = len(headers)  # the cells of the header line, blank ones after the last name included

    def row(self, number: int, line: str) -> DataRow:
        """One line as the row-by-row path reads it (its error raised): without quotes, csv splits a line
        at the delimiter, nothing more."""
        return table_line_row(
            number,
            line.split(self.delimiter),
            self.headers,
            self.columns,
            self.known_places,
            self.place_names,
        )

    def cell(self, name: str, trimmed) -> str:
        """SQL: the trimmed cell of the column `name` reads (a text; '' where the table has no such column);
        trimmed(n): SQL of the n-th cell of a row (1-based), trimmed, never NULL."""
        header = self.columns.get(name)
        if header is None:
            return "''::text"
        return trimmed(self.headers.index(header) + 1)

    def verdict(self, kind: str, key, check):
        """check() for one distinct cell; a refused one is remembered, and None returned."""
        try:
            return check()
        except ImportFileError:
            self.refused.setdefault(kind, []).append(key)
            return None


@dataclass
class _Reading:
    """The file COPY reads (_copy_cells or _copy_lines) and what reading it may cost."""

    stream: object  # a seekable binary stream
    encoding: str  # "utf-8-sig" or "cp1252" (core.tabular.text_encoding)
    limits: tabular.Limits
    deadline: float  # time.monotonic() at which reading stops
    progress: Callable[[int], None] | None = None  # told the lines read so far


def _copy(cursor, reading: _Reading, delimiter: str, into: str, options: str) -> tuple[bool, int, bool]:
    """The file into `into` (a temporary table and its columns) by PostgreSQL's CSV reader with `options`
    (the delimiter and the rest), read a chunk at a time and checked as it goes (UNUSUAL, the limits). The
    quote is a control byte the file may not hold (UNUSUAL): COPY unquotes nothing, as csv with no quote.
    `delimiter`: the file's own, for PADDING.
    Returns whether the file has more rows than the limit (the rows up to the limit are loaded, so that an
    earlier wrong row is reported first, as row by row), the number of the last line, at most, and whether
    a cell may start or end with a space (PADDING). Lets psycopg.DataError through: a file COPY reads
    otherwise than asked."""
    stream, encoding, limits = reading.stream, reading.encoding, reading.limits
    copy_sql = (
        f"COPY {into} FROM STDIN (FORMAT csv, {options}, QUOTE E'\\x02', "
        f"ENCODING '{'UTF8' if encoding == 'utf-8-sig' else 'WIN1252'}')"
    )
    max_lines = limits.max_rows + 1  # the header on top of the rows; blank rows count (core.tabular)
    stream.seek(0)
    bom = encoding == "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8" if bom else encoding)()
    lines, carry, too_many = 0, b"" if encoding == "cp1252" else "", False
    padded, before = False, b"\n"  # the file starts as a line does
    with cursor.cursor.copy(copy_sql) as copy:
        first = True
        while True:
            chunk = stream.read(CHUNK)
            if first and bom and chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[len(codecs.BOM_UTF8) :]
            first = False
            if encoding == "cp1252":
                # one byte, one character: the bytes checked as they are (bytes.translate, ~30 times faster
                # than the regex over the decoded text, which made Python the slower end of the COPY)
                data, carry = carry + chunk, b""
                if chunk and data.endswith(b"\r"):  # its line feed may start the next chunk
                    data, carry = data[:-1], b"\r"
                if data.translate(None, USUAL_CP1252) or data.count(b"\r") != data.count(b"\r\n"):
                    raise NotForCopy
            else:
                text = carry + decoder.decode(chunk, final=not chunk)
                carry = ""
                if chunk and text.endswith("\r"):  # its line feed may start the next chunk
                    text, carry = text[:-1], "\r"
                if UNUSUAL.search(text):
                    raise NotForCopy
            if not padded:  # the chunk with the byte before it (ASCII, in UTF-8 as in Windows-1252)
                edge = before + (chunk or b"\n")
                padded = any(pair in edge for pair in PADDING.get(delimiter, (b" ",)))
            if b"'" in chunk and CELL_APOSTROPHE[delimiter].search(before + chunk):
                raise NotForCopy  # core.tabular restores a neutralised formula (core.formulas): row by row
            before = chunk[-1:] or before
            if not chunk:
                break
            newlines = chunk.count(b"\n")
            if lines + newlines >= max_lines:
                cut = -1
                for _ in range(max_lines - lines):
                    cut = chunk.index(b"\n", cut + 1)
                copy.write(chunk[: cut + 1])
                too_many = bool(chunk[cut + 1 :]) or bool(stream.read(1))
                return too_many, max_lines, True  # (padding not looked for to the end of the cut)
            copy.write(chunk)
            lines += newlines
            if time.monotonic() > reading.deadline:
                error = tabular.too_slow(limits.max_seconds, lines)
                raise ImportFileError(error.template, row=error.row, **error.params)
            if reading.progress:
                reading.progress(lines)
    return too_many, lines + 1, padded


def _copy_cells(cursor, table: "_Table", reading: _Reading) -> bool:
    """The file into RAW by PostgreSQL's own CSV reader, one text column a cell, numbered as a spreadsheet
    numbers rows (the header is 1), and CELLS a view of it. The cheapest way in: what the benchmark's COPY
    does. No quote character (UNUSUAL: the file holds none), so a line splits at the delimiter as csv splits
    it. A line with more or fewer cells than the header line (a blank line among them) or mixed line ends
    raise psycopg.DataError. True when the file has more rows than the limit (_copy)."""
    table.width = _header_width(reading.stream, reading.encoding, table.delimiter, len(table.headers))
    cells = [f"c{i}" for i in range(1, table.width + 1)]
    cursor.execute(
        f"CREATE TEMPORARY TABLE {RAW} (seq bigint GENERATED ALWAYS AS IDENTITY (START WITH 2), "
        + ", ".join(f"{c} text" for c in cells)
        + ")"
    )
    too_many, table.last, padded = _copy(
        cursor,
        reading,
        table.delimiter,
        f"{RAW} ({', '.join(cells)})",
        # an empty cell is '', as csv reads it, not NULL
        f"DELIMITER '{table.delimiter}', HEADER true, FORCE_NOT_NULL ({', '.join(cells)})",
    )
    table.read, table.lines = "cells", RAW
    table.line = f"concat_ws('{table.delimiter}', {', '.join(cells)})"
    n = len(table.headers)
    # a file with no space next to a delimiter or a line end (the usual one) has nothing to trim: the
    # cells are read as they are, with no function called a row and a cell, in every scan of CELLS
    trimmed = (lambda i: f"btrim(c{i}, ' ')") if padded else (lambda i: f"c{i}")
    # a cell not blank: an OR that stops at the first one (usually the first cell), not a concat of them all
    # (that costs as much as the rest of a scan)
    beyond = " OR ".join(f"{trimmed(i)} <> ''" for i in range(n + 1, table.width + 1)) or "false"
    _cells_select(
        cursor,
        table,
        f"CREATE TEMPORARY VIEW {CELLS} AS SELECT seq, ctid AS tid, {beyond} AS ragged, ",
        trimmed,
        f"FROM {RAW} WHERE " + " OR ".join(f"{trimmed(i)} <> ''" for i in range(1, table.width + 1)),
    )
    return too_many


def _header_width(stream, encoding: str, delimiter: str, named: int) -> int:
    """The cells of the header line (core.tabular drops the blank ones after the last name)."""
    stream.seek(0)
    head = stream.read(CHUNK).split(b"\n", 1)[0]
    text = head.decode("utf-8-sig" if encoding == "utf-8-sig" else encoding, errors="replace")
    return max(text.rstrip("\r").count(delimiter) + 1, named)


def _copy_lines(cursor, table: "_Table", reading: _Reading) -> bool:
    """The file into LINES, one line a row (its delimiter and quote are control bytes the file may not
    hold), numbered as a spreadsheet numbers them (the header is 1). True when the file has more rows than
    the limit (_copy)."""
    cursor.execute(f"CREATE TEMPORARY TABLE {LINES} (seq bigint GENERATED ALWAYS AS IDENTITY, line text)")
    too_many, table.last, _padded = _copy(
        cursor, reading, table.delimiter, f"{LINES} (line)", "DELIMITER E'\\x01'"
    )
    table.read, table.lines, table.line = "lines", LINES, "line"
    return too_many


FIELDS = {  # field -> its column in CELLS
    "indicator": "indicator",
    "name": "name",
    "unit": "unit",
    "place": "place",
    "period": "period",
    "grade": "grade",
    "group": "grp",
    "value": "value",
    "count": "cnt",
    "denominator": "denominator",
    "status": "status",
}


def _cells_select(cursor, table: "_Table", head: str, trimmed, tail: str, params=()) -> None:
    cells = ", ".join(
        f"{table.cell(field_name, trimmed)} AS {column}" for field_name, column in FIELDS.items()
    )
    cursor.execute(f"{head}{cells} {tail}", params)


def _split_cells(cursor, table: _Table) -> None:
    """CELLS: every row of LINES that is not blank, its cells trimmed; `ragged` when it has cells beyond
    the header."""
    n = len(table.headers)
    _cells_select(
        cursor,
        table,
        f"CREATE TEMPORARY TABLE {CELLS} AS SELECT seq, "  # noqa: S608 - fixed names and column numbers
        f"cardinality(a) > {n} AND btrim(array_to_string(a[{n + 1}:], ''), ' ') <> '' AS ragged, ",
        lambda i: f"coalesce(btrim(a[{i}], ' '), '')",
        # OFFSET 0 keeps the subquery whole: flattened, each use of `a` would split the line again
        f"FROM (SELECT seq, string_to_array(line, %s) AS a FROM {LINES} WHERE seq > 1 AND line IS NOT NULL "  # noqa: S608
        f"OFFSET 0) r "
        f"WHERE btrim(array_to_string(a, ''), ' ') <> ''",
        [table.delimiter],
    )


def _distinct_cells(cursor, table: _Table) -> dict[str, list[tuple]]:
    """The distinct cells of each kind, in one scan of CELLS (GROUPING SETS, each set hashed):
    "indicator" (indicator, name, unit, first row: the unit too, so that a new indicator's first row need
    not be looked for again, _indicators_create), "place", "period", "group" (grade, group), and of the
    number columns the table has only the cells that are not plain (SQL converts the plain ones): a table
    repeats its numbers, so the pattern is matched once per distinct cell (OFFSET 0 keeps the condition
    from being pushed below the grouping, into the scan)."""
    sets = [
        ("indicator", ["indicator", "name", "unit"]),
        ("place", ["place"]),
        ("period", ["period"]),
        ("group", ["grade", "grp"]),
    ] + [(f, [FIELDS[f]]) for f in ("value", "count", "denominator") if f in table.columns]
    full = (1 << len(sets)) - 1
    # GROUPING(first columns) has a bit set for each set's first column that is not grouped: which set
    masks = {kind: full ^ (1 << (len(sets) - 1 - n)) for n, (kind, _columns) in enumerate(sets)}
    where, params = [], []
    for kind, columns in sets[4:]:
        where.append(f"(g <> {masks[kind]} OR ({columns[0]} <> '' AND {columns[0]} !~ %s))")
        params.append(NUMBER_FIELDS[kind])
    grouping = ", ".join(f"({', '.join(columns)})" for _kind, columns in sets)
    names = [column for _kind, columns in sets for column in columns]
    # memory enough to hash every set (the planner's guesses would sort a million rows for some)
    with _settings(cursor, work_mem="64MB"):
        cursor.execute(
            f"SELECT g, {', '.join(names)}, first FROM (SELECT "  # noqa: S608 - fixed names
            f"GROUPING({', '.join(columns[0] for _kind, columns in sets)}) AS g, {', '.join(names)}, "
            f"min(seq) AS first FROM {CELLS} GROUP BY GROUPING SETS ({grouping}) OFFSET 0) d"
            + (f" WHERE {' AND '.join(where)}" if where else ""),
            params,
        )
        rows = cursor.fetchall()
    kinds = {mask: kind for kind, mask in masks.items()}
    at = {}
    position = 1
    for kind, columns in sets:
        at[kind] = (position, position + len(columns))
        position += len(columns)
    found: dict[str, list[tuple]] = {kind: [] for kind, _columns in sets}
    for row in rows:
        kind = kinds[row[0]]
        start, end = at[kind]
        found[kind].append((*row[start:end], row[-1]) if kind == "indicator" else row[start:end])
    return found


def _first_refused_row(cursor, table: _Table) -> int | None:
    """The distinct cells checked (the verdicts kept for _fill_staging); the first row with a refused cell,
    or with cells beyond the header."""
    known, names = table.known_places, table.place_names
    hidden = hidden_texts()
    cells = _distinct_cells(cursor, table)
    checked = set()
    for indicator_cell, name, unit, first in cells["indicator"]:
        table.units[first] = unit
        if (indicator_cell, name) in checked:
            if (indicator_cell, name) in table.indicators:
                code, seen = table.indicators[(indicator_cell, name)]
                table.indicators[(indicator_cell, name)] = (code, min(seen, first))
            continue
        checked.add((indicator_cell, name))
        code = table.verdict(
            "indicator",
            indicator_cell + SEPARATOR + name,
            lambda i=indicator_cell, n=name: table_indicator(i, n, 0),
        )
        if code is not None:
            table.indicators[(indicator_cell, name)] = (code, first)
    for (text,) in cells["place"]:
        code = table.verdict("place", text, lambda t=text: table_place(t, 0, known, names))
        if code is not None:
            table.places[text] = code
    for (text,) in cells["period"]:
        period = table.verdict("period", text, lambda t=text: check_period(t, 0))
        if period is not None:
            table.periods[text] = period
    for grade, group in cells["group"]:
        code = table.verdict(
            "group", grade + SEPARATOR + group, lambda a=grade, b=group: group_from_text(a, b, 0)
        )
        if code is not None:
            table.groups[(grade, group)] = code
    for field_name in ("value", "count", "denominator"):
        for (text,) in cells.get(field_name, ()):
            if text.lower() in hidden:
                raise NotForCopy  # a hidden small number ("färre än 5"): its row is skipped row by row
            refused = len(table.refused.get(field_name, ()))
            number = table.verdict(
                field_name,
                text,
                lambda f=field_name, t=text: table_number(f, t, 0, table.columns),
            )
            if len(table.refused.get(field_name, ())) > refused:
                continue
            if number is not None and field_name == "value":  # rounded as row by row (half to even)
                number = number.quantize(QUANT)
            # every accepted cell that is not plain, its number None too: _fill_staging converts the rest
            table.numbers.append((field_name, text, None if number is None else str(number)))
    if not table.refused and table.read == "cells" and table.width == len(table.headers):
        return None  # nothing refused, and COPY read no row with cells beyond the header: no scan
    where = ["ragged"]
    params = []
    keys = {
        "indicator": "indicator || chr(1) || name",
        "place": "place",
        "period": "period",
        "group": "grade || chr(1) || grp",
        "value": "value",
        "count": "cnt",
        "denominator": "denominator",
    }
    for kind, refused in table.refused.items():
        where.append(f"{keys[kind]} = ANY(%s)")
        params.append(refused)
    cursor.execute(f"SELECT min(seq) FROM {CELLS} WHERE {' OR '.join(where)}", params)  # noqa: S608
    return cursor.fetchone()[0]


def _indicators_create(cursor, table: _Table, source: str, indicators: dict) -> int:
    """The file's new indicators, in the order of their first rows, named (and their unit) by that row."""
    first = {}
    for (_cell, name), (code, seq) in table.indicators.items():
        if code not in indicators and (code not in first or seq < first[code][0]):
            first[code] = (seq, name)
    if not first:
        return 0
    units = table.units
    created = []
    for code, (seq, name) in sorted(first.items(), key=lambda item: item[1][0]):
        indicator = Indicator(source=source, source_id=code, name_sv=name[:200] or code, unit=units[seq][:40])
        # unique: the file's codes are distinct, and none is stored for the source (`indicators`)
        indicator.full_clean(validate_unique=False, validate_constraints=False)
        created.append(indicator)
    # in a few statements, not three a new indicator (a national file names a hundred), history kept
    bulk_create_with_history(created, Indicator, batch_size=500)
    indicators.update({indicator.source_id: indicator.pk for indicator in created})
    return len(first)


def _load(cursor, name: str, ddl: str, rows) -> None:
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({ddl})")
    with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    # a few rows: without statistics the planner takes it for a thousand and sorts a million rows to
    # merge-join them instead of hashing the few
    cursor.execute(f"ANALYZE {name}")


@contextmanager
def _settings(cursor, **settings):
    """PostgreSQL settings for the statements inside, restored afterwards (SET LOCAL: on an error, the
    rollback restores them)."""
    names = list(settings)
    cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), names)
    before = cursor.fetchone()
    cursor.execute(
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
        [x for name in names for x in (name, settings[name])],
    )
    yield
    cursor.execute(
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
        [x for name, value in zip(names, before, strict=True) for x in (name, value)],
    )


# Every row of the file joined to the verdicts by hashing the few verdicts: the planner cannot know how
# many rows the trimmed cells (expressions, no statistics) match, guesses one, and then scans the verdicts
# once a row (nested loop) or sorts the million rows to merge-join them.
HASH_JOINS = {"enable_nestloop": "off", "enable_mergejoin": "off"}


def _fill_staging(
    cursor, table: _Table, staging: str, indicators: dict, place_ids: dict, write_new=None
) -> tuple[int, bool]:
    """The import's staging table from CELLS and the verdicts: one INSERT … SELECT. Returns the rows, and
    whether they went straight into the observations instead (`write_new(select, indicator ids)`: all
    new, the usual first import; the staging table would be written and read again for nothing)."""
    quote = connection.ops.quote_name
    indicator_type = Indicator._meta.pk.db_type(connection)
    place_type = Place._meta.pk.db_type(connection)
    # small numbers for the indicators and groups (and the places' ids): a series' key in one bigint
    # (_series_select)
    ids = sorted({indicators[code] for code, _seq in table.indicators.values()}, key=str)
    numbered = {pk: n for n, pk in enumerate(ids)}
    codes = {n: code for n, code in enumerate(sorted(set(table.groups.values())))}
    _load(
        cursor,
        INDICATORS,
        f"indicator text, name text, indicator_id {indicator_type}, ino bigint",
        [
            (i, n, indicators[code], numbered[indicators[code]])
            for (i, n), (code, _seq) in table.indicators.items()
        ],
    )
    _load(
        cursor,
        PLACES,
        f"text text, place_id {place_type}",
        [(t, place_ids[c]) for t, c in table.places.items()],
    )
    # each period a bit of its own (up to 63 of them): a series whose bits are fewer than its rows was
    # given a period twice (_series_select)
    bits = {period: 1 << n for n, period in enumerate(sorted(set(table.periods.values())))}
    _load(
        cursor,
        PERIODS,
        "text text, period text, bit bigint",
        [(text, period, bits[period] if len(bits) < 64 else 0) for text, period in table.periods.items()],
    )
    gno = {code: n for n, code in codes.items()}
    _load(
        cursor,
        GROUPS,
        "grade text, grp text, code text, gno bigint",
        [(a, b, c, gno[c]) for (a, b), c in table.groups.items()],
    )
    _load(cursor, NUMBERS, "field text, text text, number numeric", table.numbers)

    numbers = {"value": "NULL::numeric", "count": "NULL::integer", "denominator": "NULL::integer"}
    joins = []
    for field_name, column, cast in (
        ("value", "value", "numeric"),
        ("count", "cnt", "integer"),
        ("denominator", "denominator", "integer"),
    ):
        if field_name not in table.columns:
            continue
        # a cell not plain has its number (or its NULL) from Python's verdict; every other non-empty cell
        # is plain (_first_refused_row saw them all), which SQL converts without matching the pattern again
        plain = f"replace(c.{column}, ',', '.')::{cast}"
        if any(f == field_name for f, _text, _number in table.numbers):
            numbers[field_name] = (
                f"CASE WHEN c.{column} = '' THEN NULL WHEN n_{column}.text IS NOT NULL "
                f"THEN n_{column}.number::{cast} ELSE {plain} END"
            )
            joins.append(
                f"LEFT JOIN {NUMBERS} n_{column} ON n_{column}.field = '{field_name}' "
                f"AND n_{column}.text = c.{column}"
            )
        else:  # every number of the column is plain (the usual case): no join
            numbers[field_name] = f"CASE WHEN c.{column} = '' THEN NULL ELSE {plain} END"
    if "value" not in table.columns:  # a table of counts: the count is the value
        numbers["value"] = f"({numbers['count']})::numeric"
    select = (
        f"SELECT c.seq, c.seq AS rownum, i.indicator_id, p.place_id, pe.period, g.code AS {quote('group')}, "  # noqa: S608
        f"{numbers['value']} AS value, left(c.status, 40) AS status, {numbers['count']} AS {quote('count')}, "
        f"{numbers['denominator']} AS denominator "
        f"FROM {CELLS} c JOIN {INDICATORS} i ON i.indicator = c.indicator AND i.name = c.name "
        f"JOIN {PLACES} p ON p.text = c.place JOIN {PERIODS} pe ON pe.text = c.period "
        f"JOIN {GROUPS} g ON g.grade = c.grade AND g.grp = c.grp " + " ".join(joins)
    )
    with _settings(cursor, **HASH_JOINS):
        if write_new is not None:
            keyed = len(ids) < 1 << 22 and len(codes) < 256 and max(place_ids.values(), default=0) < 1 << 32
            written = write_new(_series_select(table, numbers, joins, len(bits) < 64, keyed), ids)
            if written is not None:
                return written, True
        cursor.execute(
            f"INSERT INTO {staging} (seq, rownum, indicator_id, place_id, period, {quote('group')}, value, "  # noqa: S608
            f"status, {quote('count')}, denominator) {select}"
        )
        staged = cursor.rowcount
    return staged, False


def _series_select(table: _Table, numbers: dict, joins: list, bits: bool, keyed: bool) -> str:
    """SQL: the series of CELLS, for writing all new ones (importing._insert_new; the columns of
    importing.grouped, guarded). A key given twice gives NULL periods (the column refuses them): a
    series' rows have fewer distinct period bits than rows (`bits`: fewer than 64 periods), or fewer
    distinct periods. The rows are grouped by the verdicts' ids, as the series are keyed, so two
    spellings of one place (2506 and Arjeplog) are one series; `keyed`: by one bigint made of the
    indicator's number, the place's id and the group's number (a million rows sort a third faster on one
    number than on a uuid, a number and a text), the ids joined back to the few series. A list of a column
    the table does not have is filled, not aggregated."""
    quote = connection.ops.quote_name
    twice = "bit_count(bit_or(pe.bit)::bit(64))" if bits else "COUNT(DISTINCT pe.period)"
    period, periods_join = "pe.period", f"JOIN {PERIODS} pe ON pe.text = c.period "
    years = sorted(table.periods.values())
    plain = all(text == p and len(p) == 4 and p.isdigit() for text, p in table.periods.items())
    if plain and years and int(years[-1]) - int(years[0]) < 63:
        # every period a plain year, as the file writes it, within 63 years (the usual table): the year's
        # bit from the cell itself, no join of a million rows to the periods' verdicts
        period, periods_join = "c.period", ""
        twice = f"bit_count(bit_or(1::bigint << (c.period::integer - {int(years[0])}))::bit(64))"

    def listed(field_name: str, sql: str, cast: str) -> str:
        if field_name in table.columns or (field_name == "value" and "count" in table.columns):
            return f"array_agg({sql})"
        empty = "''" if cast == "text" else "NULL"  # as CELLS reads a column the table does not have
        return f"array_fill({empty}::{cast}, ARRAY[COUNT(*)::integer])"

    lists = (
        f"CASE WHEN COUNT(*) = {twice} THEN array_agg({period}) END AS periods, "
        f"{listed('value', numbers['value'], 'numeric')} AS {quote('values')}, "
        f"{listed('count', numbers['count'], 'integer')} AS counts, "
        f"{listed('denominator', numbers['denominator'], 'integer')} AS denominators, "
        f"{listed('status', 'left(c.status, 40)', 'text')} AS statuses, COUNT(*) AS n "
        f"FROM {CELLS} c JOIN {INDICATORS} i ON i.indicator = c.indicator AND i.name = c.name "
        f"JOIN {PLACES} p ON p.text = c.place {periods_join}"
        f"JOIN {GROUPS} g ON g.grade = c.grade AND g.grp = c.grp " + " ".join(joins)
    )
    if not keyed:
        return (
            f"SELECT i.indicator_id, p.place_id, g.code AS {quote('group')}, {lists} "  # noqa: S608
            "GROUP BY i.indicator_id, p.place_id, g.code"
        )
    return (
        f"SELECT i.indicator_id, (a.k >> 8) & 4294967295 AS place_id, g.code AS {quote('group')}, "  # noqa: S608
        f"a.periods, a.{quote('values')}, a.counts, a.denominators, a.statuses, a.n "
        f"FROM (SELECT (i.ino << 40) + (p.place_id::bigint << 8) + g.gno AS k, {lists} GROUP BY 1) a "
        f"JOIN (SELECT DISTINCT ino, indicator_id FROM {INDICATORS}) i ON i.ino = a.k >> 40 "
        f"JOIN (SELECT DISTINCT gno, code FROM {GROUPS}) g ON g.gno = a.k & 255"
    )
