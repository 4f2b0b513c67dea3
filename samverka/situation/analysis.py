"""Trends and priority order: plain Python, no Django."""

import re
from decimal import Decimal

BRA_GROUNDS = ["frequency", "trend", "exposure", "signal_value", "consequences", "influence"]


def period_x(period: str) -> float:
    """'2023' -> 2023.0; '2023-T2' -> 2023.5; '2023-Q3' -> 2023.5; for a time axis."""
    match = re.match(r"^(\d{4})(?:-(T|Q|H)?(\d{1,2}))?$", period)
    if not match:
        raise ValueError(f"{period!r} is not a period")
    year = int(match.group(1))
    if not match.group(3):
        return float(year)
    part, number = match.group(2), int(match.group(3))
    parts = {"T": 2, "H": 2, "Q": 4, None: 12}[part]
    return year + (number - 1) / parts


def trend(points: list[tuple[str, Decimal | None]], direction: str = "neutral") -> dict:
    """Compare the latest value with the one before: {'change': 'rising'|'falling'|'unchanged'|'unknown',
    'judgement': 'better'|'worse'|'neutral'|'', 'latest': (period, value), 'previous': (period, value)}."""
    known = [(p, v) for p, v in sorted(points, key=lambda pv: period_x(pv[0])) if v is not None]
    if len(known) < 2:
        return {
            "change": "unknown",
            "judgement": "",
            "latest": known[-1] if known else None,
            "previous": None,
        }
    (p0, v0), (p1, v1) = known[-2], known[-1]
    tolerance = abs(v0) * Decimal("0.02")
    if abs(v1 - v0) <= tolerance:
        change = "unchanged"
    else:
        change = "rising" if v1 > v0 else "falling"
    judgement = "neutral"
    if change != "unchanged" and direction in ("better", "worse"):
        good = (change == "rising") == (direction == "better")
        judgement = "better" if good else "worse"
    return {"change": change, "judgement": judgement, "latest": (p1, v1), "previous": (p0, v0)}


def priority_score(scores: dict[str, int]) -> int:
    """The sum of the six grounds (each 1–5): how common, rising, exposure, signal value, consequences and
    whether the parties can influence it."""
    return sum(int(scores[name]) for name in BRA_GROUNDS)


def priority_order(problems: list, scores_of=lambda p: p.scores, title_of=lambda p: p.title) -> list:
    """Highest total first; a tie goes to the one the parties can influence most, then to consequences."""
    return sorted(
        problems,
        key=lambda p: (
            -priority_score(scores_of(p)),
            -int(scores_of(p)["influence"]),
            -int(scores_of(p)["consequences"]),
            title_of(p),
        ),
    )
