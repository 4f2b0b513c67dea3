"""What awaits a person: promises waiting for their party's approval, follow-ups due on commitments
their organisation is responsible for, open action items given to their organisation, follow-ups, notes
and counts a partner recorded on their places' records, and readiness interviews waiting for their score.

One list feeds the header count, the start page, the inbox and the digest e-mail, so they always agree.
Every notice is about a record of a place the person may see (`permissions.places_q`).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.core import permissions
from samverka.core.models import Role
from samverka.meetings.models import ActionItem
from samverka.promises import progress as core
from samverka.promises.models import (
    ActionPlan,
    Approval,
    Commitment,
    FollowUp,
    PlanState,
    Promise,
    PromiseState,
)
from samverka.promises.services import current_approvals, parties_for
from samverka.readiness.models import Interview, ScoreSheet, TeamMember
from samverka.situation.models import ActivityCount, PartnerNote

DUE_WITHIN_DAYS = 7
RECORDED_WITHIN_DAYS = 14  # a partner's new follow-up, note or count is news this long


@dataclass(frozen=True)
class Notice:
    key: str  # stable: the digest sends each key once
    kind: str  # "approval" | "follow_up" | "action_item" | "partner_record" | "score"
    text: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False
    about: str = ""  # what the notice is about (a commitment's text), for a line that sums up several


def _editing_org_ids(user) -> list:
    """The organisations the person edits for, from the roles computed once per request (no query)."""
    roles = permissions.access_for(user).organisation_roles
    return [org for org, role in roles.items() if Role.rank(role) >= Role.rank(Role.EDITOR)]


def awaiting_approval_by(user) -> list[Promise | ActionPlan]:
    """Promises and action plans waiting for an approval `user` may give (their party has not approved
    this revision).

    The one place that asks the promises app who must approve; when sign-off rules change there, only
    `parties_for` and `current_approvals` answer differently."""
    org_ids = _editing_org_ids(user)
    asked = permissions.places_q(user, permissions.Action.PUBLISH) | Q(police_area__in=org_ids)
    # One query asks for both kinds (the header asks on every page); records are fetched only when some
    # await sign-off (the same state value for a promise and a plan).
    found = (
        Promise.objects.filter(asked, state=PromiseState.AWAITING_SIGNOFF)
        .annotate(kind=Value("promise"))
        .order_by()
        .values_list("pk", "kind")
        .union(
            ActionPlan.objects.filter(asked, state=PromiseState.AWAITING_SIGNOFF)
            .annotate(kind=Value("plan"))
            .order_by()
            .values_list("pk", "kind")
        )
    )
    ids = {"promise": set(), "plan": set()}
    for pk, kind in found:
        ids[kind].add(pk)
    waiting = []
    for model, kind in ((Promise, "promise"), (ActionPlan, "plan")):
        if not ids[kind]:
            continue
        records = (
            model.objects.filter(pk__in=ids[kind])
            .select_related("police_area", "municipality", "collaboration", "signing_body")
            .prefetch_related(Prefetch("approvals", queryset=Approval.objects.all()))
            .order_by("start", "title")
        )
        for record in records:
            approvals = current_approvals(record)
            if any(a.approved_by_id == user.pk for a in approvals.values()):
                continue  # one person cannot approve for both parties
            if set(parties_for(user, record)) - set(approvals):
                waiting.append(record)
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
                    about=c.text[:120],
                )
            )
    return notices


def _partner_records(user, org_ids, today) -> list[Notice]:
    """Follow-ups, notes and counts recorded lately by someone else, for another organisation, on the
    records of a place the person edits for (their municipality or collaboration)."""
    since = timezone.now() - datetime.timedelta(days=RECORDED_WITHIN_DAYS)
    places = permissions.places_q(user, permissions.Action.EDIT)
    not_mine = ~Q(reported_by=user) & ~Q(reported_for__in=org_ids)
    follow_ups = (
        FollowUp.objects.filter(places, reported_at__gte=since)
        .filter(not_mine)
        .select_related("commitment", "reported_for")
        .order_by("-reported_at")[:50]
    )
    notices = [
        Notice(
            key=f"partner_follow_up:{f.pk}",
            kind="partner_record",
            text=_("%(organisation)s recorded a follow-up: %(text)s")
            % {"organisation": f.reported_for or _("A partner"), "text": f.commitment.text[:120]},
            url=_commitment_url(f.commitment),
        )
        for f in follow_ups
    ]
    notes = list(
        PartnerNote.history.filter(places, history_type="+", history_date__gte=since)
        .exclude(history_user=user)
        .exclude(organisation__in=org_ids)
        .select_related("organisation")
        .order_by("-history_date")[:50]
    )
    still_there = set(PartnerNote.objects.filter(pk__in=[n.id for n in notes]).values_list("pk", flat=True))
    notices += [
        Notice(
            key=f"partner_note:{n.id}",
            kind="partner_record",
            text=_("%(organisation)s wrote a note: %(title)s")
            % {"organisation": n.organisation, "title": n.title},
            url=reverse("situation:note_edit", args=[n.id]),
        )
        for n in notes
        if n.id in still_there  # not one deleted since
    ]
    counts = (
        ActivityCount.history.filter(places, history_type="+", history_date__gte=since)
        .exclude(history_user=user)
        .exclude(organisation__in=org_ids)
        .select_related("organisation", "municipality", "collaboration")
        .order_by("-history_date")[:50]
    )
    notices += [
        Notice(
            key=f"partner_count:{c.id}",
            kind="partner_record",
            text=_("%(organisation)s recorded a count: %(what)s, %(year)s Q%(quarter)s")
            % {
                "organisation": c.organisation,
                "what": ActivityCount.Kind(c.kind).label,
                "year": c.year,
                "quarter": c.quarter,
            },
            url=_counts_url(c),
        )
        for c in counts
    ]
    return notices


def _commitment_url(commitment) -> str:
    if commitment.promise_id:
        return reverse("promises:promise", args=[commitment.promise_id])
    return reverse("promises:plan", args=[commitment.plan_id])


def _counts_url(count) -> str:
    place = count.municipality if count.municipality_id else count.collaboration
    return reverse("situation:counts", args=[place.slug])


def _scores_waiting(user) -> list[Notice]:
    """Interviews held, of an open assessment where the person is a scorer, that they have not scored."""
    assessments = TeamMember.objects.filter(user=user, role=TeamMember.Role.SCORER).values("assessment_id")
    interviews = (
        Interview.objects.filter(
            assessment__in=assessments, held_on__isnull=False, assessment__completed=False
        )
        .filter(permissions.places_q(user, prefix="assessment__"))
        .exclude(
            pk__in=ScoreSheet.objects.filter(scorer=user, submitted_at__isnull=False).values("interview_id")
        )
        .select_related("assessment")
        .order_by("held_on", "number")[:50]
    )
    return [
        Notice(
            key=f"score:{i.pk}",
            kind="score",
            text=_("Waiting for your score: interview %(label)s (%(issue)s)")
            % {"label": i.label, "issue": i.assessment.issue},
            url=reverse("readiness:score", args=[i.pk]),
        )
        for i in interviews
    ]


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
            url=p.get_absolute_url(),
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
    notices += _partner_records(user, org_ids, today)
    notices += _scores_waiting(user)
    return notices


@dataclass(frozen=True)
class NoticeLine:
    """One line of the start page: a notice, or several that read the same summed up with their count."""

    kind: str
    text: str
    url: str
    count: int = 1
    due: datetime.date | None = None
    overdue: bool = False


def _summed_up(kind: str, count: int, first: Notice) -> str:
    if kind == "follow_up" and first.about:
        return ngettext(
            "%(count)d follow-up is waiting: %(text)s", "%(count)d follow-ups are waiting: %(text)s", count
        ) % {"count": count, "text": first.about}
    return ngettext("%(text)s (%(count)d time)", "%(text)s (%(count)d times)", count) % {
        "text": first.text,
        "count": count,
    }


def lines_of(notices: list[Notice], list_url: str) -> list[NoticeLine]:
    """The notices as the start page lists them: those that read the same (the same commitment text in
    a promise and its plan, or in each municipality of a collaboration) become one line with their
    count, linking to `list_url` (the inbox lists them one by one), due at the earliest of them and
    overdue if one is. In the order of the first of each. Pure."""
    groups: dict[tuple[str, str], list[Notice]] = {}
    for notice in notices:
        groups.setdefault((notice.kind, notice.text), []).append(notice)
    lines = []
    for (kind, _text), same in groups.items():
        first = same[0]
        if len(same) == 1:
            lines.append(NoticeLine(kind, first.text, first.url, 1, first.due, first.overdue))
            continue
        dues = [n.due for n in same if n.due]
        lines.append(
            NoticeLine(
                kind,
                _summed_up(kind, len(same), first),
                list_url,
                len(same),
                min(dues) if dues else None,
                any(n.overdue for n in same),
            )
        )
    return lines


def request_notices(request) -> list[Notice]:
    """The signed-in person's notices, worked out once per request: the start page's panel and the
    header's count both read them."""
    notices = getattr(request, "_samverka_notices", None)
    if notices is None:
        notices = request._samverka_notices = notices_for(request.user)
    return notices


def start_panel_context(request):
    notices = request_notices(request)
    return {"notices": lines_of(notices, reverse("notices:inbox"))} if notices else None
