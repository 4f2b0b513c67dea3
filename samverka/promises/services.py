"""Every change to promises, plans, commitments, follow-ups and verdicts: one transaction each,
permission checked, validated with full_clean(), the acting user recorded."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import periods, permissions
from samverka.core.concurrency import save_versioned
from samverka.core.files import original_name
from samverka.core.models import Municipality, Organisation, owner_fields
from samverka.core.permissions import Action
from samverka.promises import selectors
from samverka.promises.models import (
    ActionPlan,
    Approval,
    Commitment,
    FollowUp,
    Goal,
    Party,
    PlannedEvent,
    PlanState,
    ProcessTick,
    Promise,
    PromiseState,
    Signatory,
    Target,
    Verdict,
)
from samverka.promises.process import MANUAL_KEYS

TARGET_FIELDS = [
    "kind",
    "amount",
    "unit",
    "due",
    "indicator",
    "linked_indicator",
    "baseline",
    "target_value",
    "direction",
    "start",
    "end",
]


def _today() -> datetime.date:
    return timezone.localdate()


# --- Promises ---------------------------------------------------------------------------------------


@transaction.atomic
def promise_create(
    *,
    user,
    owner,
    police_area: Organisation,
    title: str,
    start,
    end,
    background: str = "",
    signing_body: Organisation | None = None,
    signing_body_decision: str = "",
) -> Promise:
    permissions.require(user, Action.EDIT, owner)
    promise = Promise(
        **owner_fields(owner),
        police_area=police_area,
        title=title,
        start=start,
        end=end,
        background=background,
        signing_body=signing_body,
        signing_body_decision=signing_body_decision,
        work_period=periods.period_at(owner, start) if start else None,
    )
    promise.full_clean()
    promise.save()
    return promise


@transaction.atomic
def promise_update(*, user, promise: Promise, expected_version: int, **fields) -> Promise:
    permissions.require(user, Action.EDIT, promise)
    if promise.state == PromiseState.CONCLUDED:
        raise ValidationError(_("A concluded promise cannot be changed."))
    for name, value in fields.items():
        setattr(promise, name, value)
    save_versioned(promise, expected_version, list(fields))
    _reopen_for_signoff(promise)
    return promise


@transaction.atomic
def signatory_add(
    *, user, promise: Promise, office: str, organisation: Organisation, name: str = ""
) -> Signatory:
    permissions.require(user, Action.EDIT, promise)
    signatory = Signatory(
        promise=promise, office=office, organisation=organisation, name=name, **owner_fields(promise.owner)
    )
    signatory.full_clean()
    signatory.save()
    # The signatories are part of what the promise says publicly: both parties approve again.
    _reopen_for_signoff(promise)
    return signatory


@dataclass(frozen=True)
class Signer:
    """One party that must approve a promise or a plan: `key` is what the page posts and what an approval
    is filed under ("municipality", "municipality:<id>" in a collaboration, "police" or "body")."""

    key: str
    party: str
    municipality: Municipality | None
    label: str


Signed = Promise | ActionPlan


def signers_of(record: Signed) -> list[Signer]:
    """Who must approve a promise or a plan: the municipality and the police; in a collaboration the police
    and each municipality through its own coordinator; or only the governing body named to sign for all.
    (A municipality's plan that names no police area is the municipality's alone.)"""
    if record.signing_body_id:
        return [Signer(Party.BODY.value, Party.BODY, None, str(record.signing_body))]
    police = (
        [Signer(Party.POLICE.value, Party.POLICE, None, str(record.police_area))]
        if record.police_area_id
        else []
    )
    if record.collaboration_id:
        municipalities = record.collaboration.municipalities.order_by("name")
        return [
            Signer(f"{Party.MUNICIPALITY.value}:{m.pk}", Party.MUNICIPALITY, m, m.name)
            for m in municipalities
        ] + police
    return [Signer(Party.MUNICIPALITY.value, Party.MUNICIPALITY, None, str(record.municipality)), *police]


def _may_sign(user, record: Signed, signer: Signer) -> bool:
    """A municipality's coordinator signs for her own municipality only, a police editor for the police
    only, a governing body's coordinator for the body; the county board (a reader everywhere) never."""
    if signer.party == Party.BODY:
        return permissions.can(user, Action.PUBLISH, record.signing_body)
    if signer.party == Party.POLICE:
        return permissions.can(user, Action.EDIT, record.police_area)
    place = signer.municipality or record.municipality
    return permissions.can(user, Action.PUBLISH, place) and not permissions.only_as_county_board(user, place)


def parties_for(user, record: Signed) -> list[str]:
    """The keys of the parties `user` may approve for (see `signers_of`)."""
    return [s.key for s in signers_of(record) if _may_sign(user, record, s)]


def _approval_key(approval: Approval) -> str:
    if approval.signs_for_id:
        return f"{Party.MUNICIPALITY.value}:{approval.signs_for_id}"
    return approval.party


def current_approvals(record: Signed) -> dict[str, Approval]:
    return {_approval_key(a): a for a in record.approvals.all() if a.revision == record.revision}


def signoff_status(record: Signed) -> list[dict]:
    """Each party that must approve with its approval of the current revision, or None (awaited)."""
    approvals = current_approvals(record)
    return [{"signer": s, "approval": approvals.get(s.key)} for s in signers_of(record)]


def approvable_by(user, record: Signed) -> list[tuple[str, str]]:
    """(key, label) of each awaited party `user` may approve for now; none when she approved for another
    party of this revision already (one person approves for one party only)."""
    if record.state != PromiseState.AWAITING_SIGNOFF:  # the same value for a plan
        return []
    approvals = current_approvals(record)
    if any(a.approved_by_id == user.pk for a in approvals.values()):
        return []
    parties = set(parties_for(user, record))
    return [
        (row["signer"].key, row["signer"].label)
        for row in signoff_status(record)
        if row["signer"].key in parties and row["approval"] is None
    ]


def _reopen_for_signoff(record: Signed) -> None:
    """A change to what a promise or plan under sign-off says needs every party again: the revision goes
    up, so earlier approvals no longer count. An active promise goes back to sign-off (its public page
    keeps the approved version); an adopted plan stays adopted."""
    if record.state in (PromiseState.AWAITING_SIGNOFF, PromiseState.ACTIVE):
        record.revision += 1
        if isinstance(record, Promise) and record.state == PromiseState.ACTIVE:
            record.state = PromiseState.AWAITING_SIGNOFF
        type(record).objects.filter(pk=record.pk).update(revision=record.revision, state=record.state)


def _submit(user, record: Signed, items, empty_message: str) -> Signed:
    """Draft → awaiting sign-off, for a promise or a plan."""
    permissions.require(user, Action.EDIT, record)
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if record.state != PromiseState.DRAFT:
        raise ValidationError(_("Only a draft can be sent for sign-off."))
    if not items(record).exists():
        raise ValidationError(empty_message)
    record.state = PromiseState.AWAITING_SIGNOFF
    record.save(update_fields=["state"])
    return record


def _approve(*, user, record: Signed, party: str, on_last) -> Signed:
    """One party approves the current revision of a promise or plan (`party` is a key of `signers_of`);
    when the last party has approved, `on_last(record)` makes it active or adopted (and public). One
    person approves for one party only. Refusals raise with a clear message and record nothing."""
    record = (
        type(record)
        .objects.select_for_update(of=("self",))
        .select_related("police_area", "signing_body", "collaboration", "municipality")
        .get(pk=record.pk)
    )
    signers = {s.key: s for s in signers_of(record)}
    signer = signers.get(party)
    may_sign_something = any(_may_sign(user, record, s) for s in signers.values())
    if not permissions.can_view(user, record) and not may_sign_something:
        raise PermissionDenied
    if not may_sign_something and permissions.only_as_county_board(user, record):
        raise ValidationError(_("The county board follows the work but never signs a promise or a plan."))
    if signer is None or not _may_sign(user, record, signer):
        if signer is not None and signer.municipality is not None:
            raise ValidationError(
                _("You can approve only for your own municipality, not for %(municipality)s.")
                % {"municipality": signer.municipality.name}
            )
        if party == Party.MUNICIPALITY.value and record.collaboration_id:
            raise ValidationError(
                _("A collaboration's promise is approved by each municipality through its own coordinator.")
                if isinstance(record, Promise)
                else _("A collaboration's plan is approved by each municipality through its own coordinator.")
            )
        if signer is not None and signer.party == Party.POLICE:
            raise ValidationError(_("Only the police area can approve for the police."))
        raise PermissionDenied
    if record.state != PromiseState.AWAITING_SIGNOFF:
        raise ValidationError(
            _("Only a promise awaiting sign-off can be approved.")
            if isinstance(record, Promise)
            else _("Only a plan awaiting sign-off can be approved.")
        )
    approvals = current_approvals(record)
    if party in approvals:
        raise ValidationError(_("This party has already approved this version."))
    if any(a.approved_by_id == user.pk for a in approvals.values()):
        raise ValidationError(_("The other party must approve through another person."))
    Approval.objects.create(
        promise=record if isinstance(record, Promise) else None,
        plan=record if isinstance(record, ActionPlan) else None,
        party=signer.party,
        signs_for=signer.municipality,
        revision=record.revision,
        approved_by=user,
        **owner_fields(record.owner),
    )
    if set(signers) <= {*approvals, party}:
        on_last(record)
    return record


@transaction.atomic
def promise_submit(*, user, promise: Promise) -> Promise:
    """Draft → awaiting sign-off."""
    return _submit(
        user,
        promise,
        lambda p: p.commitments,
        _("Add at least one commitment before sending the promise for sign-off."),
    )


def _activate(promise: Promise) -> None:
    promise.state = PromiseState.ACTIVE
    promise.activated_at = timezone.now()
    promise.approved_version = selectors.promise_snapshot(promise)
    promise.save(update_fields=["state", "activated_at", "approved_version"])


@transaction.atomic
def promise_approve(*, user, promise: Promise, party: str) -> Promise:
    """One party approves the current revision; when the last has, the promise is active and public."""
    return _approve(user=user, record=promise, party=party, on_last=_activate)


@transaction.atomic
def promise_conclude(*, user, promise: Promise, today: datetime.date | None = None) -> Promise:
    permissions.require(user, Action.PUBLISH, promise)
    if promise.state != PromiseState.ACTIVE:
        raise ValidationError(_("Only an active promise can be concluded."))
    if (today or _today()) <= promise.end:
        raise ValidationError(_("The promise can be concluded after its period has ended."))
    promise.state = PromiseState.CONCLUDED
    promise.save(update_fields=["state"])
    return promise


# --- Action plans -----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    user,
    owner,
    owner_organisation: Organisation,
    title: str,
    start,
    end,
    background="",
    police_area: Organisation | None = None,
    signing_body: Organisation | None = None,
    signing_body_decision: str = "",
) -> ActionPlan:
    permissions.require(user, Action.EDIT, owner)
    plan = ActionPlan(
        **owner_fields(owner),
        owner_organisation=owner_organisation,
        title=title,
        start=start,
        end=end,
        background=background,
        police_area=police_area,
        signing_body=signing_body,
        signing_body_decision=signing_body_decision,
        work_period=periods.period_at(owner, start) if start else None,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, user, plan: ActionPlan, expected_version: int, **fields) -> ActionPlan:
    permissions.require(user, Action.EDIT, plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    save_versioned(plan, expected_version, list(fields))
    _reopen_for_signoff(plan)
    return plan


@transaction.atomic
def plan_submit(*, user, plan: ActionPlan) -> ActionPlan:
    """Draft → awaiting sign-off by every party (`signers_of`)."""
    return _submit(
        user, plan, lambda p: p.measures, _("Add at least one measure before sending the plan for sign-off.")
    )


def _adopt(plan: ActionPlan) -> None:
    plan.state = PlanState.ADOPTED
    plan.adopted_on = _today()
    plan.published = True
    plan.save(update_fields=["state", "adopted_on", "published"])


@transaction.atomic
def plan_approve(*, user, plan: ActionPlan, party: str) -> ActionPlan:
    """One party approves the plan's current revision; when the last has, it is adopted and public."""
    return _approve(user=user, record=plan, party=party, on_last=_adopt)


@transaction.atomic
def goal_create(
    *,
    user,
    plan: ActionPlan,
    text: str,
    indicator: str = "",
    linked_indicator=None,
    target_value=None,
    order=0,
) -> Goal:
    permissions.require(user, Action.EDIT, plan)
    goal = Goal(
        plan=plan,
        text=text,
        indicator=indicator,
        linked_indicator=linked_indicator,
        target_value=target_value,
        order=order,
        **owner_fields(plan.owner),
    )
    goal.full_clean()
    goal.save()
    _reopen_for_signoff(plan)
    return goal


# --- Commitments and measures -----------------------------------------------------------------------


@transaction.atomic
def commitment_save(
    *,
    user,
    parent: Promise | ActionPlan,
    text: str,
    target: dict,
    responsible=(),
    activities=(),
    goal: Goal | None = None,
    order: int = 0,
    commitment: Commitment | None = None,
    expected_version: int | None = None,
) -> Commitment:
    """Create a commitment (for a promise) or measure (for a plan) with its target, or change one."""
    permissions.require(user, Action.EDIT, parent)
    if isinstance(parent, Promise) and parent.state == PromiseState.CONCLUDED:
        raise ValidationError(_("A concluded promise cannot be changed."))
    _check_same_place(user, parent, responsible, activities)
    if goal is not None and (not isinstance(parent, ActionPlan) or goal.plan_id != parent.pk):
        raise ValidationError(_("The goal belongs to another plan."))
    if commitment is None:
        commitment = Commitment(
            promise=parent if isinstance(parent, Promise) else None,
            plan=parent if isinstance(parent, ActionPlan) else None,
            text=text,
            goal=goal,
            order=order,
            **owner_fields(parent.owner),
        )
        commitment.full_clean()
        commitment.save()
        target_obj = Target(commitment=commitment, **owner_fields(parent.owner))
    else:
        if commitment.parent != parent:
            raise PermissionDenied
        commitment.text, commitment.goal, commitment.order = text, goal, order
        save_versioned(commitment, expected_version or commitment.version, ["text", "goal", "order"])
        target_obj = commitment.target if hasattr(commitment, "target") else Target(commitment=commitment)
        target_obj.municipality, target_obj.collaboration = parent.municipality, parent.collaboration
    for name in TARGET_FIELDS:
        if name in target:
            setattr(target_obj, name, target[name])
    target_obj.commitment = commitment
    target_obj.full_clean()
    target_obj.save()
    commitment.responsible.set(responsible)
    commitment.activities.set(activities)
    _reopen_for_signoff(parent)
    return commitment


def _check_same_place(user, parent, responsible, activities) -> None:
    for activity in activities:
        if not permissions.can_view(user, activity):
            raise ValidationError(_("An activity you chose is not available here."))


@transaction.atomic
def planned_event_add(*, user, commitment: Commitment, title: str, date, place: str = "") -> PlannedEvent:
    permissions.require(user, Action.EDIT, commitment)
    event = PlannedEvent(
        commitment=commitment, title=title, date=date, place=place, **owner_fields(commitment.owner)
    )
    event.full_clean()
    event.save()
    return event


# --- Follow-up and verdicts -------------------------------------------------------------------------


def accepts_follow_ups(commitment: Commitment) -> bool:
    parent = commitment.parent
    if isinstance(parent, Promise):
        return parent.state == PromiseState.ACTIVE
    return parent.state == PlanState.ADOPTED


@transaction.atomic
def follow_up_create(
    *,
    user,
    commitment: Commitment,
    date,
    description: str,
    amount=None,
    participants=None,
    evidence_url: str = "",
    evidence_file=None,
    reported_for: Organisation | None = None,
    is_demo: bool = False,
) -> FollowUp:
    permissions.require(user, Action.EDIT, commitment)
    if not accepts_follow_ups(commitment):
        raise ValidationError(_("Follow-ups can be recorded only for an active promise or an adopted plan."))
    if date and date > _today():
        raise ValidationError({"date": _("The date is in the future.")})
    if reported_for is not None and not permissions.can(user, Action.EDIT, reported_for):
        reported_for = None
    follow_up = FollowUp(
        commitment=commitment,
        date=date,
        description=description,
        amount=amount,
        participants=participants,
        evidence_url=evidence_url,
        reported_by=user,
        reported_for=reported_for,
        is_demo=is_demo,
        **owner_fields(commitment.owner),
    )
    if evidence_file:
        follow_up.evidence_file = evidence_file
        follow_up.evidence_name = original_name(evidence_file)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def verdict_confirm(
    *,
    user,
    commitment: Commitment,
    value: str,
    explanation: str,
    today: datetime.date | None = None,
    expected_version: int | None = None,
) -> Verdict:
    """A coordinator confirms (or changes) the verdict proposed from the commitment's status."""
    permissions.require(user, Action.PUBLISH, commitment)
    today = today or _today()
    if today <= commitment.parent.end:
        raise ValidationError(_("A verdict is given when the period has ended."))
    proposed = commitment.proposed_verdict(today)
    verdict = Verdict.objects.filter(commitment=commitment).first()
    fields = {
        "proposed": proposed.value if proposed else "",
        "value": value,
        "explanation": explanation,
        "confirmed_by": user,
    }
    if verdict is None:
        verdict = Verdict(commitment=commitment, **fields, **owner_fields(commitment.owner))
        verdict.full_clean()
        verdict.save()
        return verdict
    for name, field_value in fields.items():
        setattr(verdict, name, field_value)
    save_versioned(verdict, expected_version or verdict.version, list(fields))
    return verdict


# --- Process tracker --------------------------------------------------------------------------------


@transaction.atomic
def process_tick(*, user, owner, key: str, done: bool, note: str = "", period=None) -> ProcessTick:
    """A manual tick in the process tracker of a municipality's or a collaboration's period."""
    permissions.require(user, Action.EDIT, owner)
    if key not in MANUAL_KEYS:
        raise ValidationError(_("Unknown step."))
    if period is not None and period.owner != owner:
        raise ValidationError(_("The work period belongs to another place."))
    tick, _created = ProcessTick.objects.update_or_create(
        **owner_fields(owner),
        period=period,
        key=key,
        defaults={"done": done, "note": note, "ticked_by": user},
    )
    return tick
