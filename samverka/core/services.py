"""Writes to the tenancy: memberships. Each checks permission, validates and runs in one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverka.core import permissions
from samverka.core.models import Membership, Municipality, Organisation, Role
from samverka.core.permissions import Action


def _place_role(user, organisation: Organisation) -> str | None:
    """The least role `user` holds in the places `organisation` works in (its municipalities and
    collaborations), as staff of each place, not only as the county board; None if it works nowhere.

    A member of the organisation gets their role in every one of those places, so only someone who holds
    that role in all of them may give it: Arjeplog's coordinator invites to Systembolaget in Arjeplog, but
    not to Region Norrbotten, which works in the whole county."""
    places = [*organisation.municipalities.all(), *organisation.collaborations.all()]
    if not places:
        return None
    roles = [
        None if permissions.only_as_county_board(user, place) else permissions.role_for(user, place)
        for place in places
    ]
    return min(roles, key=Role.rank)


def grantable_role(user, organisation: Organisation) -> str | None:
    """The highest role `user` may give in `organisation`: her own role in it or in the organisation it
    is part of, or the role she holds in every place it works in, whichever is higher."""
    candidates = [permissions.role_for(user, organisation), _place_role(user, organisation)]
    if organisation.parent_id is not None:
        candidates.append(permissions.role_for(user, organisation.parent))
    return max(candidates, key=Role.rank)


def can_manage_members(user, organisation: Organisation) -> bool:
    """Coordinators manage the members of their own organisation, of the organisations under it, and of
    every organisation that works only in places where they are coordinators (partners included)."""
    return Role.rank(grantable_role(user, organisation)) >= Role.rank(
        permissions.REQUIRED_ROLE[Action.MANAGE_MEMBERS]
    )


def roles_grantable(user, organisation: Organisation) -> list[tuple[str, str]]:
    """The role choices `user` may give in `organisation`, least first."""
    own = Role.rank(grantable_role(user, organisation))
    return [(value, label) for value, label in Role.choices if Role.rank(value) <= own]


def check_grantable(actor, organisation: Organisation, role: str) -> None:
    if Role.rank(role) > Role.rank(grantable_role(actor, organisation)):
        raise ValidationError(_("You cannot give a higher role than your own."))


@transaction.atomic
def membership_add(
    *, actor, organisation: Organisation, identifier: str, role: str, title: str = ""
) -> Membership:
    if not can_manage_members(actor, organisation):
        raise PermissionDenied
    check_grantable(actor, organisation, role)
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
    check_grantable(actor, membership.organisation, role)
    check_grantable(actor, membership.organisation, membership.role)  # nor demote someone above you
    membership.role, membership.title = role, title
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    if not can_manage_members(actor, membership.organisation):
        raise PermissionDenied
    check_grantable(actor, membership.organisation, membership.role)
    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot remove yourself."))
    membership.delete()


def may_add_organisation(user, place: Municipality) -> bool:
    """Coordinators of a municipality (as its staff, not as the county board) add organisations to it."""
    return permissions.can(user, Action.MANAGE_MEMBERS, place) and not permissions.only_as_county_board(
        user, place
    )


@transaction.atomic
def organisation_add(*, actor, place: Municipality, **fields) -> Organisation:
    """A coordinator adds an organisation that works in her municipality (a partner that joins)."""
    if not may_add_organisation(actor, place):
        raise PermissionDenied
    parent = fields.get("parent")
    if parent is not None and not parent.municipalities.filter(pk=place.pk).exists():
        raise ValidationError(_("Choose an organisation that works in %(place)s.") % {"place": place.name})
    name = fields["name"].strip()
    if Organisation.objects.filter(name__iexact=name, municipalities=place).exists():
        raise ValidationError(
            _("%(name)s is already working in %(place)s.") % {"name": name, "place": place.name}
        )
    organisation = Organisation(**{**fields, "name": name, "slug": _free_slug(f"{name}-{place.slug}")})
    organisation.full_clean()
    organisation.save()
    organisation.municipalities.add(place)
    return organisation


def _free_slug(text: str) -> str:
    base = slugify(text)[:190] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
