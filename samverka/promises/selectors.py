"""Reads: promises and plans of a place, with their commitments' computed progress, in a fixed number
of queries whatever their number."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from samverka.core import permissions
from samverka.promises import progress as core
from samverka.promises.models import (
    ActionPlan,
    Commitment,
    FollowUp,
    PlanState,
    Promise,
    PromiseState,
)

PUBLIC_STATES = [PromiseState.ACTIVE, PromiseState.CONCLUDED]


def place_q(municipality, prefix: str = "") -> Q:
    """Records of the municipality itself and of the collaborations it belongs to."""
    return Q(**{f"{prefix}municipality": municipality}) | Q(
        **{f"{prefix}collaboration__municipalities": municipality}
    )


def _commitments_prefetch(public: bool) -> Prefetch:
    follow_ups = FollowUp.objects.select_related("reported_for").order_by("-date", "-reported_at")
    return Prefetch(
        "commitments" if not public else "commitments",
        queryset=Commitment.objects.select_related("target__linked_indicator", "verdict", "promise", "plan")
        .prefetch_related(
            Prefetch("follow_ups", queryset=follow_ups),
            "responsible",
            "activities",
            "planned_events",
            "problems__report",
        )
        .order_by("order", "text"),
    )


def _measures_prefetch() -> Prefetch:
    follow_ups = FollowUp.objects.select_related("reported_for").order_by("-date", "-reported_at")
    return Prefetch(
        "measures",
        queryset=Commitment.objects.select_related(
            "target__linked_indicator", "verdict", "promise", "plan", "goal"
        )
        .prefetch_related(
            Prefetch("follow_ups", queryset=follow_ups),
            "responsible",
            "activities",
            "planned_events",
            "problems__report",
        )
        .order_by("order", "text"),
    )


def with_progress(commitments, today: datetime.date | None = None):
    """Attach `.progress` (computed) to each commitment; uses the prefetched follow-ups."""
    today = today or timezone.localdate()
    result = []
    for c in commitments:
        c.computed = c.progress(today, follow_ups=list(c.follow_ups.all()))
        result.append(c)
    return result


def staff_promises(user, municipality) -> QuerySet[Promise]:
    return (
        Promise.objects.filter(place_q(municipality))
        .filter(permissions.places_q(user))
        .select_related("police_area", "municipality", "collaboration")
        .distinct()
        .order_by("-start", "title")
    )


def staff_plans(user, municipality) -> QuerySet[ActionPlan]:
    return (
        ActionPlan.objects.filter(place_q(municipality))
        .filter(permissions.places_q(user))
        .select_related("owner_organisation", "municipality", "collaboration")
        .distinct()
        .order_by("-start", "title")
    )


def promise_detail_qs() -> QuerySet[Promise]:
    return Promise.objects.select_related("police_area", "municipality", "collaboration").prefetch_related(
        _commitments_prefetch(False), "signatories__organisation", "approvals__approved_by"
    )


def plan_detail_qs() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related(
        "owner_organisation", "municipality", "collaboration"
    ).prefetch_related(_measures_prefetch(), "goals__linked_indicator", "goals__problems__report")


def public_promises(municipality) -> QuerySet[Promise]:
    return (
        Promise.objects.filter(place_q(municipality), state__in=PUBLIC_STATES)
        .select_related("police_area", "municipality", "collaboration")
        .prefetch_related(_commitments_prefetch(True), "signatories__organisation")
        .distinct()
        .order_by("-start", "title")
    )


def public_plans(municipality) -> QuerySet[ActionPlan]:
    return (
        ActionPlan.objects.filter(
            place_q(municipality), published=True, state__in=[PlanState.ADOPTED, PlanState.CONCLUDED]
        )
        .select_related("owner_organisation")
        .prefetch_related(_measures_prefetch(), "goals")
        .distinct()
        .order_by("-start", "title")
    )


def public_follow_ups(municipality, limit: int = 50) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(place_q(municipality, "commitment__promise__"))
        .filter(commitment__promise__state__in=PUBLIC_STATES)
        .select_related("commitment__promise", "reported_for")
        .distinct()
        .order_by("-date", "-reported_at")[:limit]
    )


def public_commitments(municipality) -> QuerySet[Commitment]:
    """Commitments of public promises and published plans (for the calendar)."""
    return (
        Commitment.objects.filter(
            (place_q(municipality, "promise__") & Q(promise__state=PromiseState.ACTIVE))
            | (place_q(municipality, "plan__") & Q(plan__published=True, plan__state=PlanState.ADOPTED))
        )
        .select_related("target", "promise", "plan")
        .prefetch_related("follow_ups", "planned_events")
        .distinct()
    )


def due_panel(request, lead_days: int = 30, limit: int = 10):
    """The start page's box of follow-ups due within a month (or overdue) in the places the user edits;
    None (no box) when there are none."""
    user = request.user
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=lead_days)
    commitments = (
        Commitment.objects.filter(permissions.places_q(user, permissions.Action.EDIT))
        .filter(
            Q(promise__state=PromiseState.ACTIVE) | Q(plan__state=PlanState.ADOPTED), target__isnull=False
        )
        .select_related("target", "promise", "plan")
        .prefetch_related("follow_ups")
        .order_by("order")[:200]
    )
    rows = []
    for c in commitments:
        result = c.progress(today, follow_ups=list(c.follow_ups.all()))
        if result is None or result.status == core.Status.ACHIEVED:
            continue
        if result.status == core.Status.BEHIND or (result.next_due and result.next_due <= horizon):
            rows.append({"commitment": c, "progress": result})
    rows.sort(key=lambda r: r["progress"].next_due or today)
    return {"rows": rows[:limit]} if rows else None
