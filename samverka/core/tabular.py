"""Reading spreadsheets as Swedish offices write them: plain Python, no Django.

CSV with `;` or `,` (sniffed), UTF-8 with or without BOM or Windows-1252; XLSX through openpyxl. Every
problem is a `TableError` whose message names the file or the row, so imports can refuse a file whole
and say why. Row numbers are the ones a person sees in Excel: the header is row 1. Every cell is trimmed,
and a cell that Samverka's own export neutralised (a leading apostrophe before a formula, core.formulas) is
restored, so a file Samverka exported imports back unchanged.
"""

import codecs
import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from samverka.core.formulas import restore
from samverka.core.text import without_control

XLSX_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 16
SAMPLE = 4096  # characters of a CSV file the delimiter is guessed from
RECORD_MARKS = re.compile(r'"|\r\n|\n|\r')  # a quote, or a line break (CRLF as one)


def gettext_noop(message: str) -> str:
    """Marks a message for translation (xgettext finds it by name) without importing Django."""
    return message


class TableError(ValueError):
    """A file or a row that cannot be read. `row` is the spreadsheet row number, when there is one.

    `template` is an English msgid with %(name)s placeholders filled from `params`, so the pages can
    show it in the reader's language (`core.messages.table_error_text`); `message` is the English text.
    """

    def __init__(self, template: str, row: int | None = None, **params):
        self.template = template
        self.params = params
        self.message = template % params if params else template
        self.row = row
        super().__init__(self.message)

    def __str__(self):
        return f"row {self.row}: {self.message}" if self.row else self.message


@dataclass(frozen=True)
class Limits:
    """What one uploaded file may cost, checked while it is read; the first limit reached stops it.

    `max_rows`: data rows; `max_uncompressed_bytes`: what a zip package (XLSX, DOCX) unpacks to, from
    its directory, before anything is unpacked (a 4 MB XLSX can hold 400,000 rows); `max_seconds`: wall
    clock from the start of reading, including what the caller does with each row."""

    max_rows: int = 200_000
    max_uncompressed_bytes: int = 50 * 1024 * 1024
    max_seconds: float = 120.0

    def but(self, **changes) -> "Limits":
        return replace(self, **changes)


# The site's limits: core's AppConfig sets them from the settings (SAMVERKA_UPLOAD_MAX_*).
DEFAULT_LIMITS = Limits()


def default_limits() -> Limits:
    return DEFAULT_LIMITS


def set_default_limits(limits: Limits) -> None:
    global DEFAULT_LIMITS
    DEFAULT_LIMITS = limits


def too_many_rows(limit: int, row: int | None = None) -> TableError:
    return TableError(
        gettext_noop("The file has more than %(limit)s rows; split it into smaller files."),
        row=row,
        limit=limit,
    )


def too_slow(seconds: float, row: int | None = None) -> TableError:
    return TableError(
        gettext_noop("Reading the file took longer than %(seconds)s seconds; split it into smaller files."),
        row=row,
        seconds=int(seconds),
    )


def zip_uncompressed_size(data) -> int | None:
    """What a zip package (bytes or a seekable binary stream) unpacks to, by its directory (zipfile never
    unpacks past a member's stated size), or None when it is not a readable zip."""
    try:
        with zipfile.ZipFile(
            io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
        ) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def check_zip_size(data: bytes, limits: Limits) -> None:
    size = zip_uncompressed_size(data)
    if size is not None and size > limits.max_uncompressed_bytes:
        raise TableError(
            gettext_noop("The file unpacks to %(size)s MB; the limit is %(limit)s MB."),
            size=size // (1024 * 1024),
            limit=limits.max_uncompressed_bytes // (1024 * 1024),
        )


def within_limits(rows, limits: Limits | None = None, error=None, header_rows: int = 0):
    """`rows` ((number, ...) pairs or objects with `.row`), stopped at the row or time limit.

    `error(template, row=..., **params)` makes the exception (TableError unless the caller's own kind);
    `header_rows` are read on top of the limit."""
    limits = limits or default_limits()
    deadline = time.monotonic() + limits.max_seconds
    count = 0
    for item in rows:
        count += 1
        number = item[0] if isinstance(item, tuple) else getattr(item, "row", None)
        problem = None
        if count > limits.max_rows + header_rows:
            problem = too_many_rows(limits.max_rows, number)
        elif time.monotonic() > deadline:
            problem = too_slow(limits.max_seconds, number)
        if problem is not None:
            if error is None:
                raise problem
            raise error(problem.template, row=problem.row, **problem.params)
        yield item


@dataclass
class Table:
    headers: list[str]
    # (spreadsheet row number, {normalised header: cell text}); blank rows are left out
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", " ", without_control(str(text or ""))).strip().lower()


def text_encoding(data) -> str:
    """'utf-8-sig' (with or without BOM), else 'cp1252', the two encodings Swedish Excel writes.

    `data`: bytes or a seekable binary stream (left at its start). Checked a chunk at a time with
    incremental decoders, so no decoded copy of the file is ever held.
    """
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            chunks = _chunks(data)
            chunk = next(chunks, b"")
            while True:
                following = next(chunks, None)
                text = decoder.decode(chunk, final=following is None)
                if encoding == "cp1252" and "\x00" in text:
                    raise TableError(gettext_noop("The file is not a text file."))
                if following is None:
                    break
                chunk = following
        except UnicodeDecodeError:
            continue
        finally:
            if not isinstance(data, bytes | bytearray | memoryview):
                data.seek(0)
        return encoding
    raise TableError(gettext_noop("The file is neither UTF-8 nor Windows-1252 text."))


def _chunks(data):
    """The bytes or the binary stream (from its start) a chunk at a time, never all at once."""
    if isinstance(data, bytes | bytearray | memoryview):
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            yield view[start : start + CHUNK]
        return
    data.seek(0)
    while chunk := data.read(CHUNK):
        yield chunk


def decode_text(data: bytes) -> str:
    """The whole text, for files read whole anyway (a transcript); tables go through text_stream."""
    return data.decode(text_encoding(data))


def text_stream(data) -> io.TextIOWrapper:
    """The bytes or binary stream as a stream of text lines: csv reads it line by line, line endings
    untouched."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    return io.TextIOWrapper(stream, encoding=text_encoding(stream), newline="")


def read_table(
    data: bytes, filename: str = "", max_bytes: int | None = None, limits: Limits | None = None
) -> Table:
    """Read a CSV or XLSX file (decided by its content, not its name) into headers and rows."""
    headers, rows = iter_table(data, filename, max_bytes, limits)
    table = Table(headers=headers)
    table.rows.extend(rows)
    return table


def iter_table(
    data,
    filename: str = "",
    max_bytes: int | None = None,
    limits: Limits | None = None,
    info: dict | None = None,
):
    """Like read_table, but returns (headers, an iterator of rows) so a large file is read row by row.

    `data`: bytes, or a seekable binary stream (an open file), which is then read a chunk at a time and
    never held whole. Every file is read within `limits` (the site's default limits when not given).
    `info`, when given, is told how a CSV file is written ("encoding", "delimiter") and gets its text
    stream ("text"), for a caller that hands the rest of the file to the database (indicators.tablecopy)."""
    limits = limits or default_limits()
    if isinstance(data, bytes | bytearray | memoryview):
        size, head = len(data), bytes(data[:4])
        blank = not data.strip()
    else:
        size = data.seek(0, io.SEEK_END)
        data.seek(0)
        head = data.read(4)
        blank = all(not chunk.strip() for chunk in _chunks(data))
        data.seek(0)
    if max_bytes is not None and size > max_bytes:
        raise TableError(
            gettext_noop("The file is too large (%(size)s kB); the limit is %(limit)s kB."),
            size=size // 1024,
            limit=max_bytes // 1024,
        )
    if blank:
        raise TableError(gettext_noop("The file is empty."))
    if head.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        check_zip_size(data, limits)
        raw_rows = _xlsx_rows(data)
    else:
        raw_rows = _csv_rows(text_stream(data), info if info is not None else {})
    # Blank rows count too: a sheet of a million empty rows costs as much time as a full one.
    raw_rows = within_limits(raw_rows, limits, header_rows=1)
    try:
        header_number, header = next(raw_rows)
    except StopIteration:
        raise TableError(gettext_noop("The file is empty.")) from None
    headers = [normalise_header(h) for h in header]
    while headers and headers[-1] == "":
        headers.pop()
    if not any(headers):
        raise TableError(gettext_noop("The first row must name the columns."), row=header_number)
    duplicates = {h for h in headers if h and headers.count(h) > 1}
    if duplicates:
        raise TableError(
            gettext_noop("Columns named twice: %(columns)s."),
            row=header_number,
            columns=", ".join(sorted(duplicates)),
        )
    return headers, data_rows(raw_rows, headers)


def data_rows(raw_rows, headers):
    for number, cells in raw_rows:
        # control characters out of every cell (core/text.py): a NUL cannot even be stored in PostgreSQL
        # (most cells are printable text, and a control character never is: the regex only runs on the rest)
        values = [
            (c if c.__class__ is str and c.isprintable() else without_control(str(c))).strip()
            if c is not None
            else ""
            for c in cells
        ]
        if not any(values):
            continue
        # a cell Samverka wrote with an apostrophe before a formula (core.formulas) reads as it was stored,
        # for every import alike; the join finds the rare row with an apostrophe cheaper than a look per cell
        if "'" in "".join(values):
            values = [restore(v) for v in values]
        if len(values) > len(headers) and any(values[len(headers) :]):
            raise TableError(
                gettext_noop("The row has %(cells)s cells but the header names %(columns)s columns."),
                row=number,
                cells=len(values),
                columns=len(headers),
            )
        values += [""] * (len(headers) - len(values))
        yield number, dict(zip(headers, values, strict=False))


def whole_records(sample: str) -> str:
    """The sample without its last record, which the sample's end may have cut (all of it when it holds
    one record): the delimiter is guessed from whole records only.

    A line break inside a quoted cell (Excel writes a cell's line breaks that way) does not end a record,
    so the sample is not simply cut at its last line: that would cut such a record in half, and half a
    record can look like a file with another delimiter. A quote opens or closes a quoted cell (an escaped
    quote is doubled, so it does neither), so a line break after an even number of quotes ends a record.
    A stray quote in an unquoted cell, which neither Excel nor Python's csv writes, only makes the cut
    earlier than it could be.
    """
    sample = sample.rstrip("\r\n")
    end, quotes = 0, 0
    for match in RECORD_MARKS.finditer(sample):
        if match.group() == '"':
            quotes += 1
        elif quotes % 2 == 0:
            end = match.start()
    if end:
        return sample[:end]
    if quotes % 2 == 0:  # every quote closed and no line break outside them: one record, whole
        return sample
    # a quote left open in the first record (cut by the sample's end, or a stray one): its whole lines
    last = max(sample.rfind("\n"), sample.rfind("\r"))
    return sample[:last] if last > 0 else sample


def _csv_rows(text: io.TextIOWrapper, info: dict):
    sample = text.read(SAMPLE)
    text.seek(0)
    lines = without_control(whole_records(sample)).splitlines()  # splitlines would also break at \x0b, \x1c…
    sniffer = csv.Sniffer()
    sniffer.preferred = [";", "\t", ","]  # Swedish Excel writes `;`; a decimal comma is not a separator
    try:
        delimiter = sniffer.sniff("\n".join(lines), delimiters=";,\t").delimiter
    except csv.Error:  # one column, or nothing that repeats
        delimiter = ","
    info.update(encoding=text.encoding, delimiter=delimiter, text=text)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield reader.line_num, row  # the line a record ends on: right even with quoted line breaks
    except csv.Error as exc:
        raise TableError(
            gettext_noop("The CSV file is malformed: %(error)s."), row=reader.line_num, error=str(exc)
        ) from exc


def _xlsx_rows(data):
    # openpyxl is loaded only when a workbook is read: CSV, the common case, never needs it
    from openpyxl import load_workbook

    try:
        if not isinstance(data, bytes | bytearray | memoryview):
            data.seek(0)
        stream = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(gettext_noop("The file is not a readable XLSX workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(c) for c in row]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 else value.isoformat()
    return str(value)


def parse_decimal(text: str) -> Decimal | None:
    """'1 234,5' or '1234.5' -> Decimal; '' -> None; anything else raises ValueError."""
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if cleaned == "":
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,5
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not a number") from exc
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a number")
    return value
