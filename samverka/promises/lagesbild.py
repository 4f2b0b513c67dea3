"""The promises app's marks on the lägesbild's indicator charts: promises made active and goal targets.

Both are public-safe: a promise is shown from the moment it is active (as on /p/<slug>/), and only
goals of published, adopted (or concluded) action plans draw a target line, in every version.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from samverka.core.models import Municipality
from samverka.promises.models import Goal, PlanState, Promise
from samverka.promises.selectors import PUBLIC_STATES, place_q


def _owner_q(owner, prefix: str = "") -> Q:
    if isinstance(owner, Municipality):
        return place_q(owner, prefix)
    return Q(**{f"{prefix}collaboration": owner})


def key_events(owner, public: bool) -> list:
    """(date, label) for each promise signed off and made active, on the day it became active (its start
    date where Samverka did not record that, as for promises entered afterwards). The public sees the same:
    active and concluded promises are public."""
    promises = (
        Promise.objects.filter(_owner_q(owner), state__in=PUBLIC_STATES)
        .distinct()
        .order_by("start")
        .values_list("activated_at", "start", "title")
    )
    return [
        (
            timezone.localtime(at).date() if at else start,
            gettext("Promise made: %(title)s") % {"title": title},
        )
        for at, start, title in promises
    ]


def goal_for(owner, indicator) -> Goal | None:
    return (
        Goal.objects.filter(
            _owner_q(owner, "plan__"),
            linked_indicator=indicator,
            target_value__isnull=False,
            plan__published=True,
            plan__state__in=[PlanState.ADOPTED, PlanState.CONCLUDED],
        )
        .select_related("plan")
        .order_by("-plan__start", "order")
        .first()
    )


def target(report_indicator):
    """(value, label): the target of an action-plan goal measured by the indicator, or None."""
    return target_of(report_indicator.report.owner, report_indicator.indicator)


def target_of(owner, indicator):
    """(value, label): the target of the owner's action-plan goal measured by the indicator, or None."""
    goal = goal_for(owner, indicator)
    if goal is None:
        return None
    return goal.target_value, gettext("goal in %(plan)s") % {"plan": goal.plan.title}
