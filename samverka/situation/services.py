"""Writes of the lägesbild: each one permission-checked, validated and in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import periods, permissions
from samverka.core.concurrency import save_versioned
from samverka.core.models import owner_fields
from samverka.core.permissions import Action
from samverka.situation import selectors
from samverka.situation.models import ActivityCount, PartnerNote, Problem, ReportIndicator, SituationReport


def _check_organisation(user, owner, organisation):
    """A partner writes for an organisation they belong to that works in the place (admins for any)."""
    access = permissions.access_for(user)
    if not access.superuser and organisation.pk not in access.organisation_roles:
        raise ValidationError({"organisation": _("Choose an organisation you are a member of.")})


@transaction.atomic
def note_create(*, user, owner, organisation, date, period, title, text, is_public) -> PartnerNote:
    permissions.require(user, Action.EDIT, owner)
    _check_organisation(user, owner, organisation)
    note = PartnerNote(
        **owner_fields(owner),
        organisation=organisation,
        date=date,
        period=period,
        title=title,
        text=text,
        is_public=is_public,
        created_by=user,
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_update(*, user, note: PartnerNote, expected_version: int, fields: list[str]) -> PartnerNote:
    permissions.require(user, Action.EDIT, note)
    save_versioned(note, expected_version, fields)
    return note


@transaction.atomic
def count_set(*, user, owner, organisation, year: int, quarter: int, kind: str, number: int) -> ActivityCount:
    """Record (or correct) how many of `kind` an organisation did in a quarter."""
    permissions.require(user, Action.EDIT, owner)
    _check_organisation(user, owner, organisation)
    count = ActivityCount.objects.filter(
        **owner_fields(owner), organisation=organisation, year=year, quarter=quarter, kind=kind
    ).first() or ActivityCount(
        **owner_fields(owner), organisation=organisation, year=year, quarter=quarter, kind=kind
    )
    count.number = number
    count.full_clean(validate_constraints=False)
    count.save()
    return count


@transaction.atomic
def report_create(*, user, owner, title, period, summary="", public_summary="") -> SituationReport:
    permissions.require(user, Action.EDIT, owner)
    report = SituationReport(
        **owner_fields(owner),
        title=title,
        period=period,
        summary=summary,
        public_summary=public_summary,
        created_by=user,
        work_period=periods.period_at(owner, timezone.localdate()),
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_update(
    *, user, report: SituationReport, expected_version: int, fields: list[str]
) -> SituationReport:
    permissions.require(user, Action.EDIT, report)
    save_versioned(report, expected_version, fields)
    return report


@transaction.atomic
def report_adopt(*, user, report: SituationReport, adopted=True, on=None, last_year=None) -> SituationReport:
    """Adopting freezes the lägesbild (its snapshot) and publishes the public parts at /p/<slug>/lagesbild/;
    back to draft makes it live and hides it again. A lägesbild with no values cannot be adopted."""
    permissions.require(user, Action.PUBLISH, report)
    if adopted:
        frozen = selectors.snapshot(report, last_year=last_year)
        if not selectors.snapshot_has_values(frozen):
            raise ValidationError(
                _("A lägesbild with no values cannot be adopted: add indicators that have values first.")
            )
    else:
        frozen = None
    report.status = SituationReport.Status.ADOPTED if adopted else SituationReport.Status.DRAFT
    report.adopted_at = (on or timezone.localdate()) if adopted else None
    report.snapshot = frozen
    report.version += 1
    report.full_clean()
    report.save()
    return report


def _not_frozen(report: SituationReport) -> None:
    if report.is_adopted:
        raise ValidationError(_("An adopted lägesbild is frozen: return it to draft to change it."))


@transaction.atomic
def report_indicator_add(
    *, user, report, indicator, group="T", target_value=None, target_label="", comment=""
):
    permissions.require(user, Action.EDIT, report)
    _not_frozen(report)
    if ReportIndicator.objects.filter(report=report, indicator=indicator, group=group).exists():
        raise ValidationError(_("This indicator is already in the lägesbild for that group."))
    item = ReportIndicator(
        report=report,
        indicator=indicator,
        group=group,
        target_value=target_value,
        target_label=target_label,
        comment=comment,
        order=report.report_indicators.count() + 1,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def report_indicator_remove(*, user, item: ReportIndicator) -> None:
    permissions.require(user, Action.EDIT, item.report)
    _not_frozen(item.report)
    item.delete()


@transaction.atomic
def problem_save(*, user, report, problem: Problem, substance_areas=None, factors=None) -> Problem:
    """Save the problem; `substance_areas` and `factors` (None: leave as they are) place it in the gap
    view together with its arenas."""
    permissions.require(user, Action.EDIT, report)
    _not_frozen(report)
    problem.report = report
    for linked in (problem.linked_goal, problem.linked_commitment):
        if linked is not None and linked.owner != report.owner:
            raise ValidationError(_("Link only goals and commitments of the lägesbild's own owner."))
    problem.full_clean()
    problem.save()
    if substance_areas is not None:
        problem.substance_areas.set(substance_areas)
    if factors is not None:
        problem.factors.set(factors)
    return problem


@transaction.atomic
def problem_delete(*, user, problem: Problem) -> None:
    permissions.require(user, Action.EDIT, problem.report)
    _not_frozen(problem.report)
    problem.delete()
