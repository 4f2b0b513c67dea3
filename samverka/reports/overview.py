"""The county overview: every municipality of a county side by side, one column per fact.

The columns are listed in reports/columns.py, which reads each app below. A column's
`values(municipalities, user)` answers for all municipalities at once (a fixed number of queries, whatever the size of the county) and returns {municipality id: Cell}; a
municipality missing from the answer has shared nothing, which the page shows as such, never as zero.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.core import permissions
from samverka.reports import columns
from samverka.reports.columns import COLUMNS, Column


@dataclass
class Row:
    municipality: Any
    cells: list  # Cell or None (shared nothing), in column order
    shared: list = field(default_factory=list)  # per column: does it count as shared by the municipality
    columns: list = field(default_factory=list)

    @property
    def entries(self) -> list:
        """(column, cell, what an empty cell means) in column order, for the page."""
        return [(c, cell, empty_text(c)) for c, cell in zip(self.columns, self.cells, strict=True)]

    @property
    def shared_nothing(self) -> bool:
        return all(c is None for c, counts in zip(self.cells, self.shared, strict=True) if counts)


def empty_text(column) -> str:
    """What an empty cell means: the municipality has not shared this, or (public statistics, which
    need no sharing) there are no figures."""
    return _("Not shared") if column.shared_by_municipality else _("No data")


def build(
    municipalities: list, user, sort: str = "", descending: bool = False, extra: list | None = None
) -> tuple[list[Column], list[Row]]:
    """`extra`: columns the reader chose for this view (e.g. indicators), after the registered ones."""
    cols = COLUMNS + list(extra or [])
    answers = [col.values(municipalities, user) for col in cols]
    shared = [c.shared_by_municipality for c in cols]
    rows = [Row(m, [answer.get(m.pk) for answer in answers], shared, cols) for m in municipalities]
    keys = [c.key for c in cols]
    if sort in keys:
        i = keys.index(sort)
        present = [r for r in rows if r.cells[i] is not None and r.cells[i].value is not None]
        missing = [r for r in rows if r not in present]
        present.sort(key=lambda r: _sortable(r.cells[i].value), reverse=descending)
        rows = present + missing  # nothing shared sorts last, whichever the direction
    elif sort == "name" and descending:
        rows.reverse()
    return cols, rows


def _sortable(value):
    return (0, value, "") if isinstance(value, int | float) else (1, 0, str(value).casefold())


def county_overview(county_slug: str, user, query) -> tuple:
    """(county, columns, rows, sort, descending) of the overview as `query` (the page's GET parameters:
    sort, dir, indicator) asks, for a user who may view at least one of its municipalities (404 else)."""
    county, municipalities = permissions.county_for(user, county_slug)
    sort = query.get("sort", "")
    descending = query.get("dir") == "desc"
    extra = columns.chosen_indicator_columns(query.getlist("indicator")) if "indicator" in query else []
    cols, rows = build(municipalities, user, sort, descending, extra=extra)
    return county, cols, rows, sort, descending


def export_name(county) -> str:
    return f"lansoversikt-{county.slug}-{timezone.localdate():%Y-%m-%d}"


def table(cols, rows):
    """The overview as a header and lines of plain values, for CSV and XLSX; Swedish headers whatever
    the reader's language, as the county report is filed in Swedish."""
    with translation.override("sv"):
        header = [_("Municipality"), _("Municipality code")]
        for c in cols:
            header.append(str(c.title))
            if c.export_details:
                header.append(_("%(column)s – details") % {"column": c.title})
        empty = [empty_text(c) for c in cols]
    body = []
    for r in rows:
        line = [r.municipality.name, r.municipality.code]
        for c, cell, nothing in zip(cols, r.cells, empty, strict=True):
            line.append(nothing if cell is None else cell.value)
            if c.export_details:
                line.append("" if cell is None else "; ".join(str(d) for d in cell.details))
        body.append(line)
    return header, body
