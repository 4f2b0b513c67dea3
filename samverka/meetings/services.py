"""Writes of meetings: permission-checked, validated, one transaction each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.core import permissions
from samverka.core.concurrency import save_versioned
from samverka.core.models import Municipality, owner_fields
from samverka.core.permissions import Action
from samverka.meetings.models import ActionItem, AnnualEvent, Decision, Meeting


def _check_report(meeting):
    report = meeting.situation_report
    if report is not None and report.owner != meeting.owner:
        municipalities = (
            [meeting.owner]
            if isinstance(meeting.owner, Municipality)
            else list(meeting.owner.municipalities.all())
        )
        if report.municipality not in municipalities:
            raise ValidationError({"situation_report": _("Choose a lägesbild of this meeting's place.")})


@transaction.atomic
def meeting_create(*, user, owner, participants, **fields) -> Meeting:
    permissions.require(user, Action.EDIT, owner)
    meeting = Meeting(**owner_fields(owner), **fields)
    _check_report(meeting)
    meeting.full_clean()
    meeting.save()
    meeting.participants.set(participants)
    return meeting


@transaction.atomic
def meeting_update(
    *, user, meeting: Meeting, expected_version: int, fields: list[str], participants=None
) -> Meeting:
    permissions.require(user, Action.EDIT, meeting)
    _check_report(meeting)
    save_versioned(meeting, expected_version, fields)
    if participants is not None:
        meeting.participants.set(participants)
    return meeting


@transaction.atomic
def decision_add(*, user, meeting: Meeting, text: str) -> Decision:
    permissions.require(user, Action.EDIT, meeting)
    decision = Decision(meeting=meeting, text=text)
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def action_item_add(*, user, meeting: Meeting, text: str, owner_organisation, due_date=None) -> ActionItem:
    permissions.require(user, Action.EDIT, meeting)
    item = ActionItem(meeting=meeting, text=text, owner_organisation=owner_organisation, due_date=due_date)
    item.full_clean()
    item.save()
    return item


def can_update_item(user, item: ActionItem) -> bool:
    """The meeting's editors, and members (editor or above) of the organisation that owns the item."""
    if permissions.can_edit(user, item.meeting):
        return True
    return permissions.can(user, Action.EDIT, item.owner_organisation)


@transaction.atomic
def action_item_set_status(*, user, item: ActionItem, status: str) -> ActionItem:
    if not can_update_item(user, item):
        raise PermissionDenied
    item.status = status
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def annual_event_create(*, user, owner, **fields) -> AnnualEvent:
    permissions.require(user, Action.EDIT, owner)
    event = AnnualEvent(**owner_fields(owner), **fields)
    event.full_clean()
    event.save()
    return event
