"""The county overview: every municipality of a county side by side, one column per fact.

Columns come from a registry so that each app plugs its own in (`overview_column(...)`, called from an
AppConfig.ready()). A column's `values(municipalities, user)` answers for all municipalities at once
(a fixed number of queries, whatever the size of the county) and returns {municipality id: Cell}; a
municipality missing from the answer has shared nothing, which the page shows as such, never as zero.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cell:
    value: Any  # what sorting and the spreadsheet use (a number, a string, a date)
    text: str = ""  # what the page shows; defaults to str(value)
    url: str | None = None
    details: tuple = ()  # short lines under the value (e.g. per arena)

    @property
    def display(self) -> str:
        return self.text or ("" if self.value is None else str(self.value))


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    group: str
    values: Callable  # (list[Municipality], user) -> dict[int, Cell]
    order: int = 100
    help: str = ""
    export_details: bool = field(default=False)  # also export the detail lines, in the next cell
    # False for public statistics (indicators): a value there is not something the municipality shared.
    shared_by_municipality: bool = True


COLUMNS: dict[str, Column] = {}


def overview_column(column: Column) -> None:
    COLUMNS[column.key] = column


def columns() -> list[Column]:
    return sorted(COLUMNS.values(), key=lambda c: (c.order, c.key))


@dataclass
class Row:
    municipality: Any
    cells: list  # Cell or None (shared nothing), in column order
    shared: list = field(default_factory=list)  # per column: does it count as shared by the municipality

    @property
    def shared_nothing(self) -> bool:
        return all(c is None for c, counts in zip(self.cells, self.shared, strict=True) if counts)


def build(
    municipalities: list, user, sort: str = "", descending: bool = False, extra: list | None = None
) -> tuple[list[Column], list[Row]]:
    """`extra`: columns the reader chose for this view (e.g. indicators), after the registered ones."""
    cols = columns() + list(extra or [])
    answers = [col.values(municipalities, user) for col in cols]
    shared = [c.shared_by_municipality for c in cols]
    rows = [Row(m, [answer.get(m.pk) for answer in answers], shared) for m in municipalities]
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
