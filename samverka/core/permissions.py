"""Who may see and change what: the one place where Samverka's permission rules live.

A user is a member of organisations with a role (reader < editor < coordinator < admin). An
organisation works in municipalities and takes part in collaborations. A user's role in a municipality
(or collaboration) is the highest role they hold in any organisation that works there. Records are
`Scoped`: they belong to one municipality or one collaboration, and the role there decides.

Every view, form, export and API endpoint asks these functions; none keeps a copy of the rules.
Anonymous visitors have no role anywhere: they see only what is published, through the public views.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from samverka.core.models import Collaboration, Membership, Municipality, Organisation, Role


class Action(StrEnum):
    VIEW = "view"  # internal data: drafts, unpublished records, partner notes
    EDIT = "edit"  # create and change records
    PUBLISH = "publish"  # publish, approve, confirm verdicts
    MANAGE_MEMBERS = "manage_members"  # add and remove members of the organisation
    ADMINISTER = "administer"  # the municipality's own settings


# The least role each action needs.
REQUIRED_ROLE: dict[Action, Role] = {
    Action.VIEW: Role.READER,
    Action.EDIT: Role.EDITOR,
    Action.PUBLISH: Role.COORDINATOR,
    Action.MANAGE_MEMBERS: Role.COORDINATOR,
    Action.ADMINISTER: Role.ADMIN,
}


@dataclass(frozen=True)
class Access:
    """A user's roles by place, computed once per request (three queries) and cached on the user."""

    superuser: bool = False
    municipality_roles: dict[int, str] = field(default_factory=dict)
    collaboration_roles: dict = field(default_factory=dict)
    organisation_roles: dict = field(default_factory=dict)

    def role_in(self, owner) -> str | None:
        if self.superuser:
            return Role.ADMIN
        if isinstance(owner, Municipality):
            return self.municipality_roles.get(owner.pk)
        if isinstance(owner, Collaboration):
            return self.collaboration_roles.get(owner.pk)
        if isinstance(owner, Organisation):
            return self.organisation_roles.get(owner.pk)
        raise TypeError(f"{owner!r} is not a municipality, collaboration or organisation")


ANONYMOUS = Access()


def _higher(a: str | None, b: str) -> str:
    return b if Role.rank(b) > Role.rank(a) else a


def access_for(user) -> Access:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_samverka_access", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        access = Access(superuser=True)
    else:
        org_roles: dict = {}
        for org_id, role in Membership.objects.filter(user=user).values_list("organisation_id", "role"):
            org_roles[org_id] = _higher(org_roles.get(org_id), role)
        municipality_roles: dict = {}
        links = Organisation.municipalities.through.objects.filter(organisation_id__in=org_roles)
        for org_id, municipality_id in links.values_list("organisation_id", "municipality_id"):
            municipality_roles[municipality_id] = _higher(
                municipality_roles.get(municipality_id), org_roles[org_id]
            )
        collaboration_roles: dict = {}
        links = Collaboration.organisations.through.objects.filter(organisation_id__in=org_roles)
        for collab_id, org_id in links.values_list("collaboration_id", "organisation_id"):
            collaboration_roles[collab_id] = _higher(collaboration_roles.get(collab_id), org_roles[org_id])
        access = Access(False, municipality_roles, collaboration_roles, org_roles)
    user._samverka_access = access
    return access


def forget_access(user) -> None:
    """Drop the cached roles, after memberships change within one request (and in tests)."""
    if hasattr(user, "_samverka_access"):
        del user._samverka_access


def owner_of(obj):
    """The municipality, collaboration or organisation that decides access to obj."""
    if isinstance(obj, Municipality | Collaboration | Organisation):
        return obj
    owner = getattr(obj, "owner", None)
    if owner is None:
        raise TypeError(f"{obj!r} has no owner to check permissions against")
    return owner


def role_for(user, obj) -> str | None:
    return access_for(user).role_in(owner_of(obj))


def can(user, action: Action | str, obj) -> bool:
    """May `user` do `action` on `obj` (a Scoped record, a municipality, collaboration or organisation)?"""
    role = access_for(user).role_in(owner_of(obj))
    return Role.rank(role) >= Role.rank(REQUIRED_ROLE[Action(action)])


def can_view(user, obj) -> bool:
    return can(user, Action.VIEW, obj)


def can_edit(user, obj) -> bool:
    return can(user, Action.EDIT, obj)


def can_publish(user, obj) -> bool:
    return can(user, Action.PUBLISH, obj)


def require(user, action: Action | str, obj) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def places_q(user, action: Action | str = Action.VIEW, prefix: str = "") -> Q:
    """A filter for Scoped records (or, with prefix, records reached through one) the user may `action`.

    >>> Activity.objects.filter(places_q(request.user))
    >>> FollowUp.objects.filter(places_q(request.user, prefix="commitment__promise__"))
    """
    access = access_for(user)
    if access.superuser:
        return Q()
    least = Role.rank(REQUIRED_ROLE[Action(action)])
    municipalities = [pk for pk, role in access.municipality_roles.items() if Role.rank(role) >= least]
    collaborations = [pk for pk, role in access.collaboration_roles.items() if Role.rank(role) >= least]
    return Q(**{f"{prefix}municipality__in": municipalities}) | Q(
        **{f"{prefix}collaboration__in": collaborations}
    )


def municipalities_for(user, action: Action | str = Action.VIEW) -> QuerySet[Municipality]:
    access = access_for(user)
    qs = Municipality.objects.select_related("county")
    if access.superuser:
        return qs
    least = Role.rank(REQUIRED_ROLE[Action(action)])
    return qs.filter(
        pk__in=[pk for pk, role in access.municipality_roles.items() if Role.rank(role) >= least]
    )


def collaborations_for(user, action: Action | str = Action.VIEW) -> QuerySet[Collaboration]:
    access = access_for(user)
    if access.superuser:
        return Collaboration.objects.all()
    least = Role.rank(REQUIRED_ROLE[Action(action)])
    return Collaboration.objects.filter(
        pk__in=[pk for pk, role in access.collaboration_roles.items() if Role.rank(role) >= least]
    )


def get_for_user(user, queryset: QuerySet, action: Action | str = Action.VIEW, **lookup):
    """The one scoped fetch: look a record up by user input and check the user may `action` it.

    A record the user may not even view is reported as missing (404), so ids reveal nothing; a record
    they may view but not change gives 403.
    """
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:  # a malformed UUID too
        raise Http404 from exc
    if not can_view(user, obj):
        raise Http404
    require(user, action, obj)
    return obj


def owner_by_slug(user, slug: str, action=Action.VIEW):
    """The municipality (or else collaboration) with this slug, if the user may view it; 404 otherwise."""
    owner = Municipality.objects.select_related("county").filter(slug=slug).first()
    if owner is None:
        owner = Collaboration.objects.filter(slug=slug).first()
    if owner is None or not can_view(user, owner):
        raise Http404
    require(user, action, owner)
    return owner
