"""Reads: promises and plans of a place, with their commitments' computed progress, in a fixed number
of queries whatever their number."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

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


def commitments_prefetch() -> Prefetch:
    """A promise's commitments with everything their rows and progress read (target, verdict, follow-ups,
    responsible organisations, links): a fixed number of queries however many commitments there are."""
    follow_ups = FollowUp.objects.select_related("reported_for").order_by("-date", "-reported_at")
    return Prefetch(
        "commitments",
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
        commitments_prefetch(), "signatories__organisation", "approvals__approved_by"
    )


def plan_detail_qs() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related(
        "owner_organisation", "municipality", "collaboration", "police_area", "signing_body"
    ).prefetch_related(
        _measures_prefetch(),
        "goals__linked_indicator",
        "goals__problems__report",
        "approvals__approved_by",
    )


def public_promise_q(prefix: str = "") -> Q:
    """Promises the public sees: active and concluded ones, and those under revision after an approval
    (shown as last approved)."""
    return Q(**{f"{prefix}state__in": PUBLIC_STATES}) | Q(
        **{f"{prefix}state": PromiseState.AWAITING_SIGNOFF, f"{prefix}approved_version__isnull": False}
    )


def public_evidence(municipality, pk) -> FollowUp | None:
    """A follow-up with an attachment, if the public may see it: on a public promise or a published plan."""
    return (
        FollowUp.objects.filter(
            (place_q(municipality, "commitment__promise__") & public_promise_q("commitment__promise__"))
            | (
                place_q(municipality, "commitment__plan__")
                & Q(
                    commitment__plan__published=True,
                    commitment__plan__state__in=[PlanState.ADOPTED, PlanState.CONCLUDED],
                )
            ),
            pk=pk,
        )
        .exclude(evidence_file="")
        .first()
    )


def evidence_filename(follow_up: FollowUp) -> str:
    """The attachment's name for the person downloading it (files from before names were kept: the
    stored name's last part)."""
    return follow_up.evidence_name or follow_up.evidence_file.name.rsplit("/", 1)[-1]


def promise_snapshot(promise: Promise) -> dict:
    """What the public page says of a promise — text, period, parties, signatories, commitments and
    their targets and responsible organisations — as JSON, frozen when both parties approve it.

    Targets are kept in both languages, since their wording is translated."""
    commitments = []
    for c in promise.commitments.select_related("target__linked_indicator").prefetch_related("responsible"):
        target = getattr(c, "target", None)
        texts = {}
        for language in ("sv", "en"):
            with translation.override(language):
                texts[language] = target.describe() if target is not None else ""
        commitments.append(
            {
                "id": str(c.pk),
                "text": c.text,
                "target": texts,
                "responsible": [o.name for o in c.responsible.all()],
            }
        )
    return {
        "revision": promise.revision,
        "title": promise.title,
        "start": promise.start.isoformat(),
        "end": promise.end.isoformat(),
        "background": promise.background,
        "owner": str(promise.owner),
        "police_area": str(promise.police_area),
        "signatories": [
            {"office": s.office, "organisation": s.organisation.name, "name": s.name}
            for s in promise.signatories.select_related("organisation")
        ],
        "commitments": commitments,
    }


@dataclass
class PublicPromise:
    """The approved version of a promise, as the public pages show it."""

    pk: object
    state: str
    under_revision: bool
    title: str
    start: datetime.date
    end: datetime.date
    background: str
    owner: str
    police_area: str
    signatories: list[dict]
    commitments: list[dict]
    rows: list = field(default_factory=list)
    phase: str = core.Phase.ONGOING

    @property
    def period_label(self) -> str:
        return (
            f"{self.start.year}–{self.end.year}" if self.start.year != self.end.year else str(self.start.year)
        )


def public_version(promise: Promise, today: datetime.date | None = None) -> PublicPromise:
    """The last approved version of a public promise, with its approved commitments' live progress.

    Follow-ups and verdicts are reports on the promise, not what it says, so they stay live; a
    commitment added since the approval is left out until both parties approve it."""
    snapshot = promise.approved_version
    if snapshot is None:  # approved before snapshots were kept: nothing can have changed since
        snapshot = promise_snapshot(promise)
    language = (translation.get_language() or "sv")[:2]
    approved = {c["id"]: c for c in snapshot["commitments"]}
    rows = []
    for c in with_progress(promise.commitments.all(), today):
        frozen = approved.get(str(c.pk))
        if frozen is None:
            continue
        c.approved_text = frozen["text"]
        c.approved_target = frozen["target"].get(language) or frozen["target"]["sv"]
        c.approved_responsible = frozen["responsible"]
        rows.append(c)
    order = list(approved)
    rows.sort(key=lambda c: order.index(str(c.pk)))
    start = datetime.date.fromisoformat(snapshot["start"])
    end = datetime.date.fromisoformat(snapshot["end"])
    given = promise.state == PromiseState.CONCLUDED or (
        bool(rows) and all(getattr(c, "verdict", None) is not None for c in rows)
    )
    return PublicPromise(
        pk=promise.pk,
        state=promise.state,
        under_revision=promise.state == PromiseState.AWAITING_SIGNOFF,
        title=snapshot["title"],
        start=start,
        end=end,
        background=snapshot["background"],
        owner=snapshot["owner"],
        police_area=snapshot["police_area"],
        signatories=snapshot["signatories"],
        commitments=snapshot["commitments"],
        rows=rows,
        phase=core.phase(start, end, today or timezone.localdate(), verdicts_given=given),
    )


def public_promises(municipality) -> QuerySet[Promise]:
    return (
        Promise.objects.filter(place_q(municipality), public_promise_q())
        .select_related("police_area", "municipality", "collaboration")
        .prefetch_related(commitments_prefetch(), "signatories__organisation")
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
        if result.status in (core.Status.BEHIND, core.Status.OVERDUE) or (
            result.next_due and result.next_due <= horizon
        ):
            rows.append({"commitment": c, "progress": result})
    rows.sort(key=lambda r: r["progress"].next_due or today)
    return {"rows": rows[:limit]} if rows else None


def follow_up_public(follow_up: FollowUp) -> bool:
    """Whether residents see this follow-up: it belongs to a public promise or a published, adopted plan."""
    commitment = follow_up.commitment
    if commitment.promise_id is not None:
        return commitment.promise.state in PUBLIC_STATES
    plan = commitment.plan
    return plan is not None and plan.published and plan.state in (PlanState.ADOPTED, PlanState.CONCLUDED)


def search_promises(user, place, query: str, limit: int):
    """The place search's promises and action plans: title containing the words, of a place the user views."""
    from django.urls import reverse

    from samverka.core.sections import SearchHit

    mine = permissions.places_q(user)
    promises = Promise.objects.filter(mine, municipality=place, title__icontains=query).order_by("title")
    plans = ActionPlan.objects.filter(mine, municipality=place, title__icontains=query).order_by("title")
    hits = [SearchHit(p.title, p.get_absolute_url(), p.get_state_display()) for p in promises[:limit]]
    hits += [
        SearchHit(p.title, reverse("promises:plan", args=[p.pk]), p.get_state_display())
        for p in plans[:limit]
    ]
    return hits[:limit]


def search_commitments(user, place, query: str, limit: int):
    """The place search's commitments and measures: text containing the words, of a place the user views."""
    from django.urls import reverse
    from django.utils.text import Truncator

    from samverka.core.sections import SearchHit

    found = (
        Commitment.objects.filter(permissions.places_q(user), municipality=place, text__icontains=query)
        .select_related("promise", "plan")
        .order_by("text")[:limit]
    )
    hits = []
    for c in found:
        parent = c.promise or c.plan
        view = "promises:promise" if c.promise_id else "promises:plan"
        url = reverse(view, args=[parent.pk]) + f"#c-{c.pk}"
        hits.append(SearchHit(Truncator(c.text).chars(120), url, parent.title))
    return hits
