"""Reading indicator files as they come: Kolada JSON and Swedish CSV/XLSX tables. Plain Python, no Django.

Both readers yield `DataRow`s (and, for Kolada's KPI listing, `IndicatorMeta`) one at a time, so an
import of a million rows keeps memory flat. Every problem is an `ImportFileError` whose message names
the row (a data row's number in the `values` list, or the spreadsheet row a person sees in Excel) or the
character position in the JSON, so the page and the command can refuse the whole file and say why.

Places are Kolada's ids: a municipality's four-digit SCB code (2506), a county as `00LL` (0025 for
Norrbotten) and the country as `0000`.
"""

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from samverka.core.tabular import TableError, gettext_noop, iter_table, parse_decimal

COUNTRY_CODE = "0000"
PLACE_CODE = re.compile(r"^\d{4}$")
PERIOD = re.compile(r"^(\d{4})(?:-(?:T[12]|Q[1-4]|H[12]|\d{2}))?$")

# Kolada's gender codes and the table words for groups -> our group codes.
GENDERS = {"T": "T", "K": "K", "M": "M"}
GROUP_WORDS = {
    "": "T",
    "t": "T",
    "totalt": "T",
    "total": "T",
    "alla": "T",
    "samtliga": "T",
    "k": "K",
    "kvinnor": "K",
    "flickor": "K",
    "tjejer": "K",
    "women": "K",
    "girls": "K",
    "m": "M",
    "män": "M",
    "pojkar": "M",
    "killar": "M",
    "men": "M",
    "boys": "M",
}
GRADE_WORDS = {
    "": "",
    "åk 9": "y9",
    "åk9": "y9",
    "årskurs 9": "y9",
    "9": "y9",
    "year 9": "y9",
    "gy 2": "g2",
    "gy2": "g2",
    "år 2 gymnasiet": "g2",
    "gymnasiet år 2": "g2",
    "gymnasiet åk 2": "g2",
    "upper-secondary year 2": "g2",
}
GROUPS = {"T", "K", "M", "y9", "y9K", "y9M", "g2", "g2K", "g2M"}

# Swedish (and English) column names of survey tables -> our field names. Compared lower-case.
TABLE_COLUMNS = {
    "indicator": ["indikator", "indikator-id", "indikatorid", "kpi", "nyckeltal", "indicator"],
    "name": ["indikatornamn", "fråga", "namn", "beskrivning", "indicator name", "question"],
    "unit": ["enhet", "unit"],
    "place": ["kommun", "kommunkod", "område", "ort", "plats", "municipality", "place"],
    "period": ["år", "period", "läsår", "termin", "year"],
    "grade": ["årskurs", "åk", "grade"],
    "group": ["grupp", "kön", "group", "gender"],
    "value": ["värde", "andel", "andel (%)", "andel %", "procent", "value", "share"],
    "count": ["antal", "count"],
    "denominator": ["antal svarande", "svarande", "nämnare", "denominator", "respondents"],
    "status": ["status", "kommentar", "anmärkning"],
}


class ImportFileError(ValueError):
    """A file that cannot be imported. `row` is a data row's number, `position` a character in the JSON."""

    def __init__(self, template: str, row: int | None = None, position: int | None = None, **params):
        # `template` is an English msgid with %(name)s placeholders filled from `params`, so pages show it
        # in the reader's language (importing.import_error_text); `message` is the English text.
        self.template = template
        self.params = params
        self.message = template % params if params else template
        super().__init__(self.message)
        self.row = row
        self.position = position
        self.page = None  # the file or page, when several were read as one answer

    def __str__(self):
        where = [f"file or page {self.page}"] if self.page else []
        where += [f"row {self.row}"] if self.row else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class DataRow:
    indicator: str  # the source's own id (a Kolada KPI id, or the table's indicator column)
    place: str  # Kolada place id: 2506, 0025, 0000
    period: str  # "2023", "2023-T1", "2023-Q2"
    group: str  # T, K, M, y9, y9K, y9M, g2, g2K, g2M
    value: Decimal | None
    status: str = ""
    count: int | None = None
    denominator: int | None = None
    row: int = 0
    name: str = ""  # an indicator name given in the file (tables), to name a new indicator
    unit: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.place, self.period, self.group)


@dataclass(frozen=True)
class IndicatorMeta:
    """A KPI's meaning as Kolada's /v3/kpi answer states it: the data, never our code, names indicators."""

    indicator: str
    title: str
    description: str = ""
    unit: str = ""
    operating_area: str = ""


@dataclass
class KoladaEnvelope:
    count: int | None = None
    next_page: object = None
    next_url: str | None = None
    extra: dict = field(default_factory=dict)


def place_kind(code: str) -> str:
    """'country', 'county' or 'municipality' for a Kolada place id."""
    if code == COUNTRY_CODE:
        return "country"
    if code.startswith("00"):
        return "county"
    return "municipality"


def check_place(code, row: int, known_places: set[str] | None) -> str:
    code = str(code).strip() if code is not None else ""
    if not PLACE_CODE.match(code):
        raise ImportFileError(
            gettext_noop(
                "%(code)s is not a place code (a municipality's four digits, 00LL for a county, 0000 for the country)."
            ),
            row=row,
            code=repr(code),
        )
    if known_places is not None and code not in known_places:
        templates = {
            "county": gettext_noop("unknown county code %(code)s."),
            "country": gettext_noop("unknown country code %(code)s."),
            "municipality": gettext_noop("unknown municipality code %(code)s."),
        }
        raise ImportFileError(templates[place_kind(code)], row=row, code=code)
    return code


# The largest magnitude Observation's columns hold: value has 12 digits before the decimal point (18, 6).
MAX_VALUE = Decimal(10) ** 12
MAX_COUNT = 2**31 - 1


def check_size(value, row: int, limit, label: str):
    """A number too large for its column is refused here, not by the database halfway through a write."""
    if value is not None and abs(value) >= limit:
        raise ImportFileError(
            gettext_noop("%(label)s %(value)s is too large."), row=row, label=label, value=str(value)
        )
    return value


def check_period(value, row: int) -> str:
    text = str(value).strip() if value is not None else ""
    if isinstance(value, bool) or not PERIOD.match(text):
        raise ImportFileError(
            gettext_noop("%(value)s is not a period (a year such as 2023, or 2023-T1, 2023-Q2)."),
            row=row,
            value=repr(value),
        )
    return text


# --- Kolada JSON -------------------------------------------------------------------------------------


class _JsonStream:
    """Reads one JSON document from a binary stream a chunk at a time, value by value (json.raw_decode)."""

    WHITESPACE = " \t\r\n"

    def __init__(self, stream, chunk_size: int = 1 << 16):
        self.stream = stream
        self.chunk_size = chunk_size
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.json = json.JSONDecoder(parse_float=Decimal)
        self.buf = ""
        self.pos = 0
        self.dropped = 0  # characters already thrown away before buf
        self.bytes_read = 0
        self.eof = False
        self.lines_dropped = 0
        self.line_start_dropped = 0  # absolute character where the last dropped line began

    def _line_start(self, end: int) -> int:
        newline = self.buf.rfind("\n", 0, end)
        return self.dropped - end + newline + 1 if newline >= 0 else self.line_start_dropped

    def line_and_column(self, at: int) -> tuple[int, int]:
        local = at - self.dropped
        line = self.lines_dropped + self.buf.count("\n", 0, max(local, 0)) + 1
        newline = self.buf.rfind("\n", 0, max(local, 0))
        start = self.dropped + newline + 1 if newline >= 0 else self.line_start_dropped
        return line, at - start + 1

    @property
    def position(self) -> int:
        return self.dropped + self.pos

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.stream.read(self.chunk_size)
        start = self.bytes_read
        self.bytes_read += len(data)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                gettext_noop(
                    "The file is not UTF-8 text: byte %(byte)s at byte position %(at)s cannot be read. "
                    "Kolada JSON is UTF-8; save the file as UTF-8."
                ),
                position=start + exc.start,
                byte=f"{exc.object[exc.start]:#04x}",
                at=start + exc.start,
            ) from exc
        if not data:
            self.eof = True
        self.dropped += self.pos
        self.lines_dropped += self.buf.count("\n", 0, self.pos)
        self.line_start_dropped = self._line_start(self.pos)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        return True

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in self.WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, chars: str, what: str) -> str:
        char = self.peek()
        if char == "" or char not in chars:
            self.fail(gettext_noop("expected %(what)s"), what=what)
        self.pos += 1
        return char

    def value(self):
        self.peek()
        while True:
            try:
                obj, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                if exc.pos >= len(self.buf.rstrip()) or exc.msg.startswith("Unterminated"):
                    self.fail(gettext_noop("the file ends too early (truncated?)"), at=self.dropped + exc.pos)
                self.fail(exc.msg.lower(), at=self.dropped + exc.pos)  # json's own words, in English
            if end >= len(self.buf) and not self.eof and self._fill():
                continue  # a number cut at the chunk's end: read on and decode it whole
            self.pos = end
            return obj

    def fail(self, detail: str, at: int | None = None, **params):
        if at is None:
            at = self.position
            if self.peek() == "":
                detail, params = gettext_noop("the file ends too early (truncated?)"), {}
                at = self.position
        line, column = self.line_and_column(at)
        raise ImportFileError(
            gettext_noop(
                "The JSON is malformed at character %(at)s (line %(line)s, column %(column)s): %(detail)s."
            ),
            position=at,
            at=at,
            line=line,
            column=column,
            detail=detail % params if params else detail,
        )


def iter_kolada(
    stream,
    known_places: set[str] | None = None,
    envelope: KoladaEnvelope | None = None,
    first_row: int = 1,
    chunk_size: int = 1 << 16,
) -> Iterator[DataRow | IndicatorMeta]:
    """Rows of one Kolada answer (a binary stream): data rows, or KPI descriptions from /v3/kpi.

    Accepts the envelope `{"values": [...], "count": n, "next_page"/"next_url": ...}` in any key order, or
    a bare list of rows. `envelope`, when given, is filled with count and next page as they are read.
    """
    reader = _JsonStream(stream, chunk_size)
    envelope = envelope if envelope is not None else KoladaEnvelope()
    first = reader.peek()
    if first == "":
        raise ImportFileError(gettext_noop("The file is empty."))
    if first == "[":
        yield from _kolada_rows(reader, known_places, first_row)
    elif first == "{":
        reader.pos += 1
        seen_values = False
        if reader.peek() == "}":
            reader.fail(gettext_noop("the answer has no 'values' list"))
        while True:
            key = reader.value()
            if not isinstance(key, str):
                reader.fail(gettext_noop("expected a name in quotes"))
            reader.expect(":", "':'")
            if key == "values":
                if reader.peek() != "[":
                    reader.fail(gettext_noop("'values' must be a list"))
                seen_values = True
                yield from _kolada_rows(reader, known_places, first_row)
            else:
                value = reader.value()
                if key == "count":
                    envelope.count = value if isinstance(value, int) else None
                elif key == "next_page":
                    envelope.next_page = value
                elif key == "next_url":
                    envelope.next_url = value
                else:
                    envelope.extra[key] = value
            if reader.expect(",}", "',' or '}'") == "}":
                break
        if not seen_values:
            raise ImportFileError(gettext_noop("The JSON has no 'values' list: it is not a Kolada answer."))
    else:
        reader.fail(gettext_noop("a Kolada answer starts with '{'"))
    if reader.peek() != "":
        reader.fail(gettext_noop("unexpected text after the end of the answer"))


def _kolada_rows(reader: _JsonStream, known_places, first_row: int):
    reader.expect("[", "'['")
    if reader.peek() == "]":
        reader.pos += 1
        return
    number = first_row
    while True:
        item = reader.value()
        yield from _kolada_row(item, number, known_places)
        number += 1
        if reader.expect(",]", "',' or ']'") == "]":
            return


def _kolada_row(item, row: int, known_places):
    if not isinstance(item, dict):
        raise ImportFileError(gettext_noop("each entry of 'values' must be an object."), row=row)
    if "title" in item and "id" in item and "municipality" not in item:
        yield IndicatorMeta(
            indicator=str(item["id"]),
            title=str(item.get("title") or ""),
            description=str(item.get("description") or ""),
            unit=str(item.get("unit") or ""),
            operating_area=str(item.get("operating_area") or ""),
        )
        return
    missing = [k for k in ("kpi", "municipality", "period", "values") if k not in item]
    if missing:
        raise ImportFileError(gettext_noop("the row lacks %(fields)s."), row=row, fields=", ".join(missing))
    kpi = item["kpi"]
    if not isinstance(kpi, str) or not kpi.strip() or len(kpi) > 40:
        raise ImportFileError(gettext_noop("%(kpi)s is not a KPI id."), row=row, kpi=repr(kpi))
    place = check_place(item["municipality"], row, known_places)
    period = check_period(item["period"], row)
    values = item["values"]
    if not isinstance(values, list):
        raise ImportFileError(gettext_noop("'values' of the row must be a list."), row=row)
    for entry in values:
        if not isinstance(entry, dict):
            raise ImportFileError(
                gettext_noop("each value must be an object with gender, value and status."), row=row
            )
        gender = entry.get("gender", "T")
        if gender not in GENDERS:
            raise ImportFileError(
                gettext_noop("gender %(gender)s is not T, K or M."), row=row, gender=repr(gender)
            )
        value = entry.get("value")
        if isinstance(value, bool) or not (value is None or isinstance(value, int | Decimal)):
            raise ImportFileError(
                gettext_noop("value %(value)s for %(key)s is not a number."),
                row=row,
                value=repr(value),
                key=f"{kpi}, {place}, {period}, {gender}",
            )
        if isinstance(value, Decimal) and not value.is_finite():
            raise ImportFileError(
                gettext_noop("value %(value)s is not a finite number."), row=row, value=repr(value)
            )
        check_size(value, row, MAX_VALUE, "value")
        status = entry.get("status") or ""
        if not isinstance(status, str):
            raise ImportFileError(
                gettext_noop("status %(status)s must be text."), row=row, status=repr(status)
            )
        yield DataRow(
            indicator=kpi.strip(),
            place=place,
            period=period,
            group=GENDERS[gender],
            value=None if value is None else Decimal(value),
            status=status[:40],
            row=row,
        )


# --- Swedish CSV / XLSX tables ----------------------------------------------------------------------


def _find_columns(headers: list[str]) -> dict[str, str]:
    found = {}
    for name, aliases in TABLE_COLUMNS.items():
        for header in headers:
            if header in aliases:
                found[name] = header
                break
    return found


def group_from_text(grade: str, group: str, row: int) -> str:
    grade_text = re.sub(r"\s+", " ", grade.strip().lower())
    group_text = re.sub(r"\s+", " ", group.strip().lower())
    # "Åk 9 flickor" in one column
    for words in GRADE_WORDS:
        if words and group_text.startswith(words + " ") and not grade_text:
            grade_text, group_text = words, group_text[len(words) + 1 :]
            break
    if group_text in GRADE_WORDS and group_text and not grade_text:
        grade_text, group_text = group_text, ""
    if grade_text not in GRADE_WORDS:
        raise ImportFileError(
            gettext_noop("grade %(grade)s is not 'Åk 9' or 'Gy 2'."), row=row, grade=repr(grade)
        )
    if group_text not in GROUP_WORDS:
        raise ImportFileError(
            gettext_noop("group %(group)s is not Totalt, Flickor or Pojkar (or Kvinnor, Män)."),
            row=row,
            group=repr(group),
        )
    prefix, sex = GRADE_WORDS[grade_text], GROUP_WORDS[group_text]
    if not prefix:
        return sex
    return prefix if sex == "T" else prefix + sex


def iter_table_rows(
    data: bytes,
    filename: str = "",
    known_places: set[str] | None = None,
    place_names: dict[str, str] | None = None,
    max_bytes: int | None = None,
) -> Iterator[DataRow]:
    """Rows of a survey table as Swedish Excel writes it (`;`, decimal comma, BOM or Windows-1252, XLSX).

    `place_names` maps lower-case names ("arjeplog", "norrbottens län", "riket") to place codes, so a
    table may name places instead of giving codes.
    """
    try:
        headers, rows = iter_table(data, filename, max_bytes=max_bytes)
        columns = _find_columns(headers)
        lacking = [
            label
            for label, ok in [
                ("Indikator (or Fråga)", "indicator" in columns or "name" in columns),
                ("Kommun", "place" in columns),
                ("År", "period" in columns),
                ("Värde (or Andel, Antal)", "value" in columns or "count" in columns),
            ]
            if not ok
        ]
        if lacking:
            raise ImportFileError(
                gettext_noop("The table lacks the column(s) %(lacking)s. Its columns are: %(columns)s."),
                row=1,
                lacking=", ".join(lacking),
                columns=", ".join(headers),
            )
        names = place_names or {}
        for number, cells in rows:
            yield _table_row(number, cells, columns, known_places, names)
    except TableError as exc:
        raise ImportFileError(exc.template, row=exc.row, **exc.params) from exc


def _table_row(number: int, cells: dict, columns: dict, known_places, names) -> DataRow:
    def cell(name):
        return cells.get(columns[name], "").strip() if name in columns else ""

    name = cell("name")
    indicator = cell("indicator") or name
    if not indicator:
        raise ImportFileError(gettext_noop("the indicator is empty."), row=number)
    if len(indicator) > 40:
        if cell("indicator"):
            raise ImportFileError(
                gettext_noop("indicator id %(id)s… is longer than 40 characters."),
                row=number,
                id=repr(indicator[:40]),
            )
        indicator = "tabell:" + re.sub(r"[^a-z0-9åäö]+", "-", indicator.lower())[:33]
    place_text = cell("place")
    code = names.get(place_text.lower(), place_text)
    if not PLACE_CODE.match(code):
        raise ImportFileError(
            gettext_noop("unknown municipality %(place)s."), row=number, place=repr(place_text)
        )
    place = check_place(code, number, known_places)
    period = check_period(cell("period"), number)
    group = group_from_text(cell("grade"), cell("group"), number)
    numbers = {}
    for field_name in ("value", "count", "denominator"):
        text = cell(field_name)
        try:
            numbers[field_name] = parse_decimal(text)
        except ValueError:
            raise ImportFileError(
                gettext_noop("column '%(column)s' holds %(text)s, which is not a number."),
                row=number,
                column=columns[field_name],
                text=repr(text),
            ) from None
    for field_name in ("count", "denominator"):
        if numbers[field_name] is not None:
            if numbers[field_name] != numbers[field_name].to_integral_value() or numbers[field_name] < 0:
                raise ImportFileError(
                    gettext_noop("column '%(column)s' holds %(text)s, which is not a whole number."),
                    row=number,
                    column=columns[field_name],
                    text=repr(cell(field_name)),
                )
            numbers[field_name] = int(check_size(numbers[field_name], number, MAX_COUNT, columns[field_name]))
    value = check_size(numbers["value"], number, MAX_VALUE, columns.get("value", "value"))
    if value is None and numbers["count"] is not None and "value" not in columns:
        value = Decimal(numbers["count"])
    return DataRow(
        indicator=indicator,
        place=place,
        period=period,
        group=group,
        value=value,
        status=cell("status")[:40],
        count=numbers["count"],
        denominator=numbers["denominator"],
        row=number,
        name=name[:200],
        unit=cell("unit")[:40],
    )


def sniff_format(data_start: bytes, filename: str = "") -> str:
    """'kolada' for JSON, 'table' for CSV or XLSX, decided by the content first, then the name."""
    head = data_start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        return "kolada"
    if filename.lower().endswith(".json"):
        return "kolada"
    return "table"


def iter_pages(pages: Iterable, known_places: set[str] | None = None) -> Iterator[DataRow | IndicatorMeta]:
    """Rows of several Kolada pages or files (binary streams) in order; a problem names the page too."""
    for page_number, stream in enumerate(pages, start=1):
        try:
            yield from iter_kolada(stream, known_places)
        except ImportFileError as exc:
            if not hasattr(pages, "__len__") or len(pages) > 1:
                exc.page = page_number
            raise
