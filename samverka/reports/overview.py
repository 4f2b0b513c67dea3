"""The county overview: every municipality of a county side by side, one column per fact.

The columns are listed in reports/columns.py, which reads each app below. A column's
`values(municipalities, user)` answers for all municipalities at once (a fixed number of queries, whatever the size of the county) and returns {municipality id: Cell}; a
municipality missing from the answer has shared nothing, which the page shows as such, never as zero.
"""

from dataclasses import dataclass, field
from typing import Any

from samverka.reports.columns import COLUMNS, Column


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
    cols = COLUMNS + list(extra or [])
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
