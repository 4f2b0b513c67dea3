"""How far a commitment has come: status and proposed verdict from its target and follow-up entries.

Plain Python, no Django: the pages, the feeds, the reminders and the reports all call `progress()`, and
nobody ever types a status by hand.

Three kinds of target:

- COUNT: `amount` per period (week, month or year) over the commitment's span [start, end]. Periods are
  counted from the start date; the last one may be cut short by the end date and is then due at the end.
  Each period is judged on its own: what is done in a period counts towards that period only, up to its
  amount (two events in 2026 do not keep "once a year" for 2027). *Expected so far* is the amount times
  the number of periods that have ended; *achieved so far* is what the periods were credited, from the
  entries dated in the span and not after `today`. A promise for 2019–2020 with "once a year" expects 1
  by the end of 2019 and 2 by the end of 2020. A period that ended short of its amount makes the
  commitment OVERDUE ("Försenad": a follow-up is past its date) until the span is over.
- MILESTONE: done once by `due`. An entry with an amount above zero means done; an entry with no amount
  is a progress note.
- INDICATOR: a measured level (`target_value`, higher or lower is better) reached by `due`; each entry's
  amount is a measurement. With a `baseline`, the level expected at a date is the straight line from the
  baseline at the start to the target at the due date.

Entries dated before the start, after the end (or the due date) or after `today` do not count.
Before its start a commitment is UPCOMING ("Kommande"), whatever has been reported.

The promises and plans themselves have a phase (`phase()`): upcoming before their start, ongoing, and
after their end awaiting evaluation until every commitment has a verdict. Action items and other dated
tasks are overdue (`overdue()`) from the day after their due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta


class Kind(StrEnum):
    COUNT = "count"
    MILESTONE = "milestone"
    INDICATOR = "indicator"


class Unit(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Direction(StrEnum):
    INCREASE = "increase"  # at least target_value
    DECREASE = "decrease"  # at most target_value


class Status(StrEnum):
    UPCOMING = "upcoming"  # the span has not begun
    NOT_STARTED = "not_started"  # begun, nothing done and nothing expected yet
    ON_TRACK = "on_track"
    BEHIND = "behind"  # an indicator below the line from baseline to target
    OVERDUE = "overdue"  # a count period ended short of its amount: a follow-up is past its date
    ACHIEVED = "achieved"
    MISSED = "missed"


class Verdict(StrEnum):
    KEPT = "kept"
    PARTLY_KEPT = "partly_kept"
    NOT_KEPT = "not_kept"


@dataclass(frozen=True)
class TargetSpec:
    kind: Kind
    start: date
    end: date
    amount: Decimal = Decimal(1)  # COUNT: per period
    unit: Unit = Unit.YEAR  # COUNT
    due: date | None = None  # MILESTONE, INDICATOR (defaults to end)
    target_value: Decimal | None = None  # INDICATOR
    baseline: Decimal | None = None  # INDICATOR
    direction: Direction = Direction.INCREASE  # INDICATOR

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("the end date is before the start date")
        if self.kind == Kind.COUNT and self.amount <= 0:
            raise ValueError("a count target needs an amount above zero")
        if self.kind == Kind.INDICATOR and self.target_value is None:
            raise ValueError("an indicator target needs a target value")

    @property
    def due_date(self) -> date:
        return self.due or self.end


@dataclass(frozen=True)
class Entry:
    day: date
    amount: Decimal | None = None


@dataclass(frozen=True)
class Period:
    start: date
    due: date  # last day of the period
    expected: Decimal
    achieved: Decimal


@dataclass
class Progress:
    status: Status
    expected_so_far: Decimal | None = None  # COUNT: cumulative; INDICATOR: the level expected now
    achieved_so_far: Decimal | None = None  # COUNT: cumulative; INDICATOR: the latest measurement
    expected_total: Decimal | None = None  # COUNT: over the whole span; INDICATOR: the target value
    fraction: float = 0.0  # 0..1, for a simple bar
    next_due: date | None = None  # the next date by which something is expected (None when over)
    periods: list[Period] = field(default_factory=list)
    over: bool = False  # the span (or the due date) has passed

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)


def periods(spec: TargetSpec) -> list[tuple[date, date]]:
    """The (first day, last day) of each period of a COUNT target, counted from the start date."""
    step = {
        Unit.WEEK: relativedelta(weeks=1),
        Unit.MONTH: relativedelta(months=1),
        Unit.YEAR: relativedelta(years=1),
    }[spec.unit]
    result = []
    k = 0
    while True:
        first = spec.start + step * k
        if first > spec.end:
            return result
        last = min(spec.start + step * (k + 1) - timedelta(days=1), spec.end)
        result.append((first, last))
        k += 1


def due_dates(spec: TargetSpec) -> list[date]:
    """Every date by which a follow-up is expected: period ends for counts, else the due date."""
    if spec.kind == Kind.COUNT:
        return [last for _, last in periods(spec)]
    return [spec.due_date]


def _counted(spec: TargetSpec, entries: Iterable[Entry], today: date, last_day: date) -> list[Entry]:
    return [e for e in entries if spec.start <= e.day <= min(today, last_day)]


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def progress(spec: TargetSpec, entries: Iterable[Entry], today: date) -> Progress:
    entries = list(entries)
    if spec.kind == Kind.COUNT:
        return _count_progress(spec, entries, today)
    if spec.kind == Kind.MILESTONE:
        return _milestone_progress(spec, entries, today)
    return _indicator_progress(spec, entries, today)


def _count_progress(spec: TargetSpec, entries: list[Entry], today: date) -> Progress:
    counted = _counted(spec, entries, today, spec.end)
    rows = []
    for first, last in periods(spec):
        achieved = sum((e.amount or Decimal(0) for e in counted if first <= e.day <= last), Decimal(0))
        rows.append(Period(first, last, spec.amount, achieved))
    expected_total = spec.amount * len(rows)
    ended = [p for p in rows if p.due < today]
    expected = spec.amount * len(ended)
    # Each period is credited at most its own amount: a surplus never covers another period.
    achieved = sum((min(p.achieved, p.expected) for p in rows), Decimal(0))
    short = any(p.achieved < p.expected for p in ended)
    over = today > spec.end
    next_due = next((p.due for p in rows if p.due >= today), None)
    result = Progress(
        Status.NOT_STARTED,
        expected_so_far=expected,
        achieved_so_far=achieved,
        expected_total=expected_total,
        fraction=_clamp(float(achieved / expected_total)),
        next_due=None if over else next_due,
        periods=rows,
        over=over,
    )
    if today < spec.start:
        result.status = Status.UPCOMING
    elif over:
        result.status = Status.ACHIEVED if achieved >= expected_total else Status.MISSED
    elif short:
        result.status = Status.OVERDUE
    elif achieved >= expected_total:
        result.status = Status.ACHIEVED
    elif achieved == 0:
        result.status = Status.NOT_STARTED  # nothing done yet, and nothing expected yet
    else:
        result.status = Status.ON_TRACK
    return result


def _milestone_progress(spec: TargetSpec, entries: list[Entry], today: date) -> Progress:
    due = spec.due_date
    counted = _counted(spec, entries, today, due)
    done = any((e.amount or 0) > 0 for e in counted)
    over = today > due
    result = Progress(
        Status.NOT_STARTED,
        expected_so_far=Decimal(1 if over else 0),
        achieved_so_far=Decimal(1 if done else 0),
        expected_total=Decimal(1),
        fraction=1.0 if done else 0.0,
        next_due=None if (over or done) else due,
        over=over,
    )
    if today < spec.start:
        result.status = Status.UPCOMING
    elif done:
        result.status = Status.ACHIEVED
    elif over:
        result.status = Status.MISSED
    elif today >= spec.start and counted:
        result.status = Status.ON_TRACK  # progress notes, not yet done, not yet due
    return result


def _meets(spec: TargetSpec, value: Decimal, goal: Decimal) -> bool:
    return value >= goal if spec.direction == Direction.INCREASE else value <= goal


def _indicator_progress(spec: TargetSpec, entries: list[Entry], today: date) -> Progress:
    due = spec.due_date
    measured = sorted(
        (e for e in _counted(spec, entries, today, due) if e.amount is not None), key=lambda e: e.day
    )
    over = today > due
    latest = measured[-1] if measured else None
    result = Progress(
        Status.NOT_STARTED,
        achieved_so_far=latest.amount if latest else None,
        expected_total=spec.target_value,
        next_due=None if over else due,
        over=over,
    )
    if latest is not None and spec.baseline is not None and spec.target_value != spec.baseline:
        result.fraction = _clamp(float((latest.amount - spec.baseline) / (spec.target_value - spec.baseline)))
    elif latest is not None and _meets(spec, latest.amount, spec.target_value):
        result.fraction = 1.0
    if today < spec.start:
        result.status = Status.UPCOMING
    elif latest is not None and _meets(spec, latest.amount, spec.target_value):
        result.status = Status.ACHIEVED
        result.fraction = 1.0
    elif over:
        result.status = Status.MISSED
    elif latest is None or today < spec.start:
        result.status = Status.NOT_STARTED
    else:
        expected = expected_level(spec, latest.day)
        result.expected_so_far = expected
        if expected is None or _meets(spec, latest.amount, expected):
            result.status = Status.ON_TRACK
        else:
            result.status = Status.BEHIND
    return result


def expected_level(spec: TargetSpec, day: date) -> Decimal | None:
    """The level on the straight line from the baseline at the start to the target at the due date."""
    if spec.baseline is None or spec.target_value is None:
        return None
    span = (spec.due_date - spec.start).days
    if span <= 0:
        return spec.target_value
    share = Decimal(max(0, min(span, (day - spec.start).days))) / Decimal(span)
    return spec.baseline + (spec.target_value - spec.baseline) * share


def proposed_verdict(spec: TargetSpec, entries: Iterable[Entry], today: date) -> Verdict | None:
    """Kept, partly kept or not kept, once the span is over (None before that)."""
    entries = list(entries)
    result = progress(spec, entries, today)
    if not result.over and result.status != Status.ACHIEVED:
        return None
    if result.status == Status.ACHIEVED:
        return Verdict.KEPT
    if spec.kind == Kind.COUNT:
        return Verdict.PARTLY_KEPT if result.achieved_so_far > 0 else Verdict.NOT_KEPT
    if spec.kind == Kind.MILESTONE:
        # done, but after the due date; or worked on without being finished
        late = [e for e in entries if spec.start <= e.day <= today]
        return Verdict.PARTLY_KEPT if late else Verdict.NOT_KEPT
    if result.achieved_so_far is not None and spec.baseline is not None:
        moved = (result.achieved_so_far - spec.baseline) * (1 if spec.direction == Direction.INCREASE else -1)
        return Verdict.PARTLY_KEPT if moved > 0 else Verdict.NOT_KEPT
    return Verdict.NOT_KEPT


class Phase(StrEnum):
    UPCOMING = "upcoming"  # "Kommande": the period has not begun
    ONGOING = "ongoing"
    AWAITING_EVALUATION = "awaiting_evaluation"  # over, and some commitment has no verdict
    EVALUATED = "evaluated"  # over, and every commitment has its verdict


def phase(start: date, end: date, today: date, *, verdicts_given: bool) -> Phase:
    """Where a promise or plan running from `start` to `end` (both days included) stands on `today`."""
    if today < start:
        return Phase.UPCOMING
    if today <= end:
        return Phase.ONGOING
    return Phase.EVALUATED if verdicts_given else Phase.AWAITING_EVALUATION


def overdue(due: date | None, today: date, *, done: bool = False) -> bool:
    """An unfinished task is overdue ("Försenad") from the day after its due date."""
    return due is not None and not done and today > due
