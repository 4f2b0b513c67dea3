"""Reading indicator files as they come: Kolada JSON and Swedish CSV/XLSX tables. Plain Python, no Django.

Both readers yield `DataRow`s (and, for Kolada's KPI listing, `IndicatorMeta`) one at a time, so an
import of a million rows keeps memory flat. Every problem is an `ImportFileError` whose message names
the row (a data row's number in the `values` list, or the spreadsheet row a person sees in Excel) or the
character position in the JSON, so the page and the command can refuse the whole file and say why.

Places are Kolada's ids: a municipality's four-digit SCB code (2506), a county as `00LL` (0025 for
Norrbotten) and the country as `0000`.
"""

import codecs
import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import ijson
from ijson.backends.python import UnexpectedSymbol

from samverka.core.tabular import TableError, data_rows, gettext_noop, iter_table, parse_decimal
from samverka.core.text import MAX_DEPTH

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
    "source": ["källa", "source"],
}

# The indicator's source as a table writes it (the "Källa" column of Samverka's own export) -> our code,
# so an exported Kolada value goes back to the Kolada indicator, not to a new survey one. Compared
# lower-case; the codes themselves are read too.
SOURCE_NAMES = {"kolada": "Kolada", "survey": "Enkät", "police": "Polisen eller Brå", "own": "Egen räkning"}
SOURCE_WORDS = {word.lower(): code for code, name in SOURCE_NAMES.items() for word in (code, name)}

# The columns of Samverka's own export of indicator values (the lägesbild's siffror.csv): each is a
# column this reader takes (TABLE_COLUMNS), so an exported file imports back unchanged. "Kommunkod"
# holds Kolada's place id (0025 for a county, 0000 for the country, as Kolada writes them); "Plats" is
# the same place by name, for people.
EXPORT_COLUMNS = [
    "Indikator-id",
    "Källa",
    "Indikatornamn",
    "Enhet",
    "Kommunkod",
    "Plats",
    "Period",
    "Årskurs",
    "Grupp",
    "Värde",
    "Antal",
    "Antal svarande",
    "Status",
]


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
    source: str = ""  # the indicator's source named in the file (tables); "" is the import's own
    hidden: bool = False  # a number cell says "fewer than 5": the row is skipped, never read as a number

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


class _Utf8Stream:
    """The binary stream as it is fed to ijson: checked to be UTF-8 a chunk at a time, BOM dropped, counted.

    ijson's pure-Python backend names the character where a wrong token starts; this wrapper keeps the
    text of the last two chunks (older ones are only counted), enough to turn that position into a line
    and column, since ijson never looks further back than the chunk it is reading.
    """

    def __init__(self, stream):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.bytes_read = 0
        self.chars = 0  # characters handed to ijson so far
        self.first_at = None  # the first character that is not whitespace
        self.previous = self.current = ""  # the text of the last two chunks
        self.lines_before = 0  # line breaks before `previous`
        self.line_start_before = 0  # where the last line that began before `previous` began
        self.ended = False  # the answer is complete: anything more is text after its end

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        start = self.bytes_read
        self.bytes_read += len(data)
        if start == 0 and data.startswith(codecs.BOM_UTF8):
            data, start = data[3:], 3
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
        if self.first_at is None and text.strip(WHITESPACE):
            self.first_at = self.chars + len(text) - len(text.lstrip(WHITESPACE))
        if "\n" in self.previous:
            self.line_start_before = self.chars - len(self.current) - len(self.previous)
            self.line_start_before += self.previous.rfind("\n") + 1
        self.lines_before += self.previous.count("\n")
        self.previous, self.current = self.current, text
        self.chars += len(text)
        return data

    def line_and_column(self, at: int) -> tuple[int, int]:
        recent = self.previous + self.current
        recent_start = self.chars - len(recent)
        local = max(min(at - recent_start, len(recent)), 0)
        newline = recent.rfind("\n", 0, local)
        line_start = recent_start + newline + 1 if newline >= 0 else self.line_start_before
        return self.lines_before + recent.count("\n", 0, local) + 1, at - line_start + 1

    def malformed(self, detail: str, at: int | None = None) -> ImportFileError:
        at = self.chars if at is None else at
        line, column = self.line_and_column(at)
        return ImportFileError(
            gettext_noop(
                "The JSON is malformed at character %(at)s (line %(line)s, column %(column)s): %(detail)s."
            ),
            position=at,
            at=at,
            line=line,
            column=column,
            detail=detail,
        )


WHITESPACE = " \t\r\n"
UNEXPECTED = re.compile(r"Unexpected symbol (.*) at (\d+)$", re.DOTALL)
START, END = {"start_map", "start_array"}, {"end_map", "end_array"}


# The fastest backend that installed (yajl2_c, the C one, from PyPI's wheels) reads; the pure-Python one,
# five times slower but the only one that names the character of a wrong token, re-reads a broken file to
# say where it breaks. A file is broken rarely, and only then is it read twice.
FAST = ijson.get_backend(ijson.backend)
EXACT = ijson.get_backend("python")


class _Unlocated(Exception):
    """A syntax error the fast backend found without saying where: the file is re-read to find out."""


def _events(reader: _Utf8Stream, chunk_size: int, backend=FAST):
    """ijson's (event, value) pairs of the stream, its errors turned into ImportFileErrors with a position.

    Fed through ijson's push interface, so a file abandoned halfway (a wrong row) is closed here quietly
    rather than by the garbage collector, which would report the unfinished JSON as an ignored error.
    """
    events = ijson.sendable_list()
    parser = backend.basic_parse_coro(events, use_float=False, multiple_values=True)
    finished = False
    depth = 0
    try:
        while True:
            data = reader.read(chunk_size)
            if data:
                parser.send(data)
            else:
                finished = True
                parser.close()  # the end of the file: a value left open raises IncompleteJSONError
            for event in events:
                # no Kolada answer nests more than a few levels; building a value nested thousands deep
                # would exhaust Python's stack (core/text.py)
                depth += (event[0] in START) - (event[0] in END)
                if depth > MAX_DEPTH:
                    raise reader.malformed(gettext_noop("nested deeper than 32 levels"))
                yield event
            del events[:]
            if finished:
                return
    except UnexpectedSymbol as exc:
        symbol, at = UNEXPECTED.match(exc.args[0]).groups()
        if reader.ended:
            raise reader.malformed(
                gettext_noop("unexpected text after the end of the answer"), int(at)
            ) from exc
        raise reader.malformed(f"unexpected {symbol}", int(at)) from exc
    except json.JSONDecodeError as exc:  # the pure-Python backend decodes a string with json's own code
        raise reader.malformed(exc.msg.lower()) from exc  # json's own words, in English
    except ijson.JSONError as exc:
        finished = True
        if reader.first_at is None:
            raise ImportFileError(gettext_noop("The file is empty.")) from None
        if backend is not EXACT:
            raise _Unlocated(str(exc).strip().splitlines()[0]) from exc
        # IncompleteJSONError: the only other error the pure-Python backend raises
        raise reader.malformed(gettext_noop("the file ends too early (truncated?)")) from exc
    finally:
        if not finished:
            with contextlib.suppress(ijson.JSONError):
                parser.close()


def _locate(stream, start: int | None, chunk_size: int, reader: _Utf8Stream, detail: str) -> ImportFileError:
    """The error of a broken file with its position, from a second reading by the pure-Python backend."""
    if start is None:  # a stream that cannot be re-read: the position where the fast backend stopped
        return reader.malformed(detail)
    stream.seek(start)
    again = _Utf8Stream(stream)
    depth = 0
    try:
        for event, _ in _events(again, chunk_size, EXACT):
            depth += (event in START) - (event in END)
            again.ended = depth == 0  # one whole value read: anything more is text after the answer
    except ImportFileError as exc:
        return exc
    return reader.malformed(detail)  # the backends disagree: say what the fast one said


def _value(event: str, value, events):
    """The whole JSON value that starts with this event (a row, or an envelope field), built by ijson."""
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1 if event in START else 0
    while depth:
        event, value = next(events)
        builder.event(event, value)
        depth += (event in START) - (event in END)
    return builder.value


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
    start = stream.tell() if getattr(stream, "seekable", lambda: False)() else None
    reader = _Utf8Stream(stream)
    events = _events(reader, chunk_size)
    try:
        envelope = envelope if envelope is not None else KoladaEnvelope()
        event, _ = next(events, (None, None))
        if event is None:
            raise ImportFileError(gettext_noop("The file is empty."))
        if event == "start_array":
            yield from _kolada_rows(events, known_places, first_row)
        elif event == "start_map":
            seen_values = False
            for event, key in events:
                if event == "end_map":
                    break
                event, value = next(events)
                if key == "values":
                    if event != "start_array":
                        raise reader.malformed(gettext_noop("'values' must be a list"))
                    seen_values = True
                    yield from _kolada_rows(events, known_places, first_row)
                    continue
                value = _value(event, value, events)
                if key == "count":
                    envelope.count = value if isinstance(value, int) else None
                elif key == "next_page":
                    envelope.next_page = value
                elif key == "next_url":
                    envelope.next_url = value
                else:
                    envelope.extra[key] = value
            if not seen_values:
                raise ImportFileError(
                    gettext_noop("The JSON has no 'values' list: it is not a Kolada answer.")
                )
        else:
            raise reader.malformed(gettext_noop("a Kolada answer starts with '{'"), reader.first_at)
        reader.ended = True
        if next(events, None) is not None:  # another JSON value: ijson does not say where it starts
            raise reader.malformed(gettext_noop("unexpected text after the end of the answer"))
    except _Unlocated as exc:
        raise _locate(stream, start, chunk_size, reader, str(exc)) from None


def _kolada_rows(events, known_places, first_row: int):
    number = first_row
    for event, value in events:
        if event == "end_array":
            return
        yield from _kolada_row(_value(event, value, events), number, known_places)
        number += 1


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


def table_columns(headers: list[str]) -> dict[str, str]:
    """Our field -> the table's header, or ImportFileError naming the columns a table must have."""
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
    return columns


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


# Our group codes as a table writes them, in the (Årskurs, Grupp) columns: `group_from_text` reads them
# back to the same code. Without a grade, K and M are Kolada's women and men.
GRADE_NAMES = {"y9": "Åk 9", "g2": "Gy 2"}
SEX_NAMES = {"": "Totalt", "K": "Flickor", "M": "Pojkar"}


def group_words(code: str) -> tuple[str, str]:
    """(Årskurs, Grupp) for one of GROUPS: ("", "Kvinnor") for K, ("Åk 9", "Flickor") for y9K."""
    if code in ("T", "K", "M"):
        return "", {"T": "Totalt", "K": "Kvinnor", "M": "Män"}[code]
    return GRADE_NAMES[code[:2]], SEX_NAMES[code[2:]]


def iter_table_rows(
    data,
    filename: str = "",
    known_places: set[str] | None = None,
    place_names: dict[str, str] | None = None,
    max_bytes: int | None = None,
    limits=None,
    hidden: frozenset[str] = frozenset(),
) -> Iterator[DataRow]:
    """Rows of a survey table as Swedish Excel writes it (`;`, decimal comma, BOM or Windows-1252, XLSX).

    `data`: bytes, or a seekable binary stream that is read a chunk at a time (core.tabular.iter_table).

    `place_names` maps lower-case names ("arjeplog", "norrbottens län", "riket") to place codes, so a
    table may name places instead of giving codes. `hidden` holds the lower-case words a hidden small
    number is written with ("färre än 5"): a row with one in a number cell comes as `hidden`, no number.
    """
    try:
        headers, rows = iter_table(data, filename, max_bytes=max_bytes, limits=limits)
        columns = table_columns(headers)
        names = place_names or {}
        memo = _Memo(hidden)
        for number, cells in rows:
            yield _table_row(number, cells, columns, known_places, names, memo)
    except TableError as exc:
        raise ImportFileError(exc.template, row=exc.row, **exc.params) from exc


class _Memo:
    """What one table's rows repeat (a place, a year, a group, an indicator), checked once per file: a
    survey table of a million rows names the same few hundred of each over and over. Only cells that
    passed their checks are remembered, so a wrong cell is refused with the same message on any row."""

    def __init__(self, hidden: frozenset[str] = frozenset()):
        self.hidden = hidden
        self.places, self.periods, self.groups, self.indicators = {}, {}, {}, {}
        self.numbers = {}  # (column, text) -> the number; a table of shares holds a few thousand
        self.columns, self.headers = None, {}  # our field -> the table's header (None: no such column)


MEMO_NUMBERS = 50_000  # at most this many numbers remembered: memory stays flat whatever the file
HIDDEN = object()  # a number cell that holds a hidden small number's words


def table_indicator(indicator_cell: str, name: str, number: int) -> str:
    """The indicator id of a table row: its indicator cell, else made from its name (Fråga)."""
    indicator = indicator_cell or name
    if not indicator:
        raise ImportFileError(gettext_noop("the indicator is empty."), row=number)
    if len(indicator) > 40:
        if indicator_cell:
            raise ImportFileError(
                gettext_noop("indicator id %(id)s… is longer than 40 characters."),
                row=number,
                id=repr(indicator[:40]),
            )
        indicator = "tabell:" + re.sub(r"[^a-z0-9åäö]+", "-", indicator.lower())[:33]
    return indicator


def table_place(place_text: str, number: int, known_places, names: dict) -> str:
    """The Kolada place id of a table's place cell: a code, or a name such as "Arjeplog" or "Riket"."""
    code = names.get(place_text.lower(), place_text)
    if not PLACE_CODE.match(code):
        raise ImportFileError(
            gettext_noop("unknown municipality %(place)s."), row=number, place=repr(place_text)
        )
    return check_place(code, number, known_places)


def _table_row(
    number: int, cells: dict, columns: dict, known_places, names, memo: _Memo | None = None
) -> DataRow:
    memo = memo or _Memo()
    if memo.columns is not columns:
        memo.columns, memo.headers = columns, {field: columns.get(field) for field in TABLE_COLUMNS}
    headers, get = memo.headers, cells.get  # core.tabular strips every cell already; None is no header

    def cell(name):
        return get(headers[name], "")

    name = get(headers["name"], "")
    indicator_cell = get(headers["indicator"], "")
    indicator = memo.indicators.get((indicator_cell, name))
    if indicator is None:
        indicator = memo.indicators[(indicator_cell, name)] = table_indicator(indicator_cell, name, number)
    place_text = get(headers["place"], "")
    place = memo.places.get(place_text)
    if place is None:
        place = memo.places[place_text] = table_place(place_text, number, known_places, names)
    period = get(headers["period"], "")
    if period not in memo.periods:
        memo.periods[period] = check_period(period, number)
    period = memo.periods[period]
    grade_and_group = (get(headers["grade"], ""), get(headers["group"], ""))
    group = memo.groups.get(grade_and_group)
    if group is None:
        group = memo.groups[grade_and_group] = group_from_text(*grade_and_group, number)
    numbers = {}
    for field_name in ("value", "count", "denominator"):
        text = get(headers[field_name], "")
        known = memo.numbers.get((field_name, text), memo)  # the memo itself: not seen yet
        if known is memo:
            if text.lower() in memo.hidden:
                known = HIDDEN
            else:
                known = table_number(field_name, text, number, columns)
            if len(memo.numbers) < MEMO_NUMBERS:
                memo.numbers[(field_name, text)] = known
        numbers[field_name] = known
    source_text = get(headers["source"], "")
    source = SOURCE_WORDS.get(source_text.lower(), "") if source_text else ""
    if source_text and not source:
        raise ImportFileError(
            gettext_noop("source %(source)s is not one of %(known)s."),
            row=number,
            source=repr(source_text),
            known=", ".join(SOURCE_NAMES.values()),
        )
    if HIDDEN in numbers.values():
        # a file Samverka published: the real number is not in it, so the stored one stays as it is
        return DataRow(
            indicator, place, period, group, None, row=number, name=name[:200], source=source, hidden=True
        )
    value = numbers["value"]
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
        source=source,
    )


def table_number(field_name: str, text: str, number: int, columns: dict):
    """A number cell read and checked: a value within the column's size, a count or denominator whole."""
    try:
        parsed = parse_decimal(text)
    except ValueError:
        raise ImportFileError(
            gettext_noop("column '%(column)s' holds %(text)s, which is not a number."),
            row=number,
            column=columns[field_name],
            text=repr(text),
        ) from None
    if field_name == "value":
        return check_size(parsed, number, MAX_VALUE, columns.get("value", "value"))
    if parsed is None:
        return None
    if parsed != parsed.to_integral_value() or parsed < 0:
        raise ImportFileError(
            gettext_noop("column '%(column)s' holds %(text)s, which is not a whole number."),
            row=number,
            column=columns[field_name],
            text=repr(text),
        )
    return int(check_size(parsed, number, MAX_COUNT, columns[field_name]))


def table_line_row(
    number: int, cells: list[str], headers: list[str], columns: dict, known_places, names: dict
) -> DataRow:
    """One line of a table read as iter_table_rows reads it, its error raised (indicators.tablecopy reads
    the first refused row and the preview's rows so)."""
    try:
        for number_read, values in data_rows([(number, cells)], headers):
            return _table_row(number_read, values, columns, known_places, names)
    except TableError as exc:
        raise ImportFileError(exc.template, row=exc.row, **exc.params) from exc
    raise ImportFileError(gettext_noop("The file holds no rows to import."), row=number)  # a blank line


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
