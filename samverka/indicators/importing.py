"""Writing parsed indicator rows to the database: keyed, batched, one transaction, nothing saved on error.

The parsers (parsing.py) yield rows one by one; `observations_import` takes them in batches of
BATCH_SIZE, looks up the existing observations of a batch in one query, then writes new ones with one
bulk_create and changed ones with one bulk_update (plus one bulk_create of ObservationChange rows).
Per batch that is four queries whatever its size, no query per row, and memory holds one batch at a
time. The whole import runs in one transaction: a malformed row anywhere rolls everything back.
"""

import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import permissions, tabular
from samverka.core.models import County, Municipality, Organisation, Role
from samverka.core.tabular import gettext_noop
from samverka.indicators.models import Group, ImportRun, Indicator, Observation, ObservationChange, Place
from samverka.indicators.parsing import DataRow, ImportFileError, IndicatorMeta, iter_pages, iter_table_rows

BATCH_SIZE = 2000
QUANT = Decimal("0.000001")  # the column's six decimal places: compare what is stored with what is read


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
    indicators_created: int = 0
    indicators_named: int = 0
    sample: list = field(default_factory=list)  # the first rows of the file (PreviewRow), for the preview
    changes: list = field(default_factory=list)  # the first changed values (PreviewRow)
    run: ImportRun | None = None
    left_out: dict = field(default_factory=dict)  # Kolada place id -> LeftOut, rows for others' places
    names_kept: list = field(default_factory=list)  # shared indicators the file would have renamed

    _pending: dict = field(default_factory=dict, repr=False)  # id(DataRow) -> its PreviewRow, until written

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


def parse_file(data_or_streams, *, file_format: str, filename: str = ""):
    """The rows of a file as an iterator. `data_or_streams`: bytes for a table, binary streams for Kolada.
    Which rows are written is decided by the import's `WriteScope`, not here."""
    place_ids, place_names = place_lookup()
    known = set(place_ids)
    if file_format == "kolada":
        return iter_pages(data_or_streams, known)
    return iter_table_rows(data_or_streams, filename, known, place_names)


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
) -> ImportResult:
    """Import rows into observations in one transaction. Raises ImportFileError with nothing saved.

    With dry_run, everything is computed (new, changed, unchanged) and then rolled back: the preview.
    `scope` says which places' rows are written (the others are left out and listed, or refuse the file)
    and whether existing indicators may be renamed by the file.
    """
    result = ImportResult(run=run)
    place_ids, _names = place_lookup()
    place_names = dict(Place.objects.values_list("code", "name"))
    with transaction.atomic():
        indicators = {
            sid: pk for sid, pk in Indicator.objects.filter(source=source).values_list("source_id", "pk")
        }
        batch: dict[tuple, DataRow] = {}
        for item in rows:
            if isinstance(item, IndicatorMeta):
                _indicator_name(item, source, indicators, result, scope)
                continue
            if not scope.allows(item.place):
                _leave_out(item, result, place_names, sample_size)
                continue
            result.rows += 1
            if len(result.sample) < sample_size:
                result.sample.append(_preview_row(item))
                result._pending[id(item)] = result.sample[-1]
            if item.indicator not in indicators:
                indicator = Indicator(
                    source=source,
                    source_id=item.indicator,
                    name_sv=item.name or item.indicator,
                    unit=item.unit,
                )
                indicator.full_clean()
                indicator.save()
                indicators[item.indicator] = indicator.pk
                result.indicators_created += 1
            batch[(indicators[item.indicator], place_ids[item.place], item.period, item.group)] = item
            if len(batch) >= batch_size:
                _write_batch(batch, run, result)
                batch = {}
                if progress:
                    progress(result.rows)
        if batch:
            _write_batch(batch, run, result)
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


def _preview_row(row: DataRow, status: str = "", **extra) -> PreviewRow:
    return PreviewRow(row.row, row.indicator, row.place, row.period, row.group, row.value, status, **extra)


def _names_fill(result: ImportResult, source: str, place_names: dict) -> None:
    """Name the indicators, places and groups of the preview's rows (one query, for the indicators)."""
    rows = result.sample + result.changes
    codes = {r.indicator_code for r in rows}
    names = dict(
        Indicator.objects.filter(source=source, source_id__in=codes).values_list("source_id", "name_sv")
    )
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


def _left_out_text(result: ImportResult) -> str:
    return ", ".join(
        f"{item.name} ({item.code}): "
        + ", ".join(str(n) for n in item.rows)
        + (" …" if item.count > 10 else "")
        for item in result.left_out_list()
    )


def _indicator_name(meta: IndicatorMeta, source, indicators, result, scope: WriteScope):
    indicator, created = Indicator.objects.get_or_create(
        source=source, source_id=meta.indicator, defaults={"name_sv": meta.title or meta.indicator}
    )
    if not created and not scope.shared:
        # a shared definition: named by the Kolada fetch or an administrator, never by one municipality's file
        indicators[meta.indicator] = indicator.pk
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
    indicators[meta.indicator] = indicator.pk


def _q(value):
    return None if value is None else Decimal(value).quantize(QUANT)


def _write_batch(batch: dict[tuple, DataRow], run: ImportRun, result: ImportResult) -> None:
    indicator_ids = {k[0] for k in batch}
    place_ids = {k[1] for k in batch}
    periods = {k[2] for k in batch}
    existing = {}
    for obs in Observation.objects.filter(
        indicator_id__in=indicator_ids, place_id__in=place_ids, period__in=periods
    ).only("id", "indicator_id", "place_id", "period", "group", "value", "status", "count", "denominator"):
        key = (obs.indicator_id, obs.place_id, obs.period, obs.group)
        if key in batch:
            existing[key] = obs
    now = timezone.now()
    new, changed, changes = [], [], []
    for key, row in batch.items():
        value = _q(row.value)
        obs = existing.get(key)
        shown = result._pending.pop(id(row), None)
        if obs is None:
            if shown is not None:
                shown.status = "new"
            new.append(
                Observation(
                    indicator_id=key[0],
                    place_id=key[1],
                    period=key[2],
                    group=key[3],
                    value=value,
                    status=row.status,
                    count=row.count,
                    denominator=row.denominator,
                    import_run_id=run.pk,
                    updated_at=now,
                )
            )
            continue
        old = (_q(obs.value), obs.status, obs.count, obs.denominator)
        if shown is not None:
            shown.status, shown.old = "unchanged", old[0]
        if old == (value, row.status, row.count, row.denominator):
            result.unchanged += 1
            continue
        if shown is not None:
            shown.status = "changed"
        changes.append(
            ObservationChange(
                observation_id=obs.pk,
                import_run_id=run.pk,
                old_value=old[0],
                new_value=value,
                old_status=old[1],
                new_status=row.status,
                old_count=old[2],
                new_count=row.count,
            )
        )
        if len(result.changes) < 20:
            result.changes.append(_preview_row(row, "changed", old=old[0]))
        obs.value, obs.status, obs.count, obs.denominator = value, row.status, row.count, row.denominator
        obs.import_run_id, obs.updated_at = run.pk, now
        changed.append(obs)
    if new:
        Observation.objects.bulk_create(new, batch_size=len(new))
        result.created += len(new)
    if changed:
        _update_observations(changed, run, now)
        ObservationChange.objects.bulk_create(changes, batch_size=1000)
        result.updated += len(changed)


def _update_observations(changed: list[Observation], run: ImportRun, now) -> None:
    """Write changed observations. On PostgreSQL one UPDATE … FROM unnest(arrays) per batch, which is many
    times faster than bulk_update's CASE WHEN per row; elsewhere bulk_update."""
    if connection.vendor != "postgresql":
        Observation.objects.bulk_update(
            changed, ["value", "status", "count", "denominator", "import_run", "updated_at"], batch_size=500
        )
        return
    table = connection.ops.quote_name(Observation._meta.db_table)
    sql = (
        f"UPDATE {table} AS o SET value = v.value, status = v.status, count = v.count, "  # noqa: S608 - names from _meta
        "denominator = v.denominator, import_run_id = %s, updated_at = %s "
        "FROM unnest(%s::bigint[], %s::numeric[], %s::varchar[], %s::integer[], %s::integer[]) "
        "AS v(id, value, status, count, denominator) WHERE o.id = v.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                run.pk,
                now,
                [o.pk for o in changed],
                [o.value for o in changed],
                [o.status for o in changed],
                [o.count for o in changed],
                [o.denominator for o in changed],
            ],
        )


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
