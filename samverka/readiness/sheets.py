"""Scoring sheets (CSV or XLSX) read into scores, in plain Python: the command and the app's import
share this parser, so a sheet is accepted or refused the same way in both.

Columns: `interview`, `dimension`, `score`, optional `scorer` (Swedish headers intervju, dimension,
poäng, bedömare are accepted too). Rows whose scorer is empty or `consensus` are consensus scores.
Every problem raises `ScoringError` naming the row (the header is row 1, as in Excel).
"""

import functools
import re
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.core.tabular import TableError, default_limits, parse_decimal, read_table
from samverka.readiness.scoring import (
    CONSENSUS,
    DIMENSIONS,
    MODELS,
    Result,
    ScoringError,
    check_score,
    compute,
    dimension_name,
    in_language,
    missing_consensus,
    not_in_model,
    unknown_model,
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


@functools.cache  # built on first use: the names come from the catalogues, which never change
def _dimension_lookup() -> dict[str, str]:
    lookup = {}
    for key, names in DIMENSIONS.items():
        lookup[_norm(key)] = key
        for name in names:
            for language in ("sv", "en"):
                if name:
                    lookup[_norm(in_language(name, language))] = key
    return lookup


def dimension_key(text: str) -> str | None:
    """'A', 'a', 'Ledarskap', 'Leadership', 'C Ledarskap' -> the key, or None."""
    norm = _norm(text)
    lookup = _dimension_lookup()
    if norm in lookup:
        return lookup[norm]
    match = re.match(r"^([a-f])[\s.:)–-]+(.+)$", norm)
    if match and lookup.get(_norm(match.group(2))) == match.group(1).upper():
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
        raise ScoringError(unknown_model(model))
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
                _("the column %(name)r is missing (columns: interview, dimension, score, scorer)")
                % {"name": name},
                row=1,
            )
        columns[name] = found
    keys = MODELS[model]
    sheet = Sheet(model=model)
    first_row: dict[str, int] = {}
    seen: dict[tuple, int] = {}
    for number, cells in table.rows:
        interview = cells[columns["interview"]].strip()
        if not interview:
            raise ScoringError(_("interview missing"), row=number)
        raw_dimension = cells[columns["dimension"]]
        key = dimension_key(raw_dimension)
        if key is None:
            raise ScoringError(
                _("unknown dimension %(dimension)r (give A–F or the dimension's name)")
                % {"dimension": raw_dimension},
                row=number,
            )
        if key not in keys:
            raise ScoringError(not_in_model(key, model), row=number)
        raw_score = cells[columns["score"]]
        try:
            value = parse_decimal(raw_score)
        except ValueError:
            raise ScoringError(
                _("the score %(score)r is not a number") % {"score": raw_score}, row=number
            ) from None
        if value is None:
            raise ScoringError(_("score missing"), row=number)
        try:
            score = check_score(value, half_steps)
        except ScoringError as exc:
            raise ScoringError(exc.message, row=number) from None
        scorer = cells[columns["scorer"]].strip() if columns["scorer"] else ""
        is_consensus = scorer.lower() in CONSENSUS_WORDS
        unit = (interview, key) if is_consensus else (scorer, interview, key)
        if unit in seen:
            values = {"interview": interview, "key": key, "other": seen[unit], "scorer": scorer}
            if is_consensus:
                message = _(
                    "two consensus scores for interview %(interview)r and dimension %(key)s (also on row %(other)s)"
                )
            else:
                message = _(
                    "two scores by scorer %(scorer)r for interview %(interview)r and dimension %(key)s"
                    " (also on row %(other)s)"
                )
            raise ScoringError(message % values, row=number)
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
        raise ScoringError(_("the file has no rows with scores"), row=None)
    for interview in sheet.interviews:
        missing = [k for k in keys if (interview, k) not in sheet.consensus]
        if missing:
            raise ScoringError(missing_consensus(interview, missing), row=first_row[interview])
    return sheet


def _table_message(exc: TableError) -> str:
    """The reading error in the active language, like the rest of this module's messages."""
    from samverka.core.messages import table_error_text

    return table_error_text(exc, with_row=False)


def text_table(result: Result) -> str:
    """The readable table the command prints, in Swedish (numbers with a decimal comma)."""
    with translation.override("sv"):
        return _text_table(result)


def _text_table(result: Result) -> str:
    from samverka.readiness.scoring import stage_name

    model = _("six dimensions (A–F)") if result.model == "six" else _("five dimensions (B–F, 2014)")
    count = ngettext("%(count)s interview", "%(count)s interviews", result.interviews) % {
        "count": result.interviews
    }
    lines = [f"{_('Readiness for change')} – {model}, {count}", ""]
    width = max(len(dimension_name(k, result.model)) for k in result.dimensions) + 2
    lines.append(f"{_('Dimension'):<{width + 2}} {_('Score'):>6}  {_('Stage')}")
    for key, d in result.dimensions.items():
        label = f"{key} {dimension_name(key, result.model)}"
        lines.append(f"{label:<{width + 2}} {_number(d.shown):>6}  {d.stage} {stage_name(d.stage)}")
    o = result.overall
    lines.append(f"{_('Overall'):<{width + 2}} {_number(o.shown):>6}  {o.stage} {stage_name(o.stage)}")
    lines.append("")
    lines.append(_("Scores are shown with two decimals, truncated; the stage is the score rounded down."))
    a = result.agreement
    if a is None:
        lines.append(_("Agreement between scorers: no scorer rows in the file."))
    else:
        alpha = (
            _("cannot be computed")
            if a.krippendorff_alpha is None
            else _number(f"{a.krippendorff_alpha:.2f}")
        )
        metric = {"interval": _("interval scale"), "ordinal": _("ordinal scale")}.get(a.metric, a.metric)
        lines.append(
            ngettext(
                "Agreement between scorers (%(pairs)s pair): exactly equal %(exact)s, at most one point apart "
                "%(within)s, Krippendorff's alpha (%(metric)s) %(alpha)s.",
                "Agreement between scorers (%(pairs)s pairs): exactly equal %(exact)s, at most one point apart "
                "%(within)s, Krippendorff's alpha (%(metric)s) %(alpha)s.",
                a.pairs,
            )
            % {
                "pairs": a.pairs,
                "exact": _pct(a.exact),
                "within": _pct(a.within_one),
                "metric": metric,
                "alpha": alpha,
            }
        )
    return "\n".join(lines)


def _number(value) -> str:
    return formats.number_format(value, use_l10n=True)


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"
