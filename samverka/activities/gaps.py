"""The gap view's arithmetic, in plain Python: which arena × ANDTS area (or factor) has no active activity.

Input is the grouped counts the database gives; output is a full matrix with every cell present, so an
empty cell is visible as such rather than missing.
"""

from dataclasses import dataclass, field


@dataclass
class Cell:
    column: str
    total: int = 0
    evidence_based: int = 0

    @property
    def empty(self) -> bool:
        return self.total == 0


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.cells)


@dataclass
class Matrix:
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[Row]
    row_heading: str = ""

    @property
    def empty_cells(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.empty)


def build_matrix(
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    counts: list[tuple[str, str, bool, int]],
    row_heading: str = "",
) -> Matrix:
    """rows/columns: (key, label) in display order; counts: (row key, column key, evidence-based?, n)."""
    index: dict[tuple[str, str], list[int]] = {}
    for row_key, column_key, evidence_based, n in counts:
        totals = index.setdefault((row_key, column_key), [0, 0])
        totals[0] += n
        if evidence_based:
            totals[1] += n
    return Matrix(
        row_heading=row_heading,
        columns=list(columns),
        rows=[
            Row(
                key=row_key,
                label=row_label,
                cells=[
                    Cell(column_key, *index.get((row_key, column_key), [0, 0])) for column_key, _ in columns
                ],
            )
            for row_key, row_label in rows
        ],
    )
