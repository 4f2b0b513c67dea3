"""Scoring sheets (CSV or XLSX) read into scores, in plain Python: the command and the app's import
share this parser, so a sheet is accepted or refused the same way in both.

Columns: `interview`, `dimension`, `score`, optional `scorer` (Swedish headers intervju, dimension,
poäng, bedömare are accepted too). Rows whose scorer is empty or `consensus` are consensus scores.
Every problem raises `ScoringError` naming the row (the header is row 1, as in Excel).
"""

import re
from dataclasses import dataclass, field
from fractions import Fraction

from samverka.core.tabular import TableError, default_limits, parse_decimal, read_table
from samverka.readiness.scoring import (
    CONSENSUS,
    DIMENSIONS,
    FIVE_B_SV,
    MODELS,
    Result,
    ScoringError,
    check_score,
    compute,
    dimension_name,
)

MAX_SHEET_BYTES = 2 * 1024 * 1024
# Interviews x dimensions x scorers: a few hundred rows; the form states this limit.
MAX_SHEET_ROWS = 5_000
HEADER_ALIASES = {
    "interview": ("interview", "intervju"),
    "dimension": ("dimension",),
    "score": ("score", "poäng", "poang"),
    "scorer": ("scorer", "bedömare", "bedomare"),
}
CONSENSUS_WORDS = {"", CONSENSUS, "konsensus"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _dimension_lookup() -> dict[str, str]:
    lookup = {}
    for key, (en6, en5, sv) in DIMENSIONS.items():
        for name in (key, en6, en5, sv):
            if name:
                lookup[_norm(name)] = key
    lookup[_norm(FIVE_B_SV)] = "B"
    return lookup


DIMENSION_LOOKUP = _dimension_lookup()


def dimension_key(text: str) -> str | None:
    """'A', 'a', 'Ledarskap', 'Leadership', 'C Ledarskap' -> the key, or None."""
    norm = _norm(text)
    if norm in DIMENSION_LOOKUP:
        return DIMENSION_LOOKUP[norm]
    match = re.match(r"^([a-f])[\s.:)–-]+(.+)$", norm)
    if match and DIMENSION_LOOKUP.get(_norm(match.group(2))) == match.group(1).upper():
        return match.group(1).upper()
    return None


@dataclass
class Sheet:
    model: str
    consensus: dict[tuple[str, str], Fraction] = field(default_factory=dict)
    scorer_scores: dict[tuple[str, str, str], Fraction] = field(default_factory=dict)
    interviews: list[str] = field(default_factory=list)  # in the order they first appear
    scorers: list[str] = field(default_factory=list)
    rows: int = 0

    def result(self, half_steps: bool = True) -> Result:
        return compute(self.model, self.consensus, self.scorer_scores, half_steps)


def parse_sheet(data: bytes, filename: str = "", model: str = "six", half_steps: bool = True) -> Sheet:
    """Read and check a whole sheet; raise ScoringError (with the row) at the first problem."""
    if model not in MODELS:
        raise ScoringError(f"okänd modell {model!r}: välj six eller five")
    try:
        table = read_table(
            data, filename, max_bytes=MAX_SHEET_BYTES, limits=default_limits().but(max_rows=MAX_SHEET_ROWS)
        )
    except TableError as exc:
        raise ScoringError(_table_message(exc), row=exc.row) from exc
    columns = {}
    for name, aliases in HEADER_ALIASES.items():
        found = next((h for h in table.headers if h in aliases), None)
        if found is None and name != "scorer":
            raise ScoringError(
                f"kolumnen {name!r} saknas (kolumner: interview, dimension, score, scorer)", row=1
            )
        columns[name] = found
    keys = MODELS[model]
    sheet = Sheet(model=model)
    first_row: dict[str, int] = {}
    seen: dict[tuple, int] = {}
    for number, cells in table.rows:
        interview = cells[columns["interview"]].strip()
        if not interview:
            raise ScoringError("intervju saknas", row=number)
        raw_dimension = cells[columns["dimension"]]
        key = dimension_key(raw_dimension)
        if key is None:
            raise ScoringError(
                f"okänd dimension {raw_dimension!r} (ange A–F eller dimensionens namn)", row=number
            )
        if key not in keys:
            raise ScoringError(
                f"dimension {key} ingår inte i modellen med {'sex' if model == 'six' else 'fem'} dimensioner",
                row=number,
            )
        raw_score = cells[columns["score"]]
        try:
            value = parse_decimal(raw_score)
        except ValueError:
            raise ScoringError(f"poängen {raw_score!r} är inte ett tal", row=number) from None
        if value is None:
            raise ScoringError("poäng saknas", row=number)
        try:
            score = check_score(value, half_steps)
        except ScoringError as exc:
            raise ScoringError(exc.message, row=number) from None
        scorer = cells[columns["scorer"]].strip() if columns["scorer"] else ""
        is_consensus = scorer.lower() in CONSENSUS_WORDS
        unit = (interview, key) if is_consensus else (scorer, interview, key)
        if unit in seen:
            who = "konsensuspoäng" if is_consensus else f"poäng av bedömare {scorer!r}"
            raise ScoringError(
                f"två {who} för intervju {interview!r} och dimension {key} (också på rad {seen[unit]})",
                row=number,
            )
        seen[unit] = number
        if is_consensus:
            sheet.consensus[unit] = score
        else:
            sheet.scorer_scores[unit] = score
            if scorer not in sheet.scorers:
                sheet.scorers.append(scorer)
        if interview not in first_row:
            first_row[interview] = number
            sheet.interviews.append(interview)
        sheet.rows += 1
    if not sheet.rows:
        raise ScoringError("filen har inga rader med poäng", row=None)
    for interview in sheet.interviews:
        missing = [k for k in keys if (interview, k) not in sheet.consensus]
        if missing:
            raise ScoringError(
                f"intervju {interview!r} saknar konsensuspoäng för dimension {', '.join(missing)}",
                row=first_row[interview],
            )
    return sheet


def _table_message(exc: TableError) -> str:
    """The reading error in Swedish, like the rest of this module's messages."""
    from django.utils import translation

    from samverka.core.messages import table_error_text

    with translation.override("sv"):
        return table_error_text(exc, with_row=False)


def text_table(result: Result) -> str:
    """The readable Swedish table the command prints."""
    from samverka.readiness.scoring import stage_name

    model = "sex dimensioner (A–F)" if result.model == "six" else "fem dimensioner (B–F, 2014)"
    count = f"{result.interviews} {'intervju' if result.interviews == 1 else 'intervjuer'}"
    lines = [f"Förändringsberedskap – {model}, {count}", ""]
    width = max(len(dimension_name(k, result.model)) for k in result.dimensions) + 2
    lines.append(f"{'Dimension':<{width + 2}} {'Poäng':>6}  Stadium")
    for key, d in result.dimensions.items():
        label = f"{key} {dimension_name(key, result.model)}"
        lines.append(f"{label:<{width + 2}} {_sv(d.shown):>6}  {d.stage} {stage_name(d.stage)}")
    o = result.overall
    lines.append(f"{'Sammantaget':<{width + 2}} {_sv(o.shown):>6}  {o.stage} {stage_name(o.stage)}")
    lines.append("")
    lines.append("Poängen visas med två decimaler, avkortade; stadiet är poängen avrundad nedåt.")
    a = result.agreement
    if a is None:
        lines.append("Samstämmighet mellan bedömare: inga bedömarrader i filen.")
    else:
        alpha = "kan inte beräknas" if a.krippendorff_alpha is None else _sv(f"{a.krippendorff_alpha:.2f}")
        lines.append(
            f"Samstämmighet mellan bedömare ({a.pairs} par): exakt lika {_pct(a.exact)}, "
            f"högst en poängs skillnad {_pct(a.within_one)}, Krippendorffs alfa ({METRIC_SV.get(a.metric, a.metric)}) {alpha}."
        )
    return "\n".join(lines)


METRIC_SV = {"interval": "intervallskala", "ordinal": "ordinalskala"}


def _sv(value) -> str:
    return str(value).replace(".", ",")


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"
