"""The joint police–municipality process (Brå, Polisen, SKR) and what law 2023:196 asks, as checklists.

The checklist is kept per work period (core.Period): each cycle goes through the steps again. Each item is
ticked from Samverka's data where it has some (`auto`), and manually otherwise (the manual ticks are
stored as `ProcessTick`, one per period and item). What counts as done is written once, here.

A record counts for a period when its own work period shares a year with it: a collaboration's lägesbild
of 2019–2020 counts for Arjeplog's 2019–2020, though the two periods are different rows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Collaboration, owner_fields
from samverka.promises.models import (
    ActionPlan,
    FollowUp,
    PlanState,
    ProcessTick,
    Promise,
    PromiseState,
    Verdict,
)
from samverka.promises.selectors import place_q


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    auto: str | None = None  # the name of a data check below, or None for a manual tick


STEPS = [
    (
        _("1. Initiate the cooperation"),
        [Item("cooperation-initiated", _("The parties have agreed to work together"))],
    ),
    (
        _("2. Each party prepares"),
        [
            Item("own-situation-report", _("Own lägesbild made"), auto="situation_report"),
            Item("staff-dialogues", _("Staff dialogues held")),
        ],
    ),
    (
        _("3. Joint preparation"),
        [
            Item("situation-reports-merged", _("Lägesbilder merged")),
            Item("problems-prioritised", _("Problems prioritised"), auto="problems_prioritised"),
            Item("citizen-dialogues", _("Citizen dialogues held")),
            Item("cause-analysis", _("Cause analysis per problem"), auto="cause_analysis"),
            Item("cooperation-agreement", _("Cooperation agreement signed")),
        ],
    ),
    (
        _("4. Implementation"),
        [Item("promises-written", _("Promises written"), auto="promises_written")],
    ),
    (
        _("5. Follow-up"),
        [Item("follow-up-done", _("Follow-up done"), auto="follow_up_done")],
    ),
]

LAW = [
    Item("law-situation-report", _("A lägesbild of crime in the municipality"), auto="situation_report"),
    Item(
        "law-action-plan", _("An action plan based on the lägesbild, decided and adopted"), auto="action_plan"
    ),
    Item("law-coordinating-function", _("A coordinating function"), auto="coordinating_function"),
]

# Any item may be ticked by hand; a tick counts only where Samverka has no data for the item.
MANUAL_KEYS = {i.key for _title, items in STEPS for i in items} | {i.key for i in LAW}


# Checks answered by apps above this one: the lägesbild lives in the situation app, which links goals and
# commitments and so may not be imported here. It registers `situation_report` (an adopted lägesbild of
# the municipality's own or of a collaboration it takes part in; a draft does not count),
# `problems_prioritised` and `cause_analysis` when it loads; the reports app registers
# `coordinating_function`. Each check is called as check(owner, period, today), the owner a municipality
# or a collaboration (owner_q: which records count for it); it returns None when it has no data for the
# owner (the item is then ticked by hand).
DATA_CHECKS: dict[str, Callable] = {}


def data_check(key: str, check: Callable) -> None:
    DATA_CHECKS[key] = check


def owner_q(owner, prefix: str = "") -> Q:
    """Records that count for `owner`: a municipality's own and its collaborations' (place_q); a
    collaboration's own only (a member municipality's records are that municipality's)."""
    if isinstance(owner, Collaboration):
        return Q(**{f"{prefix}collaboration": owner})
    return place_q(owner, prefix)


def period_q(period, field: str = "work_period") -> Q:
    """Records whose work period shares a year with `period` (None: every record)."""
    if period is None:
        return Q()
    return Q(**{f"{field}__first_year__lte": period.last_year, f"{field}__last_year__gte": period.first_year})


def auto_checks(owner, period=None, today: datetime.date | None = None) -> dict[str, bool | None]:
    """Each data check's answer for the municipality or collaboration in the period (None: in any period,
    the last year)."""
    today = today or timezone.localdate()
    written = PromiseState.ACTIVE, PromiseState.CONCLUDED
    if period is None:
        follow_ups = Q(date__gte=today - datetime.timedelta(days=366))
        verdicts = Q()
    else:
        # a follow-up dated in the period's years, or a verdict on one of the period's promises
        follow_ups = Q(date__gte=period.start, date__lte=min(period.end, today))
        verdicts = period_q(period, "commitment__promise__work_period")
    return {
        **{key: check(owner, period, today) for key, check in DATA_CHECKS.items()},
        "promises_written": Promise.objects.filter(
            owner_q(owner), period_q(period), state__in=written
        ).exists(),
        "follow_up_done": FollowUp.objects.filter(owner_q(owner), follow_ups).exists()
        or Verdict.objects.filter(owner_q(owner), verdicts).exists(),
        "action_plan": ActionPlan.objects.filter(
            owner_q(owner), period_q(period), state__in=[PlanState.ADOPTED, PlanState.CONCLUDED]
        ).exists(),
    }


def tracker(owner, period=None, today: datetime.date | None = None) -> dict:
    """The checklist of a municipality's or a collaboration's period: ticked from the data where there
    is some, else by the period's own manual ticks."""
    checks = auto_checks(owner, period, today)
    ticks = {t.key: t for t in ProcessTick.objects.filter(**owner_fields(owner), period=period)}

    def row(item: Item) -> dict:
        value = checks.get(item.auto) if item.auto else None
        from_data = value is not None
        tick = ticks.get(item.key)
        return {
            "item": item,
            "done": value if from_data else bool(tick and tick.done),
            "from_data": from_data,
            "tick": tick,
            "manual": not from_data,
        }

    steps = [{"title": title, "rows": [row(i) for i in items]} for title, items in STEPS]
    for step in steps:
        step["done"] = all(r["done"] for r in step["rows"])
    return {"steps": steps, "law": [row(i) for i in LAW]}
