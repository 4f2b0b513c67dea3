"""Writing parsed indicator rows to the database: streamed, set-based, one transaction, nothing saved on error.

The parsers (parsing.py) yield rows one by one; `observations_import` checks each (the write scope, the
indicator) and loads it into a temporary staging table, a chunk at a time, so memory holds one chunk
whatever the size of the file:

- on PostgreSQL through `COPY … FROM STDIN` (the "copy" loader),
- elsewhere (SQLite), or when asked, through batched multi-row INSERTs (the "batched" loader).

Then the same set-based statements merge the staging table into the series (models.Series: an
indicator's values for one place and group, every period in one row; Observation is a view of them, one
row a period), whatever the loader: a key given twice keeps its last row; one INSERT … SELECT records an
ObservationChange for every stored observation whose value, status, count or denominator differs, and one
INSERT … ON CONFLICT … DO UPDATE rewrites each series with a new or a changed observation (the file's rows
and the periods it does not give). The usual first import of a table's indicators (nothing stored for
them) is one plain INSERT of the grouped rows. Changes are always against what was stored before the
import. Before the merge, one query over the staging rows of the preview's first rows says what happens to
each (new, changed, unchanged; a key given again later: refused); the preview's list of changes is the
first 20 the merge records. The whole import runs in one transaction: a malformed row anywhere rolls
everything back.
"""

import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import permissions, tabular
from samverka.core.models import County, Municipality, Organisation, Role
from samverka.core.smallnumbers import hidden_texts
from samverka.core.tabular import gettext_noop
from samverka.indicators import tablecopy
from samverka.indicators.models import (
    QUANT,
    Group,
    ImportRun,
    Indicator,
    Observation,
    ObservationChange,
    Place,
    Series,
)
from samverka.indicators.parsing import DataRow, ImportFileError, IndicatorMeta, iter_pages, iter_table_rows

BATCH_SIZE = 2000  # rows per INSERT into the staging table (the batched loader)
COPY_CHUNK = 20000  # rows per COPY into the staging table
STAGING = "samverka_import_staging"


@dataclass(frozen=True)
class WriteScope:
    """What an import may write (issue 17): observations of the places in `codes` (Kolada place ids;
    None for every place) and, with `shared`, the shared indicator definitions (names, descriptions,
    units of existing indicators). A person writes only for the places they edit; county and country
    values and shared definitions come from the Kolada fetch, an administrator or the county board.
    With `refuse`, rows for other places refuse the whole file (the API, which has no preview); without
    it they are left out and listed (`ImportResult.left_out`), in the preview before anything is saved."""

    codes: frozenset[str] | None
    shared: bool
    refuse: bool = False

    def allows(self, code: str) -> bool:
        return self.codes is None or code in self.codes


# The Kolada fetch, the operator's command and the demo data: the official source, every place.
EVERYWHERE = WriteScope(codes=None, shared=True)


def write_scope_for(user, *, refuse: bool = False) -> WriteScope:
    """The places `user` may write observations for: the municipalities they edit; as an editor of a
    county board also its counties and the country, and the shared definitions; a superuser everything."""
    if user is None or not user.is_authenticated or not user.is_active:
        return WriteScope(codes=frozenset(), shared=False, refuse=refuse)
    if user.is_superuser:
        return WriteScope(codes=None, shared=True, refuse=refuse)
    codes = set(editable_codes_for(user))
    boards = Organisation.objects.filter(
        kind=Organisation.Kind.COUNTY_BOARD,
        memberships__user=user,
        memberships__role__in=[r for r in Role.values if Role.rank(r) >= Role.rank(Role.EDITOR)],
    )
    counties = set(
        County.objects.filter(municipalities__organisations__in=boards).values_list("code", flat=True)
    )
    codes |= {f"00{c}" for c in counties}
    if counties:
        codes.add("0000")
    return WriteScope(codes=frozenset(codes), shared=bool(counties), refuse=refuse)


@dataclass
class LeftOut:
    """Rows of one place an import left out because the user may not write that place's values."""

    code: str
    name: str
    count: int = 0
    rows: list = field(default_factory=list)  # the first row numbers, to find them in the file
    last_row: int = 0


@dataclass
class PreviewRow:
    """One row of the file as the preview shows it: the indicator's and the place's names and the group in
    words (never "D00001 | 2505 | T"), and what the import does with it: `status` is "new", "changed"
    (with the `old` value), "unchanged" or "refused" (with the `reason`)."""

    row: int
    indicator_code: str
    place_code: str
    period: str
    group_code: str
    value: Decimal | None
    status: str = ""
    old: Decimal | None = None
    reason: str = ""
    indicator: str = ""  # the names, filled in once the import knows them (names_fill)
    place: str = ""
    group: str = ""


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    hidden: int = 0  # rows skipped because a number in them was hidden ("färre än 5")
    indicators_created: int = 0
    indicators_named: int = 0
    sample: list = field(default_factory=list)  # the first rows of the file (PreviewRow), for the preview
    changes: list = field(default_factory=list)  # the first changed values (PreviewRow)
    run: ImportRun | None = None
    left_out: dict = field(default_factory=dict)  # Kolada place id -> LeftOut, rows for others' places
    names_kept: list = field(default_factory=list)  # shared indicators the file would have renamed

    _pending: dict = field(default_factory=dict, repr=False)  # staging seq -> its PreviewRow, until merged

    @property
    def left_out_rows(self) -> int:
        return sum(item.count for item in self.left_out.values())

    def left_out_list(self) -> list:
        return sorted(self.left_out.values(), key=lambda item: item.code)


def places_ensure() -> None:
    """One Place per municipality and county, and the country: run before any import (cheap, idempotent)."""
    Place.objects.get_or_create(code="0000", defaults={"kind": Place.Kind.COUNTRY, "name": "Riket"})
    have_counties = set(Place.objects.filter(county__isnull=False).values_list("county_id", flat=True))
    Place.objects.bulk_create(
        [
            Place(code=f"00{c.code}", kind=Place.Kind.COUNTY, name=c.name, county=c)
            for c in County.objects.exclude(pk__in=have_counties)
        ],
        ignore_conflicts=True,
    )
    have = set(Place.objects.filter(municipality__isnull=False).values_list("municipality_id", flat=True))
    Place.objects.bulk_create(
        [
            Place(code=m.code, kind=Place.Kind.MUNICIPALITY, name=m.name, municipality=m)
            for m in Municipality.objects.exclude(pk__in=have)
        ],
        ignore_conflicts=True,
    )


def place_lookup() -> tuple[dict[str, int], dict[str, str]]:
    """{Kolada id: Place pk} and {lower-case name: Kolada id} (names as tables write them)."""
    places_ensure()
    ids, names = {}, {}
    for pk, code, name in Place.objects.values_list("pk", "code", "name"):
        ids[code] = pk
        names[name.lower()] = code
        if name.lower().endswith("s län"):
            names[name.lower()[: -len("s län")]] = code  # "Norrbottens län" -> also "norrbotten"
    names.update({"riket": "0000", "sverige": "0000", "hela landet": "0000"})
    return ids, names


@dataclass
class TableFile:
    """A CSV/XLSX table not read yet. Iterating it reads it row by row in Python (parsing.py);
    `observations_import` on PostgreSQL lets the database read a CSV table instead (tablecopy.py), with
    the same result, when it may."""

    data: object  # bytes or a seekable binary stream
    filename: str
    limits: tabular.Limits | None

    def __iter__(self):
        place_ids, place_names = place_lookup()
        return iter_table_rows(
            self.data, self.filename, set(place_ids), place_names, limits=self.limits, hidden=hidden_texts()
        )


def parse_file(
    data_or_streams, *, file_format: str, filename: str = "", limits: tabular.Limits | None = None
):
    """The rows of a file as an iterable. `data_or_streams`: bytes or a seekable binary stream (read a
    chunk at a time) for a table, binary streams for Kolada.
    Which rows are written is decided by the import's `WriteScope`, not here. A table is read within
    `limits` (the upload limits when not given; the operator's command gives its own)."""
    if file_format == "kolada":
        return iter_pages(data_or_streams, set(place_lookup()[0]))
    return TableFile(data_or_streams, filename, limits)


def rows_of_run(run: ImportRun, data: bytes):
    """The rows of an uploaded file kept on its ImportRun (which of them are written is the import's
    `scope`: `write_scope_for(run.created_by)`)."""
    if run.file_format == "kolada":
        rows = parse_file([io.BytesIO(data)], file_format="kolada")
        # Tables are limited where core.tabular reads them; a JSON file here, row by row.
        return tabular.within_limits(rows, tabular.default_limits(), error=ImportFileError)
    return parse_file(data, file_format="table", filename=run.file_name)


def observations_import(
    rows: Iterable[DataRow | IndicatorMeta],
    *,
    run: ImportRun,
    source: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    sample_size: int = 20,
    scope: WriteScope,
    loader: str | None = None,
) -> ImportResult:
    """Import rows into observations in one transaction. Raises ImportFileError with nothing saved.

    With dry_run, everything is computed (new, changed, unchanged) and then rolled back: the preview.
    `scope` says which places' rows are written (the others are left out and listed, or refuse the file)
    and whether existing indicators may be renamed by the file. `loader`: "copy" (PostgreSQL only) or
    "batched"; by default COPY where the database has it (`default_loader`). Both give the same result.
    """
    result = ImportResult(run=run)
    place_ids, _names = place_lookup()
    place_names = dict(Place.objects.values_list("code", "name"))
    loader = loader or default_loader()
    with transaction.atomic():
        # (source, source id) -> pk; a table may name other sources than the import's (Källa), each
        # loaded when first named
        indicators = _indicators_of(source)
        sources = {source}
        staging = _Staging(loader, batch_size if loader == "batched" else COPY_CHUNK)
        staged = None
        if isinstance(rows, TableFile) and loader == "copy" and scope.codes is None:
            # every place may be written (no rows left out): the database reads the table
            # the import's own source only (a table naming sources, Källa, is read row by row)
            own = {sid: pk for (src, sid), pk in indicators.items() if src == source}
            try:
                with transaction.atomic():  # a savepoint: a file tablecopy leaves leaves no trace
                    staged = tablecopy.stage(
                        rows.data,
                        filename=rows.filename,
                        limits=rows.limits,
                        staging=STAGING,
                        source=source,
                        indicators=own,
                        place_ids=place_ids,
                        place_names=_names,
                        sample_size=sample_size,
                        progress=progress,
                        write_new=_new_rows_writer(run, result),
                    )
            except tablecopy.NotForCopy:
                staged = None
        if staged is not None:
            indicators.update({(source, sid): pk for sid, pk in own.items()})
            result.rows, result.indicators_created = staged.rows, staged.indicators_created
            for seq, item in staged.first:
                result.sample.append(_preview_row(item, "new" if staged.written else ""))
                if not staged.written:  # its status comes from the merge
                    result._pending[seq] = result.sample[-1]
        for item in rows if staged is None else ():
            if isinstance(item, IndicatorMeta):
                _indicator_name(item, source, indicators, result, scope)
                continue
            if not scope.allows(item.place):
                _leave_out(item, result, place_names, sample_size)
                continue
            if item.hidden:
                _hide(item, result, sample_size)
                continue
            result.rows += 1
            if len(result.sample) < sample_size:
                result.sample.append(_preview_row(item))
                result._pending[result.rows] = result.sample[-1]  # its seq in the staging table
            row_source = item.source or source
            if row_source not in sources:
                indicators.update(_indicators_of(row_source))
                sources.add(row_source)
            indicator_id = indicators.get((row_source, item.indicator))
            if indicator_id is None:
                indicator = Indicator(
                    source=row_source,
                    source_id=item.indicator,
                    name_sv=item.name or item.indicator,
                    unit=item.unit,
                )
                indicator.full_clean()
                indicator.save()
                indicator_id = indicators[(row_source, item.indicator)] = indicator.pk
                result.indicators_created += 1
            value = item.value
            if (
                staging.add(
                    (
                        result.rows,
                        item.row,
                        indicator_id,
                        place_ids[item.place],
                        item.period,
                        item.group,
                        None if value is None else str(value.quantize(QUANT)),
                        item.status,
                        item.count,
                        item.denominator,
                    )
                )
                and progress
            ):
                progress(result.rows)
        staging.flush()
        if staged is None or not staged.written:
            _merge(run, result)
        staging.drop()
        if progress:
            progress(result.rows)
        _names_fill(result, source, place_names)
        if result.left_out and scope.refuse:
            raise ImportFileError(
                gettext_noop(
                    "you may only import values for the places you edit; the file has rows for %(places)s."
                ),
                places=_left_out_text(result),
            )
        if result.rows == 0 and not result.indicators_named:
            if result.hidden:
                raise ImportFileError(
                    gettext_noop(
                        "The file holds no values to import: its numbers are hidden small numbers "
                        "(fewer than 5), which are never read as numbers."
                    )
                )
            if result.left_out:
                raise ImportFileError(
                    gettext_noop(
                        "The file holds no values for the places you edit; it has rows only for %(places)s."
                    ),
                    places=_left_out_text(result),
                )
            raise ImportFileError(gettext_noop("The file holds no rows to import."))
        if dry_run:
            transaction.set_rollback(True)
        else:
            run.status = ImportRun.Status.DONE
            run.rows, run.created, run.updated, run.unchanged = (
                result.rows,
                result.created,
                result.updated,
                result.unchanged,
            )
            run.payload = None
            run.save()
    return result


def _indicators_of(source: str) -> dict:
    return {
        (source, sid): pk
        for sid, pk in Indicator.objects.filter(source=source).values_list("source_id", "pk")
    }


def _preview_row(row: DataRow, status: str = "", **extra) -> PreviewRow:
    return PreviewRow(row.row, row.indicator, row.place, row.period, row.group, row.value, status, **extra)


def _names_fill(result: ImportResult, source: str, place_names: dict) -> None:
    """Name the indicators, places and groups of the preview's rows (one query, for the indicators)."""
    rows = result.sample + result.changes
    codes = {r.indicator_code for r in rows}
    names = {}
    for sid, indicator_source, name in Indicator.objects.filter(source_id__in=codes).values_list(
        "source_id", "source", "name_sv"
    ):
        if sid not in names or indicator_source == source:  # the import's own source first
            names[sid] = name
    groups = dict(Group.choices)
    for r in rows:
        r.indicator = names.get(r.indicator_code) or r.indicator_code
        r.place = place_names.get(r.place_code, r.place_code)
        r.group = str(groups.get(r.group_code, r.group_code))
        if not r.status:  # a later row of the file gives the same value again: that one counts
            r.status, r.reason = "refused", _("A later row of the file gives this value.")
    result._pending.clear()


REFUSED_SHOWN = 5  # refused rows among the preview's first rows, so the rows to import still show


def _leave_out(row: DataRow, result: ImportResult, place_names: dict, sample_size: int = 20) -> None:
    refused = sum(1 for shown in result.sample if shown.status == "refused")
    if len(result.sample) < sample_size and refused < REFUSED_SHOWN:
        result.sample.append(
            _preview_row(
                row,
                "refused",
                reason=_("You import values only for the places you edit; this place's come from Kolada."),
            )
        )
    item = result.left_out.get(row.place)
    if item is None:
        item = result.left_out[row.place] = LeftOut(row.place, place_names.get(row.place, row.place))
    if item.last_row == row.row and row.row:
        return  # another value (gender, group) of the same row of the file: one row, counted once
    item.last_row = row.row
    item.count += 1
    if len(item.rows) < 10:
        item.rows.append(row.row)


def _hide(row: DataRow, result: ImportResult, sample_size: int = 20) -> None:
    """A row whose number was hidden when the file was published: skipped, and said so in the preview."""
    result.hidden += 1
    if len(result.sample) < sample_size:
        result.sample.append(
            _preview_row(
                row,
                "refused",
                reason=_(
                    "The number is hidden (fewer than 5) in the file, so it is not imported: the stored "
                    "value stays as it is."
                ),
            )
        )


def _left_out_text(result: ImportResult) -> str:
    return ", ".join(
        f"{item.name} ({item.code}): "
        + ", ".join(str(n) for n in item.rows)
        + (" …" if item.count > 10 else "")
        for item in result.left_out_list()
    )


def _indicator_name(meta: IndicatorMeta, source, indicators, result, scope: WriteScope):
    key = (source, meta.indicator)
    indicator, created = Indicator.objects.get_or_create(
        source=source, source_id=meta.indicator, defaults={"name_sv": meta.title or meta.indicator}
    )
    if not created and not scope.shared:
        # a shared definition: named by the Kolada fetch or an administrator, never by one municipality's file
        indicators[key] = indicator.pk
        if meta.title and meta.title != indicator.name_sv and len(result.names_kept) < 50:
            result.names_kept.append(indicator)
        return
    changed = created
    for field_name, value in [
        ("name_sv", meta.title),
        ("measurement_note", meta.description),
        ("unit", meta.unit),
    ]:
        if (
            value
            and getattr(indicator, field_name)
            != value[: indicator._meta.get_field(field_name).max_length or None]
        ):
            setattr(indicator, field_name, value)
            changed = True
    if changed:
        indicator.full_clean()
        indicator.save()
        result.indicators_named += 1
    indicators[key] = indicator.pk


def default_loader() -> str:
    """COPY on PostgreSQL, batched INSERTs elsewhere."""
    return "copy" if connection.vendor == "postgresql" else "batched"


STAGING_COLUMNS = [
    "seq",
    "rownum",
    "indicator_id",
    "place_id",
    "period",
    "group",
    "value",
    "status",
    "count",
    "denominator",
]


class _Staging:
    """The temporary table the rows of one import are loaded into, a chunk at a time."""

    def __init__(self, loader: str, chunk: int):
        if loader not in ("copy", "batched"):
            raise ValueError(f"unknown loader {loader!r}")
        if loader == "copy" and connection.vendor != "postgresql":
            raise ValueError("the copy loader needs PostgreSQL")
        self.loader, self.chunk, self.rows = loader, chunk, []
        quote = connection.ops.quote_name
        obs = Series._meta
        types = {
            "indicator_id": obs.get_field("indicator").db_type(connection),
            "place_id": obs.get_field("place").db_type(connection),
        }
        ddl = ", ".join(
            [
                "seq bigint NOT NULL",
                "rownum integer NOT NULL",
                f"indicator_id {types['indicator_id']} NOT NULL",
                f"place_id {types['place_id']} NOT NULL",
                "period varchar(10) NOT NULL",
                f"{quote('group')} varchar(4) NOT NULL",
                "value numeric(18, 6) NULL",
                "status varchar(40) NOT NULL",
                f"{quote('count')} integer NULL",
                "denominator integer NULL",
            ]
        )
        self.columns = ", ".join(quote(c) for c in STAGING_COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({ddl})")
        self.indicator_prep = Indicator._meta.pk.get_db_prep_value

    def add(self, row: tuple) -> bool:
        """Keep a row; True when a chunk was written."""
        self.rows.append(row)
        if len(self.rows) >= self.chunk:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if self.loader == "copy":
                with cursor.cursor.copy(f"COPY {STAGING} ({self.columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                prep = self.indicator_prep
                marks = ", ".join(["%s"] * len(STAGING_COLUMNS))
                cursor.executemany(
                    f"INSERT INTO {STAGING} ({self.columns}) VALUES ({marks})",  # noqa: S608 - fixed names
                    [(r[0], r[1], prep(r[2], connection), *r[3:]) for r in self.rows],
                )
        self.rows = []

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {STAGING}")


def _same(a: str, b: str) -> str:
    """SQL: the two columns hold the same value, NULL equal to NULL."""
    if connection.vendor == "postgresql":
        return f"{a} IS NOT DISTINCT FROM {b}"
    return f"{a} IS {b}"


def _merge(run: ImportRun, result: ImportResult) -> None:
    """The staging table into the series, set-based: a few statements whatever the number of rows."""
    quote = connection.ops.quote_name
    obs = quote(Observation._meta.db_table)
    change = quote(ObservationChange._meta.db_table)
    group, count = quote("group"), quote("count")
    key = " AND ".join(f"o.{c} = s.{c}" for c in ("indicator_id", "place_id", "period", group))
    differs = (
        "NOT ("
        + " AND ".join(_same(f"o.{c}", f"s.{c}") for c in ("value", "status", count, "denominator"))
        + ")"
    )
    run_id = ImportRun._meta.pk.get_db_prep_value(run.pk, connection)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        indicators = f"IN (SELECT DISTINCT indicator_id FROM {STAGING})"  # noqa: S608
        if _insert_new(cursor, grouped(STAGING, guard=True), [run_id, now], indicators, [], result):
            return
        # a key given twice: its last row wins (one hash aggregate; nothing is deleted in the usual case)
        cursor.execute(
            f"DELETE FROM {STAGING} WHERE seq IN (SELECT s.seq FROM {STAGING} s JOIN "  # noqa: S608
            f"(SELECT indicator_id, place_id, period, {group}, MAX(seq) AS last FROM {STAGING} "
            f"GROUP BY indicator_id, place_id, period, {group} HAVING COUNT(*) > 1) d "
            f"ON s.indicator_id = d.indicator_id AND s.place_id = d.place_id AND s.period = d.period "
            f"AND s.{group} = d.{group} AND s.seq < d.last)"
        )
        if connection.vendor == "postgresql":
            # autovacuum never analyses a temporary table: without this the planner guesses its size
            cursor.execute(f"ANALYZE {STAGING}")
        cursor.execute(f"SELECT COUNT(*) FROM {STAGING}")  # noqa: S608
        distinct = cursor.fetchone()[0]
        if not distinct:
            return
        _sample_status(cursor, result, key, differs)
        # the first changes, for the preview
        cursor.execute(
            f"SELECT s.rownum, i.source_id, p.code, s.period, s.{group}, o.value, s.value "  # noqa: S608
            f"FROM {STAGING} s JOIN {obs} o ON {key} "
            f"JOIN {quote(Indicator._meta.db_table)} i ON i.id = s.indicator_id "
            f"JOIN {quote(Place._meta.db_table)} p ON p.id = s.place_id "
            f"WHERE {differs} ORDER BY s.seq LIMIT 20"
        )
        for rownum, indicator, place, period, group_code, old, new in cursor.fetchall():
            result.changes.append(
                PreviewRow(rownum, indicator, place, period, group_code, _q(new), "changed", old=_q(old))
            )
        # every change, with what was stored before
        cursor.execute(
            f"INSERT INTO {change} (series_id, period, import_run_id, old_value, new_value, old_status, "  # noqa: S608
            f"new_status, old_count, new_count) "
            f"SELECT o.series_id, o.period, %s, o.value, s.value, o.status, s.status, o.{count}, s.{count} "
            f"FROM {STAGING} s JOIN {obs} o ON {key} WHERE {differs} ORDER BY s.seq",
            [run_id],
        )
        result.updated = cursor.rowcount
        # the series with a new or a changed observation, rewritten whole: the file's rows and the periods
        # stored that the file does not give
        series_key = " AND ".join(f"t.{c} = x.{c}" for c in ("indicator_id", "place_id", group))
        cursor.execute(
            f"SELECT COUNT(*) FROM {STAGING} s WHERE NOT EXISTS (SELECT 1 FROM {obs} o WHERE {key})"  # noqa: S608
        )
        result.created = cursor.fetchone()[0]
        touched = (
            f"(SELECT DISTINCT s.indicator_id, s.place_id, s.{group} FROM {STAGING} s "  # noqa: S608
            f"LEFT JOIN {obs} o ON {key} WHERE o.id IS NULL OR {differs})"
        )
        columns = ", ".join(f"x.{c}" for c in ("indicator_id", "place_id", group, "period", "value", count))
        columns += ", x.denominator, x.status"
        rows = (
            f"(SELECT {columns} FROM {STAGING} x JOIN {touched} t ON {series_key} "  # noqa: S608
            f"UNION ALL SELECT {columns} FROM {obs} x JOIN {touched} t ON {series_key} "
            f"WHERE NOT EXISTS (SELECT 1 FROM {STAGING} s WHERE "
            + " AND ".join(f"s.{c} = x.{c}" for c in ("indicator_id", "place_id", "period", group))
            + "))"
        )
        if result.created or result.updated:
            cursor.execute(
                _series_insert(grouped(rows))
                + f" ON CONFLICT (indicator_id, place_id, {group}) DO UPDATE SET "
                + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in SERIES_LISTS)
                + ", import_run_id = excluded.import_run_id, updated_at = excluded.updated_at",
                [run_id, now],
            )
    result.unchanged = distinct - result.created - result.updated


SERIES_LISTS = ["periods", "values", "counts", "denominators", "statuses"]


def grouped(rows: str, guard: bool = False) -> str:
    """SQL: `rows` (a table or a parenthesised SELECT with the staging table's columns, one row per
    observation) grouped into series: indicator_id, place_id, group, the five lists (aggregated in one
    pass, so their elements line up) and n, the observations. With `guard`, a series given a period twice
    gets NULL periods, which the column refuses: a key the rows give twice fails the INSERT."""
    quote = connection.ops.quote_name
    group, count = quote("group"), quote("count")
    listed = "array_agg" if connection.vendor == "postgresql" else "json_group_array"
    periods = f"{listed}(s.period)"
    if guard:
        periods = f"CASE WHEN COUNT(*) = COUNT(DISTINCT s.period) THEN {periods} END"
    return (
        f"(SELECT s.indicator_id, s.place_id, s.{group}, {periods} AS periods, "  # noqa: S608
        f"{listed}(s.value) AS {quote('values')}, {listed}(s.{count}) AS counts, "
        f"{listed}(s.denominator) AS denominators, {listed}(s.status) AS statuses, COUNT(*) AS n "
        f"FROM {rows} s GROUP BY s.indicator_id, s.place_id, s.{group})"
    )


def _series_insert(series: str) -> str:
    """SQL: INSERT of `series` (a parenthesised SELECT with the columns of `grouped`) into the series, the
    import run and the time as its two parameters."""
    quote = connection.ops.quote_name
    group = quote("group")
    lists = ", ".join(quote(c) for c in SERIES_LISTS)
    # (WHERE true: SQLite's parser needs it before an ON CONFLICT after a SELECT)
    return (
        f"INSERT INTO {quote(Series._meta.db_table)} (indicator_id, place_id, {group}, {lists}, "  # noqa: S608
        f"import_run_id, updated_at) SELECT g.indicator_id, g.place_id, g.{group}, "
        f"{', '.join('g.' + quote(c) for c in SERIES_LISTS)}, %s, %s FROM {series} g WHERE true"
    )


def _insert_new(cursor, series: str, params: list, indicators: str, indicator_params: list, result) -> bool:
    """The usual first import of a table's indicators: nothing stored for them (`indicators`: SQL of
    their ids, `IN (…)` or `= ANY(%s)`), so every row is new and one plain INSERT of the `series` (the
    columns of `grouped`, guarded) writes them, with no conflict to look for and no change to record. A
    key the file gives twice fails it (a period twice in a series, or a series twice): rolled back to the
    savepoint, and False (the merge then keeps the last row). False too when something is stored for one
    of the indicators."""
    table = connection.ops.quote_name(Series._meta.db_table)
    cursor.execute(f"SELECT 1 FROM {table} WHERE indicator_id {indicators} LIMIT 1", indicator_params)  # noqa: S608
    if cursor.fetchone() is not None:
        return False
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"WITH written AS ({_series_insert(series)} RETURNING cardinality(periods) AS n) "  # noqa: S608 - fixed names
                    f"SELECT COALESCE(SUM(n), 0) FROM written",
                    params,
                )
            else:  # (SQLite writes nothing in a WITH)
                cursor.execute(_series_insert(series), params)
                cursor.execute(
                    f"SELECT COALESCE(SUM(json_array_length(periods)), 0) FROM {table} "  # noqa: S608
                    f"WHERE indicator_id {indicators}",
                    indicator_params,
                )
            written = cursor.fetchone()[0]
    except IntegrityError:
        return False
    result.created, result.updated, result.unchanged = int(written), 0, 0
    for shown in result._pending.values():  # every row is new; none was dropped as given again
        shown.status = "new"
    result._pending.clear()
    return True


def _new_rows_writer(run: ImportRun, result: ImportResult):
    """For tablecopy: write(series, indicator ids) -> the rows written straight into the series when
    they are all new (`_insert_new`; `series`: a SELECT with the columns of `grouped`, guarded), or None:
    then they go through the staging table and the merge."""
    run_id = ImportRun._meta.pk.get_db_prep_value(run.pk, connection)
    now = connection.ops.adapt_datetimefield_value(timezone.now())

    def write(series: str, indicator_ids: list) -> int | None:
        with connection.cursor() as cursor:
            if _insert_new(cursor, f"({series})", [run_id, now], "= ANY(%s)", [indicator_ids], result):
                return result.created
        return None

    return write


def _sample_status(cursor, result: ImportResult, key: str, differs: str) -> None:
    """What the import does with each of the preview's first rows, by one query over their staging rows
    against what is stored before the merge: new, changed (with the old value) or unchanged. A row whose
    key a later row of the file gives again is no longer staged; it stays without status (refused, later)."""
    if not result._pending:
        return
    obs = connection.ops.quote_name(Observation._meta.db_table)
    seqs = list(result._pending)
    marks = ", ".join(["%s"] * len(seqs))
    cursor.execute(
        f"SELECT s.seq, o.id, o.value, CASE WHEN o.id IS NULL THEN 0 WHEN {differs} THEN 1 ELSE 0 END "  # noqa: S608
        f"FROM {STAGING} s LEFT JOIN {obs} o ON {key} WHERE s.seq IN ({marks})",
        seqs,
    )
    for seq, obs_id, old, differ in cursor.fetchall():
        shown = result._pending.pop(seq)
        if obs_id is None:
            shown.status = "new"
        else:
            shown.status, shown.old = ("changed" if differ else "unchanged"), _q(old)


def _q(value):
    """A number as the column stores it (six decimals); SQLite hands back floats."""
    if value is None:
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))
    return Decimal(value).quantize(QUANT)


def source_for(file_format: str) -> str:
    return Indicator.Source.KOLADA if file_format == "kolada" else Indicator.Source.SURVEY


def import_run_create(
    *, user, municipality, file_name: str, file_format: str, data: bytes | None
) -> ImportRun:
    if municipality is not None:
        permissions.require(user, permissions.Action.EDIT, municipality)
    # Previews never confirmed keep their file for a day at most.
    ImportRun.objects.filter(
        status=ImportRun.Status.PREVIEW, created_at__lt=timezone.now() - timedelta(days=1)
    ).exclude(payload=None).update(payload=None)
    run = ImportRun(
        file_name=file_name[:255],
        file_format=file_format,
        sha256=hashlib.sha256(data).hexdigest() if data is not None else "",
        municipality=municipality,
        created_by=user if user is not None and user.is_authenticated else None,
        payload=data,
    )
    run.full_clean(exclude=["payload"])
    run.save()
    return run


def editable_codes_for(user) -> set[str]:
    return set(permissions.municipalities_for(user, permissions.Action.EDIT).values_list("code", flat=True))


def import_error_text(exc: ImportFileError) -> str:
    """The parser's English msgid, translated and filled in, with the file or page and the row."""
    params = dict(exc.params)
    if "detail" in params:
        params["detail"] = _(params["detail"])
    message = _(exc.template) % params if params else _(exc.template)
    if exc.row and exc.page:
        return _("File or page %(page)s, row %(row)s: %(message)s") % {
            "page": exc.page,
            "row": exc.row,
            "message": message,
        }
    if exc.row:
        return _("Row %(row)s: %(message)s") % {"row": exc.row, "message": message}
    if exc.page:
        return _("File or page %(page)s: %(message)s") % {"page": exc.page, "message": message}
    return message
