"""The joint police–municipality process (Brå, Polisen, SKR) and what law 2023:196 asks, as checklists.

Each item is ticked from Samverka's data where it has some (`auto`), and manually otherwise (the
manual ticks are stored as `ProcessTick`). What counts as done is written once, here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
            Item("problems-prioritised", _("Problems prioritised")),
            Item("citizen-dialogues", _("Citizen dialogues held")),
            Item("cause-analysis", _("Cause analysis per problem")),
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
    Item("law-coordinating-function", _("A coordinating function")),
]

# Any item may be ticked by hand; a tick counts only where Samverka has no data for the item.
MANUAL_KEYS = {i.key for _title, items in STEPS for i in items} | {i.key for i in LAW}


# Checks answered by apps above this one: the lägesbild lives in the situation app, which links goals and
# commitments and so may not be imported here. It registers `situation_report` (an adopted lägesbild of
# the municipality's own or of a collaboration it takes part in; a draft does not count) when it loads.
DATA_CHECKS: dict[str, Callable] = {}


def data_check(key: str, check: Callable) -> None:
    DATA_CHECKS[key] = check


def auto_checks(municipality, today: datetime.date | None = None) -> dict[str, bool | None]:
    today = today or timezone.localdate()
    written = PromiseState.ACTIVE, PromiseState.CONCLUDED
    return {
        **{key: check(municipality) for key, check in DATA_CHECKS.items()},
        "promises_written": Promise.objects.filter(place_q(municipality), state__in=written).exists(),
        "follow_up_done": FollowUp.objects.filter(
            place_q(municipality), date__gte=today - datetime.timedelta(days=366)
        ).exists()
        or Verdict.objects.filter(place_q(municipality)).exists(),
        "action_plan": ActionPlan.objects.filter(
            place_q(municipality), state__in=[PlanState.ADOPTED, PlanState.CONCLUDED]
        ).exists(),
    }


def tracker(municipality, today: datetime.date | None = None) -> dict:
    checks = auto_checks(municipality, today)
    ticks = {t.key: t for t in ProcessTick.objects.filter(municipality=municipality)}

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
