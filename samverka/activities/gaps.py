"""The gap view's arithmetic, in plain Python: which arena × ANDTS area × factor has no active,
evidence-based activity, and which cells the prioritised problems touch.

Output has every cell present, so an empty cell is visible as such rather than missing. The plan's gap view
and the lägesbild's coverage section both use it (selectors.gap_view).
"""

from dataclasses import dataclass, field

# --- The plan's gap view: arena × ANDTS area × risk or protective factor ---------------------------------
#
# A cell is a gap when no *active, evidence-based* activity covers it; the other activities that touch it
# (active but not research-based, planned, paused) are listed as such, so a gap is never hidden by an
# activity nobody knows works, and never overstated when something is at least being tried.

NO_FACTOR = ""  # the column of activities that name no factor


@dataclass(frozen=True)
class Item:
    """One activity as the cube needs it (no database objects: the arithmetic stays pure)."""

    title: str
    arena: str
    areas: tuple[str, ...]
    factors: tuple[str, ...]
    status: str
    evidence_based: bool
    active: bool


@dataclass
class CubeCell:
    arena: str
    area: str
    factor: str
    evidence_based: list[Item] = field(default_factory=list)
    other: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the prioritised problems that touch the cell

    @property
    def empty(self) -> bool:
        return not self.evidence_based


@dataclass
class CubeRow:
    key: str
    label: str
    cells: list[CubeCell]


@dataclass
class ArenaTable:
    key: str
    label: str
    columns: list[tuple[str, str]]
    rows: list[CubeRow]

    @property
    def empty_cells(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.empty)


def build_cube(
    arenas: list[tuple[str, str]],
    areas: list[tuple[str, str]],
    factors: list[tuple[str, str]],
    items: list[Item],
    no_factor_label: str = "",
) -> list[ArenaTable]:
    """One table per arena: ANDTS areas down, factors across (and a column for activities that name no
    factor). An item counts in every (area, factor) pair it names; ended activities are left out."""
    columns = [*factors, (NO_FACTOR, no_factor_label)]
    index: dict[tuple[str, str, str], CubeCell] = {
        (arena, area, factor): CubeCell(arena, area, factor)
        for arena, _ in arenas
        for area, _ in areas
        for factor, _ in columns
    }
    for item in items:
        for area in item.areas:
            for factor in item.factors or (NO_FACTOR,):
                cell = index.get((item.arena, area, factor))
                if cell is None:
                    continue
                (cell.evidence_based if item.active and item.evidence_based else cell.other).append(item)
    return [
        ArenaTable(
            arena,
            arena_label,
            columns,
            [
                CubeRow(area, area_label, [index[(arena, area, factor)] for factor, _ in columns])
                for area, area_label in areas
            ],
        )
        for arena, arena_label in arenas
    ]


def touched_cells(cube: list[ArenaTable], arenas, areas, factors) -> list[CubeCell]:
    """The cells a prioritised problem touches: every named arena × area × factor (all of a dimension
    when the problem names none of it, e.g. a problem in every arena)."""
    found = []
    for table in cube:
        if arenas and table.key not in arenas:
            continue
        for row in table.rows:
            if areas and row.key not in areas:
                continue
            found.extend(c for c in row.cells if not factors or c.factor in factors)
    return found


@dataclass(frozen=True)
class Mark:
    """A prioritised problem as the gap view places it: the arenas, ANDTS areas and factors it names (an
    empty dimension means all of it)."""

    title: str
    arenas: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()


@dataclass
class MarkedProblem:
    mark: Mark
    cells: list[CubeCell]

    @property
    def gaps(self) -> int:
        return sum(1 for c in self.cells if c.empty)


def mark_problems(cube: list[ArenaTable], marks: list[Mark]) -> list[MarkedProblem]:
    """Note each problem in the cells it touches (`touched_cells`) and return the problems with them."""
    marked = []
    for mark in marks:
        cells = touched_cells(cube, mark.arenas, mark.areas, mark.factors)
        for cell in cells:
            cell.problems.append(mark.title)
        marked.append(MarkedProblem(mark, cells))
    return marked
