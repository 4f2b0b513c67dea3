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
5. the new indicators are created in the order the file names them, and one INSERT … SELECT fills the
   import's staging table; the merge (importing._merge) goes on as for any import.

A file holding anything this path might read differently from Python's csv module (quotes, tabs, control
or unusual characters, a lone carriage return) is read row by row instead (`NotForCopy`): the same result,
only slower. XLSX workbooks and imports limited to some places (the left-out rows) always are.
"""

import codecs
import io
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg
from django.db import connection

from samverka.core import tabular
from samverka.core.smallnumbers import hidden_texts
from samverka.indicators.models import Indicator, Place
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
LINES = "samverka_import_lines"
CELLS = "samverka_import_cells"
INDICATORS = "samverka_import_indicator_map"
PLACES = "samverka_import_place_map"
PERIODS = "samverka_import_period_map"
GROUPS = "samverka_import_group_map"
NUMBERS = "samverka_import_number_map"
TEMPORARY = [LINES, CELLS, INDICATORS, PLACES, PERIODS, GROUPS, NUMBERS]

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
QUANT = Decimal("0.000001")  # the column's six decimal places (importing.QUANT)
SEPARATOR = "\x01"  # chr(1): between the two cells of one key (never in the file: UNUSUAL)


class NotForCopy(Exception):
    """The file holds something only the row-by-row path is sure to read as Python's csv module does."""


@dataclass
class Staged:
    rows: int = 0
    indicators_created: int = 0
    first: list[tuple[int, DataRow]] = field(default_factory=list)  # (staging seq, row), for the preview
    written: bool = False  # all new: written straight into the observations (write_new), nothing staged


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
    with connection.cursor() as cursor:
        for name in TEMPORARY:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMPORARY TABLE {LINES} (seq bigint GENERATED ALWAYS AS IDENTITY, line text)")
        too_many = _copy_lines(cursor, stream, info["encoding"], limits, deadline, progress)
        _split_cells(cursor, table)
        first_bad = _first_refused_row(cursor, table)
        if first_bad is not None:
            cursor.execute(f"SELECT line FROM {LINES} WHERE seq = %s", [first_bad])  # noqa: S608
            table.row(first_bad, cursor.fetchone()[0])  # raises the row-by-row path's error
            raise NotForCopy  # the two paths disagree about this row: let the row-by-row one decide
        if too_many:
            error = tabular.too_many_rows(limits.max_rows, limits.max_rows + 2)
            raise ImportFileError(error.template, row=error.row, **error.params)
        staged = Staged()
        staged.indicators_created = _indicators_create(cursor, table, source, indicators)
        staged.rows, staged.written = _fill_staging(cursor, table, staging, indicators, place_ids, write_new)
        cursor.execute(
            f"SELECT seq, line FROM {LINES} WHERE seq IN "  # noqa: S608
            f"(SELECT seq FROM {CELLS} ORDER BY seq LIMIT %s) ORDER BY seq",
            [sample_size],
        )
        staged.first = [(seq, table.row(seq, line)) for seq, line in cursor.fetchall()]
        for name in TEMPORARY:
            cursor.execute(f"DROP TABLE {name}")
    return staged


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

    def cell(self, name: str) -> str:
        """SQL: the trimmed cell of the column `name` reads (a text; '' where the table has no such column)."""
        header = self.columns.get(name)
        if header is None:
            return "''::text"
        return f"coalesce(btrim(a[{self.headers.index(header) + 1}], ' '), '')"

    def verdict(self, kind: str, key, check):
        """check() for one distinct cell; a refused one is remembered, and None returned."""
        try:
            return check()
        except ImportFileError:
            self.refused.setdefault(kind, []).append(key)
            return None


def _copy_lines(cursor, stream, encoding: str, limits, deadline: float, progress) -> bool:
    """The file into LINES, one line a row, numbered as a spreadsheet numbers them (the header is 1), read
    a chunk at a time and checked as it goes. True when the file has more rows than the limit (the rows up
    to the limit are loaded, so that an earlier wrong row is reported first, as row by row)."""
    max_lines = limits.max_rows + 1  # the header on top of the rows; blank rows count (core.tabular)
    stream.seek(0)
    bom = encoding == "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8" if bom else encoding)()
    lines, carry, too_many = 0, "", False
    copy_sql = (
        f"COPY {LINES} (line) FROM STDIN (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02', "
        f"ENCODING '{'UTF8' if bom else 'WIN1252'}')"
    )
    try:
        with cursor.cursor.copy(copy_sql) as copy:
            first = True
            while True:
                chunk = stream.read(CHUNK)
                if first and bom and chunk.startswith(codecs.BOM_UTF8):
                    chunk = chunk[len(codecs.BOM_UTF8) :]
                first = False
                text = carry + decoder.decode(chunk, final=not chunk)
                carry = ""
                if chunk and text.endswith("\r"):  # its line feed may start the next chunk
                    text, carry = text[:-1], "\r"
                if UNUSUAL.search(text):
                    raise NotForCopy
                if not chunk:
                    break
                newlines = chunk.count(b"\n")
                if lines + newlines >= max_lines:
                    cut = -1
                    for _ in range(max_lines - lines):
                        cut = chunk.index(b"\n", cut + 1)
                    copy.write(chunk[: cut + 1])
                    too_many = bool(chunk[cut + 1 :]) or bool(stream.read(1))
                    break
                copy.write(chunk)
                lines += newlines
                if time.monotonic() > deadline:
                    error = tabular.too_slow(limits.max_seconds, lines)
                    raise ImportFileError(error.template, row=error.row, **error.params)
                if progress:
                    progress(lines)
    except psycopg.DataError as exc:  # a line PostgreSQL reads otherwise (mixed line ends): row by row
        raise NotForCopy from exc
    return too_many


def _split_cells(cursor, table: _Table) -> None:
    """CELLS: every row that is not blank, its cells trimmed; `ragged` when it has cells beyond the header."""
    n = len(table.headers)
    names = {
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
    cells = ", ".join(f"{table.cell(field_name)} AS {column}" for field_name, column in names.items())
    cursor.execute(
        f"CREATE TEMPORARY TABLE {CELLS} AS SELECT seq, "  # noqa: S608 - fixed names and column numbers
        f"cardinality(a) > {n} AND btrim(array_to_string(a[{n + 1}:], ''), ' ') <> '' AS ragged, {cells} "
        # OFFSET 0 keeps the subquery whole: flattened, each use of `a` would split the line again
        f"FROM (SELECT seq, string_to_array(line, %s) AS a FROM {LINES} WHERE seq > 1 AND line IS NOT NULL "
        f"OFFSET 0) r "
        f"WHERE btrim(array_to_string(a, ''), ' ') <> ''",
        [table.delimiter],
    )


def _first_refused_row(cursor, table: _Table) -> int | None:
    """The distinct cells checked (the verdicts kept for _fill_staging); the first row with a refused cell,
    or with cells beyond the header."""
    known, names = table.known_places, table.place_names
    hidden = hidden_texts()
    # the unit too, so that a new indicator's first row need not be looked for again (_indicators_create)
    cursor.execute(
        f"SELECT indicator, name, unit, min(seq) FROM {CELLS} GROUP BY indicator, name, unit"  # noqa: S608
    )
    checked = set()
    for indicator_cell, name, unit, first in cursor.fetchall():
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
    cursor.execute(f"SELECT DISTINCT place FROM {CELLS}")  # noqa: S608
    for (text,) in cursor.fetchall():
        code = table.verdict("place", text, lambda t=text: table_place(t, 0, known, names))
        if code is not None:
            table.places[text] = code
    cursor.execute(f"SELECT DISTINCT period FROM {CELLS}")  # noqa: S608
    for (text,) in cursor.fetchall():
        period = table.verdict("period", text, lambda t=text: check_period(t, 0))
        if period is not None:
            table.periods[text] = period
    cursor.execute(f"SELECT DISTINCT grade, grp FROM {CELLS}")  # noqa: S608
    for grade, group in cursor.fetchall():
        code = table.verdict(
            "group", grade + SEPARATOR + group, lambda a=grade, b=group: group_from_text(a, b, 0)
        )
        if code is not None:
            table.groups[(grade, group)] = code
    for field_name, column in (("value", "value"), ("count", "cnt"), ("denominator", "denominator")):
        if field_name not in table.columns:
            continue
        # the distinct cells first, then the pattern: a table repeats its numbers, so a few thousand
        # matches instead of one per row (OFFSET 0 keeps the condition from being pushed into the scan)
        cursor.execute(
            f"SELECT t FROM (SELECT DISTINCT {column} AS t FROM {CELLS} OFFSET 0) d "  # noqa: S608
            f"WHERE t <> '' AND t !~ %s",
            [NUMBER_FIELDS[field_name]],
        )
        for (text,) in cursor.fetchall():
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
    for code, (seq, name) in sorted(first.items(), key=lambda item: item[1][0]):
        indicator = Indicator(source=source, source_id=code, name_sv=name[:200] or code, unit=units[seq][:40])
        indicator.full_clean()
        indicator.save()
        indicators[code] = indicator.pk
    return len(first)


def _load(cursor, name: str, ddl: str, rows) -> None:
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({ddl})")
    with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _fill_staging(
    cursor, table: _Table, staging: str, indicators: dict, place_ids: dict, write_new=None
) -> tuple[int, bool]:
    """The import's staging table from CELLS and the verdicts: one INSERT … SELECT. Returns the rows, and
    whether they went straight into the observations instead (`write_new(select, indicator ids)`: all
    new, the usual first import; the staging table would be written and read again for nothing)."""
    quote = connection.ops.quote_name
    indicator_type = Indicator._meta.pk.db_type(connection)
    place_type = Place._meta.pk.db_type(connection)
    _load(
        cursor,
        INDICATORS,
        f"indicator text, name text, indicator_id {indicator_type}",
        [(i, n, indicators[code]) for (i, n), (code, _seq) in table.indicators.items()],
    )
    _load(
        cursor,
        PLACES,
        f"text text, place_id {place_type}",
        [(t, place_ids[c]) for t, c in table.places.items()],
    )
    _load(cursor, PERIODS, "text text, period text", list(table.periods.items()))
    _load(
        cursor, GROUPS, "grade text, grp text, code text", [(a, b, c) for (a, b), c in table.groups.items()]
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
    if write_new is not None:
        ids = sorted({indicators[code] for code, _seq in table.indicators.values()})
        written = write_new(select, ids)
        if written is not None:
            return written, True
    cursor.execute(
        f"INSERT INTO {staging} (seq, rownum, indicator_id, place_id, period, {quote('group')}, value, "  # noqa: S608
        f"status, {quote('count')}, denominator) {select}"
    )
    return cursor.rowcount, False
