"""The Community Readiness scoring rules, in plain Python (no Django): used by the pages, the import,
the PDF report and the `samverka readiness-score` command alike, so they always give the same numbers.

Rules (the model's, not ours):
- a score is 1–9, in whole steps or, where the assessment allows it, half steps;
- every interview has one consensus score on every dimension of its model (six: A–F, five: B–F);
- a dimension's score is the mean of its consensus scores over the interviews;
- the overall score is the mean of the dimension scores;
- a stage is a score rounded DOWN (4.99 is stage 4).

All arithmetic is exact (`fractions.Fraction`): a mean of exactly 5 is 5, never 4.999…, so its stage is 5.
Scores are shown truncated to two decimals, so the number shown never suggests a higher stage.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from itertools import combinations

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# key: (name in the six-dimension model, name in the five-dimension model where it differs), as English
# msgids with their Swedish in locale/sv/LC_MESSAGES/django.po; `dimension_name` renders one.
DIMENSIONS: dict[str, tuple] = {
    "A": (_("Community efforts"), None),
    "B": (_("Community knowledge of the efforts"), _("Community efforts and knowledge of efforts")),
    "C": (_("Leadership"), None),
    "D": (_("Community climate"), None),
    "E": (_("Community knowledge about the issue"), None),
    "F": (_("Resources related to the issue"), None),
}

MODELS: dict[str, tuple[str, ...]] = {
    "six": ("A", "B", "C", "D", "E", "F"),
    "five": ("B", "C", "D", "E", "F"),
}

# The configuration of dimensions, named wherever a result is shown.
MODEL_NAMES: dict = {
    "six": _("Six dimensions (A–F, original)"),
    "five": _("Five dimensions (B–F, 2014 edition)"),
}

# number: the stage's name (an English msgid)
STAGES: dict = {
    1: _("No awareness"),
    2: _("Denial / resistance"),
    3: _("Vague awareness"),
    4: _("Preplanning"),
    5: _("Preparation"),
    6: _("Initiation"),
    7: _("Stabilization"),
    8: _("Confirmation / expansion"),
    9: _("High level of community ownership"),
}

MIN_SCORE, MAX_SCORE = 1, 9
CONSENSUS = "consensus"
# Krippendorff's alpha with the interval metric: the nine levels are equally spaced anchors and the
# model itself averages them (means are interval arithmetic), so a two-point disagreement should weigh
# more than a one-point one in proportion, and half steps fit without a special case.
ALPHA_METRIC = "interval"


class ScoringError(ValueError):
    """Scores that break the model's rules. `row` names the sheet row when the scores came from one."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row

    def __str__(self):
        if self.row:
            return gettext("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


# Messages that both the scoring rules and the sheet parser give, in the active language.
def unknown_model(model) -> str:
    return gettext("unknown model %(model)r: choose six or five") % {"model": model}


def not_in_model(key: str, model: str) -> str:
    if model == "six":
        return gettext("dimension %(key)s is not part of the model with six dimensions") % {"key": key}
    return gettext("dimension %(key)s is not part of the model with five dimensions") % {"key": key}


def missing_consensus(interview, missing) -> str:
    return gettext("interview %(interview)r has no consensus score for dimension %(keys)s") % {
        "interview": interview,
        "keys": ", ".join(missing),
    }


def in_language(text, language: str | None) -> str:
    with translation.override(language or "sv"):
        return str(text)


def dimension_name(key: str, model: str = "six", language: str = "sv") -> str:
    six, five = DIMENSIONS[key]
    return in_language(five if (model == "five" and five) else six, language)


def stage_of(score: Fraction | Decimal | int) -> int:
    """The stage of a score: the score rounded down (exactly), kept within 1–9."""
    stage = math.floor(Fraction(score))
    return max(MIN_SCORE, min(MAX_SCORE, stage))


def stage_name(stage: int, language: str = "sv") -> str:
    return in_language(STAGES[stage], language)


def truncate2(score: Fraction) -> Decimal:
    """Two decimals, rounded down, so that 4.999 shows as 4.99 (stage 4), never 5.00."""
    return (Decimal(score.numerator) / Decimal(score.denominator)).quantize(Decimal("0.01"), ROUND_DOWN)


def check_score(value, half_steps: bool = True) -> Fraction:
    """A valid score as a Fraction, or ScoringError: 1–9 in whole (or half) steps."""
    try:
        score = Fraction(value) if not isinstance(value, float) else Fraction(str(value))
    except (TypeError, ValueError) as exc:
        raise ScoringError(gettext("%(value)r is not a number") % {"value": value}) from exc
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise ScoringError(gettext("the score %(score)s is outside 1–9") % {"score": _fmt(score)})
    step = Fraction(1, 2) if half_steps else Fraction(1)
    if (score / step).denominator != 1:
        if half_steps:
            message = gettext("the score %(score)s is not allowed: only whole or half points")
        else:
            message = gettext("the score %(score)s is not allowed: only whole points")
        raise ScoringError(message % {"score": _fmt(score)})
    return score


def _fmt(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}".replace(".", ",")


@dataclass(frozen=True)
class DimensionResult:
    key: str
    score: Fraction
    stage: int

    @property
    def shown(self) -> Decimal:
        return truncate2(self.score)


@dataclass(frozen=True)
class Agreement:
    pairs: int
    exact: float
    within_one: float
    krippendorff_alpha: float | None  # None when alpha is undefined (e.g. every score the same)
    metric: str = ALPHA_METRIC


@dataclass(frozen=True)
class Result:
    model: str
    interviews: int
    dimensions: dict[str, DimensionResult]
    overall: DimensionResult
    agreement: Agreement | None = None
    lowest: list[str] = field(default_factory=list)
    # The assessment's plan, set by the app (the command reads only a sheet: planned = interviews there).
    planned: int | None = None
    minimum: int = 0

    @property
    def interviews_planned(self) -> int:
        return self.interviews if self.planned is None else self.planned

    @property
    def interviews_needed(self) -> int:
        """How many interviews need consensus before the result is final: all planned, at least the
        minimum."""
        return max(self.interviews_planned, self.minimum)

    @property
    def preliminary(self) -> bool:
        """A stage needs a complete assessment: until then the result is preliminary, never published."""
        return self.interviews < self.interviews_needed

    def as_json(self) -> dict:
        """The JSON shape of `samverka readiness-score --format json` (and of the app's JSON)."""
        stage = self.overall.stage
        agreement = None
        if self.agreement is not None:
            agreement = {
                "exact": self.agreement.exact,
                "within_one": self.agreement.within_one,
                "krippendorff_alpha": self.agreement.krippendorff_alpha,
            }
        return {
            "model": self.model,
            "model_name": in_language(MODEL_NAMES[self.model], "en"),
            "model_name_sv": in_language(MODEL_NAMES[self.model], "sv"),
            "interviews": self.interviews,
            "preliminary": self.preliminary,
            "interviews_scored": self.interviews,
            "interviews_planned": self.interviews_planned,
            "interviews_minimum": self.minimum,
            "dimensions": {
                key: {"score": float(d.score), "stage": d.stage} for key, d in self.dimensions.items()
            },
            "overall": {
                "score": float(self.overall.score),
                "stage": stage,
                "name": in_language(STAGES[stage], "en"),
                "name_sv": in_language(STAGES[stage], "sv"),
            },
            "agreement": agreement,
        }


def mean(values) -> Fraction:
    values = [Fraction(v) for v in values]
    if not values:
        raise ScoringError(gettext("no scores to take the mean of"))
    return sum(values, Fraction(0)) / len(values)


def compute(
    model: str,
    consensus: dict[tuple[str, str], object],
    scorer_scores: dict[tuple[str, str, str], object] | None = None,
    half_steps: bool = True,
) -> Result:
    """Scores and stages of an assessment.

    consensus: {(interview, dimension key): score}; scorer_scores: {(scorer, interview, dimension): score}.
    Raises ScoringError if an interview lacks a dimension of the model, a dimension is not in the model,
    or a score is outside 1–9 or off the allowed steps.
    """
    if model not in MODELS:
        raise ScoringError(unknown_model(model))
    keys = MODELS[model]
    interviews: dict[str, dict[str, Fraction]] = {}
    for (interview, key), value in consensus.items():
        if key not in keys:
            raise ScoringError(not_in_model(key, model))
        interviews.setdefault(interview, {})[key] = check_score(value, half_steps)
    if not interviews:
        raise ScoringError(gettext("there are no consensus scores"))
    for interview, scores in interviews.items():
        missing = [k for k in keys if k not in scores]
        if missing:
            raise ScoringError(missing_consensus(interview, missing))
    dimensions = {}
    for key in keys:
        score = mean(scores[key] for scores in interviews.values())
        dimensions[key] = DimensionResult(key, score, stage_of(score))
    overall_score = mean(d.score for d in dimensions.values())
    overall = DimensionResult("overall", overall_score, stage_of(overall_score))
    low = min(d.score for d in dimensions.values())
    lowest = [k for k, d in dimensions.items() if d.score == low]
    agreement = agreement_of(scorer_scores, half_steps) if scorer_scores else None
    return Result(model, len(interviews), dimensions, overall, agreement, lowest)


def agreement_of(
    scorer_scores: dict[tuple[str, str, str], object], half_steps: bool = True
) -> Agreement | None:
    """Agreement between scorers over the units (interview, dimension) that two or more scored.

    exact / within_one: shares of scorer pairs per unit that gave the same score / scores at most one
    point apart. Krippendorff's alpha (interval metric) over all units, missing scores allowed.
    """
    by_unit: dict[tuple[str, str], dict[str, Fraction]] = {}
    for (scorer, interview, key), value in scorer_scores.items():
        by_unit.setdefault((interview, key), {})[scorer] = check_score(value, half_steps)
    units = {u: s for u, s in by_unit.items() if len(s) >= 2}
    if not units:
        return None
    pairs = exact = within = 0
    for scores in units.values():
        for a, b in combinations(scores.values(), 2):
            pairs += 1
            exact += a == b
            within += abs(a - b) <= 1
    return Agreement(pairs, exact / pairs, within / pairs, krippendorff_alpha(units))


def krippendorff_alpha(units: dict[tuple[str, str], dict[str, Fraction]]) -> float | None:
    # imported when agreement is computed: numpy loads in ~0.1 s and most pages never need it
    import krippendorff
    import numpy as np

    scorers = sorted({s for scores in units.values() for s in scores})
    ordered = sorted(units)
    data = np.full((len(scorers), len(ordered)), np.nan)
    for j, unit in enumerate(ordered):
        for i, scorer in enumerate(scorers):
            if scorer in units[unit]:
                data[i, j] = float(units[unit][scorer])
    try:
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement=ALPHA_METRIC)
    except (ValueError, ZeroDivisionError):  # one value in the whole domain: alpha is undefined
        return None
    alpha = float(alpha)
    return None if math.isnan(alpha) else alpha


def _fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def result_to_data(result: Result) -> dict:
    """A result as JSON-safe data that `result_from_data` turns back into the same result: scores as
    exact fractions ("9/2"), so a stored result gives the same stages and shown scores as a computed one."""
    agreement = None
    if result.agreement is not None:
        a = result.agreement
        agreement = {
            "pairs": a.pairs,
            "exact": a.exact,
            "within_one": a.within_one,
            "krippendorff_alpha": a.krippendorff_alpha,
            "metric": a.metric,
        }
    return {
        "model": result.model,
        "interviews": result.interviews,
        "dimensions": {k: [_fraction_text(d.score), d.stage] for k, d in result.dimensions.items()},
        "overall": [_fraction_text(result.overall.score), result.overall.stage],
        "agreement": agreement,
        "lowest": list(result.lowest),
        "planned": result.planned,
        "minimum": result.minimum,
    }


def result_from_data(data: dict) -> Result:
    agreement = Agreement(**data["agreement"]) if data.get("agreement") else None
    dimensions = {
        k: DimensionResult(k, Fraction(score), stage) for k, (score, stage) in data["dimensions"].items()
    }
    score, stage = data["overall"]
    return Result(
        model=data["model"],
        interviews=data["interviews"],
        dimensions=dimensions,
        overall=DimensionResult("overall", Fraction(score), stage),
        agreement=agreement,
        lowest=list(data["lowest"]),
        planned=data["planned"],
        minimum=data["minimum"],
    )
