"""Writes to the tenancy: memberships. Each checks permission, validates and runs in one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.core import permissions
from samverka.core.models import Membership, Organisation, Role
from samverka.core.permissions import Action


def can_manage_members(user, organisation: Organisation) -> bool:
    """Coordinators manage their own organisation's members and those of the organisations under it."""
    return permissions.can(user, Action.MANAGE_MEMBERS, organisation) or (
        organisation.parent_id is not None
        and permissions.can(user, Action.MANAGE_MEMBERS, organisation.parent)
    )


def _grantable(actor, organisation: Organisation, role: str) -> None:
    own = permissions.role_for(actor, organisation)
    if organisation.parent_id is not None:
        parent_role = permissions.role_for(actor, organisation.parent)
        own = parent_role if Role.rank(parent_role) > Role.rank(own) else own
    if Role.rank(role) > Role.rank(own):
        raise ValidationError(_("You cannot give a higher role than your own."))


@transaction.atomic
def membership_add(
    *, actor, organisation: Organisation, identifier: str, role: str, title: str = ""
) -> Membership:
    if not can_manage_members(actor, organisation):
        raise PermissionDenied
    _grantable(actor, organisation, role)
    identifier = identifier.strip()
    User = get_user_model()
    matches = list(
        User.objects.filter(Q(username=identifier) | Q(email__iexact=identifier), is_active=True)[:2]
    )
    if len(matches) != 1:
        raise ValidationError(_("No single active account has that user name or e-mail address."))
    if Membership.objects.filter(user=matches[0], organisation=organisation).exists():
        raise ValidationError(_("%(user)s is already a member.") % {"user": matches[0].get_username()})
    membership = Membership(user=matches[0], organisation=organisation, role=role, title=title)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_change(*, actor, membership: Membership, role: str, title: str) -> Membership:
    if not can_manage_members(actor, membership.organisation):
        raise PermissionDenied
    _grantable(actor, membership.organisation, role)
    _grantable(actor, membership.organisation, membership.role)  # nor demote someone above you
    membership.role, membership.title = role, title
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    if not can_manage_members(actor, membership.organisation):
        raise PermissionDenied
    _grantable(actor, membership.organisation, membership.role)
    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot remove yourself."))
    membership.delete()
