"""What awaits a person: promises waiting for their party's approval, follow-ups due on commitments
their organisation is responsible for, and open action items given to their organisation.

One list feeds the header count, the start page and the digest e-mail, so they always agree.
"""

import datetime
import functools
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import permissions
from samverka.core.models import Role
from samverka.meetings.models import ActionItem
from samverka.promises import progress as core
from samverka.promises.models import Approval, Commitment, PlanState, Promise, PromiseState
from samverka.promises.services import current_approvals, parties_for

DUE_WITHIN_DAYS = 7


@dataclass(frozen=True)
class Notice:
    key: str  # stable: the digest sends each key once
    kind: str  # "approval" | "follow_up" | "action_item"
    text: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False


def _editing_org_ids(user) -> list:
    """The organisations the person edits for, from the roles computed once per request (no query)."""
    roles = permissions.access_for(user).organisation_roles
    return [org for org, role in roles.items() if Role.rank(role) >= Role.rank(Role.EDITOR)]


def awaiting_approval_by(user) -> list[Promise]:
    """Promises waiting for an approval `user` may give (their party has not approved this revision).

    The one place that asks the promises app who must approve; when sign-off rules change there, only
    `parties_for` and `current_approvals` answer differently."""
    org_ids = _editing_org_ids(user)
    promises = (
        Promise.objects.filter(state=PromiseState.AWAITING_SIGNOFF)
        .filter(permissions.places_q(user, permissions.Action.PUBLISH) | Q(police_area__in=org_ids))
        .select_related("police_area", "municipality", "collaboration")
        .prefetch_related(Prefetch("approvals", queryset=Approval.objects.all()))
        .distinct()
        .order_by("start", "title")
    )
    waiting = []
    for promise in promises:
        approvals = current_approvals(promise)
        if any(a.approved_by_id == user.pk for a in approvals.values()):
            continue  # one person cannot approve for both parties
        if set(parties_for(user, promise)) - set(approvals):
            waiting.append(promise)
    return waiting


def _due_follow_ups(user, org_ids, today) -> list[Notice]:
    horizon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    commitments = (
        Commitment.objects.filter(responsible__in=org_ids, target__isnull=False)
        .filter(permissions.places_q(user))  # never a record of a place the person may not see
        .filter(Q(promise__state=PromiseState.ACTIVE) | Q(plan__state=PlanState.ADOPTED))
        .select_related("target", "promise", "plan")
        .prefetch_related("follow_ups")
        .distinct()
        .order_by("order")[:200]
    )
    notices = []
    for c in commitments:
        result = c.progress(today, follow_ups=list(c.follow_ups.all()))
        if result is None or result.status in (core.Status.ACHIEVED, core.Status.MISSED):
            continue
        overdue = result.status == core.Status.BEHIND
        if overdue or (result.next_due and result.next_due <= horizon):
            notices.append(
                Notice(
                    key=f"follow_up:{c.pk}:{result.next_due or today}",
                    kind="follow_up",
                    text=_("Follow-up due: %(text)s") % {"text": c.text[:120]},
                    url=reverse("promises:follow_up_new", args=[c.pk]),
                    due=result.next_due,
                    overdue=overdue,
                )
            )
    return notices


def notices_for(user, today: datetime.date | None = None) -> list[Notice]:
    if user is None or not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    org_ids = _editing_org_ids(user)
    notices = [
        Notice(
            key=f"approval:{p.pk}:{p.revision}",
            kind="approval",
            text=_("Awaiting your approval: %(title)s") % {"title": p.title},
            url=reverse("promises:promise", args=[p.pk]),
        )
        for p in awaiting_approval_by(user)
    ]
    notices += _due_follow_ups(user, org_ids, today)
    items = (
        ActionItem.objects.filter(owner_organisation__in=org_ids)
        .filter(permissions.places_q(user, prefix="meeting__"))
        .exclude(status=ActionItem.Status.DONE)
        .select_related("meeting", "owner_organisation")
        .order_by("due_date", "text")[:50]
    )
    notices += [
        Notice(
            key=f"action_item:{a.pk}",
            kind="action_item",
            text=_("To do for %(organisation)s: %(text)s")
            % {"organisation": a.owner_organisation, "text": a.text},
            url=reverse("meetings:detail", args=[a.meeting_id]),
            due=a.due_date,
            overdue=bool(a.due_date and a.due_date < today),
        )
        for a in items
    ]
    return notices


def start_panel_context(request):
    notices = notices_for(request.user)
    return {"notices": notices} if notices else None


def header_count(request) -> dict:
    """The count in the page header: a callable, so the template computes it only on a page that shows
    it, and once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def count() -> int:
        return len(notices_for(user))

    return {"notice_count": count}
