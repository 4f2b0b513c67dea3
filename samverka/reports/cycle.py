"""The yearly cycle: work periods, starting the next one, and the yearly follow-up report.

A period (core.models.Period) holds a place's lägesbild, prioritised problems, åtgärdsplan, medborgarlöften,
readiness assessments and yearly follow-ups. This module sits above the domain apps (the layer contract), so
it reads and copies their records directly:

- `period_contents(period, user)`: what the period page shows.
- `next_period_start(...)`: one action that copies the plans' goals and measures and the promises'
  commitments into drafts of the next period (nothing is public until both parties sign off again), carries
  over unfinished action items, starts a lägesbild draft from the newest data, and asks for the verdicts of
  the ending promises first (or records why they are left open).
- `year_report(municipality, year, public)`: the yearly follow-up, generated from the data.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from samverka.activities.models import Activity, Occasion
from samverka.core import periods, permissions
from samverka.core.models import Municipality, Period, owner_fields
from samverka.core.permissions import Action
from samverka.meetings.models import ActionItem
from samverka.promises import selectors as promise_selectors
from samverka.promises.models import (
    ActionPlan,
    Commitment,
    Goal,
    PlanState,
    Promise,
    PromiseState,
    Signatory,
    Target,
)
from samverka.readiness import selectors as readiness_selectors
from samverka.readiness.models import Assessment
from samverka.readiness.scoring import stage_name
from samverka.reports.models import YearlyFollowUp
from samverka.situation import selectors as situation_selectors
from samverka.situation.models import ReportIndicator, SituationReport

# ---------------------------------------------------------------------------------------------- reading


def periods_for(owner) -> list[Period]:
    return list(periods.periods_of(owner).order_by("-first_year"))


def period_state(period: Period, today: datetime.date) -> str:
    """'closed', 'current' or 'upcoming', by the calendar."""
    if today.year > period.last_year:
        return "closed"
    if today.year < period.first_year:
        return "upcoming"
    return "current"


def next_period_of(period: Period) -> Period | None:
    return (
        periods.periods_of(period.owner)
        .filter(first_year__gt=period.last_year)
        .order_by("first_year")
        .first()
    )


def open_verdicts(period: Period) -> list[Commitment]:
    """Commitments of the period's signed promises that have no verdict yet."""
    return list(
        Commitment.objects.filter(
            promise__work_period=period,
            promise__state__in=[PromiseState.ACTIVE, PromiseState.CONCLUDED],
            verdict__isnull=True,
        )
        .select_related("promise")
        .order_by("promise__start", "order")
    )


def period_contents(period: Period, user, today: datetime.date | None = None) -> dict:
    """Everything of a period for its staff page (the caller has checked that the user may view the
    period; its assessments still go through readiness's own rule, which hides unshared ones from the
    county board)."""
    today = today or timezone.localdate()
    promises = list(
        period.promises.select_related("police_area")
        .prefetch_related("commitments__verdict")
        .order_by("start")
    )
    plans = list(period.action_plans.prefetch_related("measures__verdict", "goals").order_by("start"))
    for item in [*promises, *plans]:
        item.current_phase = item.phase(today)
    return {
        "period": period,
        "state": period_state(period, today),
        "reports": list(period.situation_reports.order_by("-adopted_at", "title")),
        "promises": promises,
        "plans": plans,
        "assessments": list(
            period.assessments.filter(readiness_selectors.visible_q(user)).order_by("-created_at")
        ),
        "follow_ups": list(YearlyFollowUp.objects.filter(period=period).order_by("year")),
        "action_items": list(
            ActionItem.objects.filter(work_period=period).select_related("meeting", "owner_organisation")
        ),
        "next_period": next_period_of(period),
        "open_verdicts": open_verdicts(period),
    }


# ---------------------------------------------------------------------------------------------- writing


@transaction.atomic
def period_create(*, user, owner, first_year: int, last_year: int) -> Period:
    permissions.require(user, Action.PUBLISH, owner)
    return periods.period_create(owner, first_year, last_year)


@transaction.atomic
def yearly_follow_up_save(*, user, period: Period, year: int, text: str, published: bool) -> YearlyFollowUp:
    """The coordinator's text for one year of the period; publishing needs the right to publish."""
    permissions.require(user, Action.PUBLISH if published else Action.EDIT, period)
    entry = YearlyFollowUp.objects.filter(period=period, year=year).first() or YearlyFollowUp(
        period=period, year=year, **owner_fields(period.owner)
    )
    if entry.published and not published:
        permissions.require(user, Action.PUBLISH, period)
    entry.text, entry.published = text, published
    entry.full_clean()
    entry.save()
    return entry


def _shifted(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year that has none
        return day.replace(year=day.year + years, day=28)


def _retitled(title: str, new: Period) -> str:
    """The title with its first year or span of years (2026–2027) replaced by the new period's, or the new
    period's years added."""
    span = re.compile(r"(?<!\d)\d{4}(?:[–-]\d{4})?(?!\d)")
    if span.search(title):
        return span.sub(new.label, title, count=1)
    return f"{title} {new.label}"


def _fields(source, *names) -> dict:
    """The named fields of `source`, for a copy."""
    return {name: getattr(source, name) for name in names}


def _copy_commitment(source: Commitment, *, years: int, **parent) -> Commitment:
    copy = Commitment.objects.create(
        text=source.text,
        order=source.order,
        municipality=source.municipality,
        collaboration=source.collaboration,
        **parent,
    )
    copy.responsible.set(source.responsible.all())
    copy.activities.set(source.activities.all())
    target = getattr(source, "target", None)
    if target is not None:
        Target.objects.create(
            commitment=copy,
            municipality=source.municipality,
            collaboration=source.collaboration,
            due=_shifted(target.due, years),
            **_fields(
                target,
                "kind",
                "amount",
                "unit",
                "indicator",
                "linked_indicator",
                "baseline",
                "target_value",
                "direction",
            ),
        )
    return copy


def _copy_parent(source, old: Period, new: Period, *, commitments, **fields):
    """A draft of a promise or an action plan for the next period: its title with the new years, its
    background, `fields`, and a copy of each of `commitments` (`(commitment, extra fields)` pairs) without
    follow-ups or verdicts, its target's due date moved by as many years as the period."""
    copy = type(source).objects.create(
        **owner_fields(source.owner),
        title=_retitled(source.title, new),
        start=new.start,
        end=new.end,
        background=source.background,
        work_period=new,
        **fields,
    )
    parent = {"plan" if isinstance(source, ActionPlan) else "promise": copy}
    for commitment, extra in commitments(copy):
        _copy_commitment(commitment, years=new.first_year - old.first_year, **parent, **extra)
    return copy


def _copy_plan(plan: ActionPlan, old: Period, new: Period) -> ActionPlan:
    def measures(copy):
        goals = {
            goal.pk: Goal.objects.create(
                **owner_fields(plan.owner),
                plan=copy,
                **_fields(goal, "text", "indicator", "linked_indicator", "target_value", "order"),
            )
            for goal in plan.goals.all()
        }
        return [(m, {"goal": goals.get(m.goal_id)}) for m in plan.measures.select_related("target")]

    return _copy_parent(
        plan,
        old,
        new,
        commitments=measures,
        owner_organisation=plan.owner_organisation,
        state=PlanState.DRAFT,
        published=False,
        # the same parties sign the next period's plan
        police_area=plan.police_area,
        signing_body=plan.signing_body,
        signing_body_decision=plan.signing_body_decision,
    )


def _copy_promise(promise: Promise, old: Period, new: Period) -> Promise:
    def commitments(copy):
        for signatory in promise.signatories.all():
            Signatory.objects.create(
                **owner_fields(promise.owner),
                promise=copy,
                **_fields(signatory, "office", "organisation", "name"),
            )
        return [(c, {}) for c in promise.commitments.select_related("target")]

    return _copy_parent(
        promise, old, new, commitments=commitments, police_area=promise.police_area, state=PromiseState.DRAFT
    )


def _lagesbild_draft(owner, old: Period, new: Period, user) -> SituationReport:
    """A new draft lägesbild with the indicators and problems of the period's latest one; being a draft,
    it shows the newest data."""
    report = SituationReport.objects.create(
        **owner_fields(owner),
        title=_("Lägesbild %(owner)s before %(period)s") % {"owner": owner.name, "period": new.label},
        period=str(old.last_year),
        created_by=user,
        work_period=new,
    )
    previous = old.situation_reports.order_by("-adopted_at", "-period").first()
    if previous is not None:
        for item in previous.report_indicators.all():
            ReportIndicator.objects.create(
                report=report,
                **_fields(item, "indicator", "order", "group", "target_value", "target_label"),
            )
        for problem in previous.problems.prefetch_related("substance_areas", "factors"):
            areas, factors = list(problem.substance_areas.all()), list(problem.factors.all())
            problem.pk = None
            problem.report = report
            problem._state.adding = True
            problem.save()
            problem.substance_areas.set(areas)
            problem.factors.set(factors)
    return report


@dataclass
class NextPeriod:
    period: Period
    plans: list = field(default_factory=list)
    promises: list = field(default_factory=list)
    report: SituationReport | None = None
    action_items: int = 0


@transaction.atomic
def next_period_start(
    *, user, period: Period, last_year: int, open_verdicts_reason: str = "", today=None
) -> NextPeriod:
    """Start the period after `period` (from the year after its last) in one action. Refused when it has
    been started already, and while the ending promises have commitments without verdicts unless the
    coordinator says why they are left open."""
    permissions.require(user, Action.PUBLISH, period)
    period = Period.objects.select_for_update().get(pk=period.pk)
    owner = period.owner
    later = next_period_of(period)
    if later is not None:
        raise ValidationError(
            _("The next period has already been started: %(period)s.") % {"period": later.label}
        )
    first_year = period.last_year + 1
    missing = open_verdicts(period)
    reason = open_verdicts_reason.strip()
    if missing and not reason:
        raise ValidationError(
            ngettext(
                "%(count)s commitment of the ending promise has no verdict. Give the verdicts first, or say "
                "why they are left open.",
                "%(count)s commitments of the ending promise have no verdict. Give the verdicts first, or say "
                "why they are left open.",
                len(missing),
            )
            % {"count": len(missing)}
        )
    new = periods.period_create(owner, first_year, last_year)
    if missing:
        period.open_verdicts_reason = reason
        period.save(update_fields=["open_verdicts_reason"])
    result = NextPeriod(new)
    for plan in period.action_plans.exclude(state=PlanState.DRAFT).prefetch_related("goals"):
        result.plans.append(_copy_plan(plan, period, new))
    for promise in period.promises.exclude(state__in=[PromiseState.DRAFT, PromiseState.AWAITING_SIGNOFF]):
        result.promises.append(_copy_promise(promise, period, new))
    result.report = _lagesbild_draft(owner, period, new, user)
    unfinished = ActionItem.objects.filter(
        Q(work_period=period) | Q(work_period__isnull=True),
        **{f"meeting__{k}": v for k, v in owner_fields(owner).items()},
    ).exclude(status=ActionItem.Status.DONE)
    result.action_items = unfinished.update(work_period=new)
    return result


# ---------------------------------------------------------------------------------- the yearly follow-up


@dataclass
class YearRow:
    commitment: Commitment
    status: str
    achieved: object = None  # in the year, for counts
    expected: object = None
    verdict: object = None
    follow_ups: list = field(default_factory=list)


def _year_rows(commitments, year: int, today: datetime.date, public_follow_ups: bool) -> list[YearRow]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    as_of = min(today, last + datetime.timedelta(days=1))
    rows = []
    for c in commitments:
        follow_ups = list(c.follow_ups.all())
        progress = c.progress(as_of, follow_ups=follow_ups)
        row = YearRow(c, progress.status if progress else "", verdict=getattr(c, "verdict", None))
        if progress is not None and progress.periods:
            in_year = [p for p in progress.periods if first <= p.due <= last]
            if in_year:
                row.achieved = sum(p.achieved for p in in_year)
                row.expected = sum(p.expected for p in in_year)
        row.follow_ups = [f for f in follow_ups if first <= f.date <= last]
        rows.append(row)
    return rows


def lagesbild_in_force(municipality, year: int) -> SituationReport | None:
    """The latest lägesbild adopted by the end of `year`: the municipality's own, else that of a
    collaboration it belongs to."""
    adopted = SituationReport.objects.filter(
        status=SituationReport.Status.ADOPTED, adopted_at__lte=datetime.date(year, 12, 31)
    ).order_by("-adopted_at")
    return (
        adopted.filter(municipality=municipality).first()
        or adopted.filter(collaboration__municipalities=municipality).first()
    )


def year_report(municipality: Municipality, year: int, *, public: bool, user=None, today=None) -> dict | None:
    """The follow-up of one year: None when the municipality has no period holding the year (or, for the
    public, when that year's follow-up is not published)."""
    today = today or timezone.localdate()
    period = periods.period_at(municipality, datetime.date(year, 1, 1))
    if period is None:
        return None
    entry = YearlyFollowUp.objects.filter(period=period, year=year).first()
    if public and (entry is None or not entry.published):
        return None
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)

    lagesbild = lagesbild_in_force(municipality, year)
    problems = []
    if lagesbild is not None:
        problems = situation_selectors.report_detail(lagesbild, public=public)["problems"]

    promises = Promise.objects.filter(
        municipality=municipality, work_period=period, start__lte=last, end__gte=first
    ).select_related("police_area")
    promises = (
        promises.filter(promise_selectors.public_promise_q())
        if public
        else promises.exclude(state=PromiseState.DRAFT)
    )
    plans = ActionPlan.objects.filter(
        municipality=municipality, work_period=period, start__lte=last, end__gte=first
    ).exclude(state=PlanState.DRAFT)
    if public:
        plans = plans.filter(published=True)
    parents = []
    for parent, items in [(p, p.commitments) for p in promises] + [(p, p.measures) for p in plans]:
        commitments = items.select_related("target", "verdict").prefetch_related("follow_ups")
        if public and isinstance(parent, Promise):
            approved = promise_selectors.public_version(parent, today)
            keep = {str(c.pk) for c in approved.rows}
            commitments = [c for c in commitments if str(c.pk) in keep]
        parents.append(
            {
                "object": parent,
                "kind": "promise" if isinstance(parent, Promise) else "plan",
                "phase": parent.phase(today),
                "rows": _year_rows(commitments, year, today, public),
            }
        )

    activities = Activity.objects.filter(municipality=municipality, status_since__range=(first, last))
    if public:
        activities = activities.filter(published=True)

    # The activity log: what took place this year and how many took part (summed, never names).
    occasions = Occasion.objects.filter(municipality=municipality, date__range=(first, last))
    if public:
        occasions = occasions.filter(activity__published=True)
    took_place = list(
        occasions.values("activity_id", "activity__title")
        .annotate(occasions=Count("pk"), participants=Sum("participants"))
        .order_by("activity__title")
    )

    readiness = []
    assessments = Assessment.objects.filter(
        municipality=municipality, completed=True, work_period=period, created_at__year__lte=year
    )
    # Public: only published results; staff: what readiness's own rule lets this user see.
    assessments = (
        assessments.filter(published=True)
        if public
        else assessments.filter(readiness_selectors.visible_q(user))
    )
    language = get_language() or "sv"
    for assessment in assessments.order_by("-created_at")[:3]:
        result, _why = readiness_selectors.result_of(assessment)
        if result is not None:
            readiness.append(
                {
                    "assessment": assessment,
                    "score": result.overall.shown,
                    "stage_name": stage_name(result.overall.stage, language),
                }
            )
    return {
        "municipality": municipality,
        "year": year,
        "period": period,
        "entry": entry,
        "lagesbild": lagesbild,
        "problems": problems,
        "parents": parents,
        "activities": list(activities.order_by("status", "title")),
        "took_place": took_place,
        "readiness": readiness,
        "public": public,
        "today": today,
    }


def period_for(user, pk, action=Action.VIEW) -> Period:
    """The period with this id if the user may `action` it (404 when they may not even view it)."""
    return permissions.get_for_user(
        user, Period.objects.select_related("municipality", "collaboration"), action, pk=pk
    )
