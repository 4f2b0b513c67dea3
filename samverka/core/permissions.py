"""Who may see and change what: the one place where Samverka's permission rules live.

A user is a member of organisations with a role (reader < editor < coordinator < admin). An
organisation works in municipalities and takes part in collaborations. A user's role in a municipality
(or collaboration) is the highest role they hold in any organisation that works there. Records are
`Scoped`: they belong to one municipality or one collaboration, and the role there decides.

Every view, form, export and API endpoint asks these functions; none keeps a copy of the rules.
Anonymous visitors have no role anywhere: they see only what is published, through the public views.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from samverka.core.models import Collaboration, County, Membership, Municipality, Organisation, Role, Scoped


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


def is_administrator(user) -> bool:
    """An administrator of the whole installation (a superuser): manages what all places share, such as
    the vocabularies every municipality's forms offer."""
    return access_for(user).superuser


def forget_access(user) -> None:
    """Drop the cached roles, after memberships change within one request (and in tests)."""
    for name in ("_samverka_access", "_samverka_county_board_places"):
        if hasattr(user, name):
            delattr(user, name)


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
    if Role.rank(role) < Role.rank(REQUIRED_ROLE[Action(action)]):
        return False
    rule = _record_rules.get(type(obj))
    return rule is None or rule(user, obj)


# Rules an app adds for its own records on top of the place's role (readiness: the county board sees an
# assessment only when the municipality shared it). Registered from AppConfig.ready(); `can` asks them,
# so every view, API endpoint and scoped fetch (get_for_user) applies them without knowing of them.
_record_rules: dict[type, Callable] = {}


def record_rule(model: type, rule: Callable) -> None:
    """rule(user, obj) -> bool, asked after the place's role allows the action on a `model` record."""
    _record_rules[model] = rule


def county_board_places(user) -> tuple[set, set]:
    """(municipality ids, collaboration ids) that `user` views only through county board organisations
    (which work in every municipality of their county as readers), not as staff of the place itself."""
    access = access_for(user)
    if access.superuser or not (access.municipality_roles or access.collaboration_roles):
        return set(), set()
    cached = getattr(user, "_samverka_county_board_places", None)
    if cached is None:
        own = Membership.objects.filter(user=user).exclude(organisation__kind=Organisation.Kind.COUNTY_BOARD)
        org_ids = list(own.values_list("organisation_id", flat=True))
        municipalities = Organisation.municipalities.through.objects.filter(organisation_id__in=org_ids)
        collaborations = Collaboration.organisations.through.objects.filter(organisation_id__in=org_ids)
        cached = user._samverka_county_board_places = (
            set(access.municipality_roles) - set(municipalities.values_list("municipality_id", flat=True)),
            set(access.collaboration_roles) - set(collaborations.values_list("collaboration_id", flat=True)),
        )
    return cached


def only_as_county_board(user, obj) -> bool:
    """Does `user` reach `obj`'s place only as the county board, not as staff of the place itself?"""
    owner = owner_of(obj)
    municipalities, collaborations = county_board_places(user)
    if isinstance(owner, Municipality):
        return owner.pk in municipalities
    if isinstance(owner, Collaboration):
        return owner.pk in collaborations
    return False


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


# For pages that serve a municipality or a collaboration at the same address (a municipality first).
ANY_PLACE = (Municipality, Collaboration)


def place_for(user, slug: str, action: Action | str = Action.VIEW, *, of=(Municipality,)):
    """The one scoped lookup of a place in the address: the place with this slug, of the first kind in
    `of` (Municipality, Collaboration or both) that has one, if `user` may `action` it.

    Like `get_for_user`, a place the user may not even view is reported as missing (404), so slugs reveal
    nothing; a place they may view but not `action` gives 403.
    """
    place = None
    for model in of:
        places = model.objects.select_related("county") if model is Municipality else model.objects.all()
        place = places.filter(slug=slug).first()
        if place is not None:
            break
    if place is None or not can_view(user, place):
        raise Http404
    require(user, action, place)
    return place


def county_for(user, slug: str):
    """A county and its municipalities, for a user who may view at least one of them (404 otherwise)."""
    county = County.objects.filter(slug=slug).first()
    if county is None:
        raise Http404
    municipalities = list(county.municipalities.select_related("county").order_by("name"))
    if not any(can_view(user, m) for m in municipalities):
        raise Http404
    return county, municipalities


def public_place(slug: str) -> Municipality:
    """A municipality for the public pages: every municipality has them; what they show is filtered by
    the caller to what is published."""
    place = Municipality.objects.select_related("county").filter(slug=slug).first()
    if place is None:
        raise Http404
    return place


# Choices in forms and API serializers (issue 17): a form offers, and accepts, only records the user may
# see. For Scoped records that is those of the places where the user may view, plus those the app
# registers as public (an adopted lägesbild, a published activity); an app's record rule applies too.
# Records that are not Scoped (organisations, indicators, vocabularies) are public and left as they are.
_public_choices: dict[type, Callable[[], Q]] = {}


def public_choices(model: type, public_q: Callable[[], Q]) -> None:
    """public_q() -> the filter of `model` records anyone may see (and so pick), from AppConfig.ready()."""
    _public_choices[model] = public_q


def choices_for(user, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed to the records `user` may see: what a choice field may offer and accept."""
    model = queryset.model
    if not issubclass(model, Scoped):
        return queryset
    q = places_q(user)
    if model in _public_choices:
        q |= _public_choices[model]()
    allowed = queryset.filter(q)
    rule = _record_rules.get(model)
    if rule is not None and not access_for(user).superuser:
        # a rule is Python, not a filter: keep the records it allows (choice lists are short)
        allowed = queryset.filter(pk__in=[o.pk for o in allowed if can_view(user, o) or _is_public(o)])
    return allowed


def _is_public(obj) -> bool:
    public_q = _public_choices.get(type(obj))
    return public_q is not None and type(obj)._default_manager.filter(public_q(), pk=obj.pk).exists()


def limit_choices(form, user):
    """Narrow every model choice field of `form` to what `user` may see (`choices_for`). An id posted
    from outside gets the field's "not one of the available choices" error and nothing changes."""
    from django.forms import ModelChoiceField  # ModelMultipleChoiceField is a subclass

    for choice_field in form.fields.values():
        if isinstance(choice_field, ModelChoiceField) and choice_field.queryset is not None:
            choice_field.queryset = choices_for(user, choice_field.queryset)
    return form
