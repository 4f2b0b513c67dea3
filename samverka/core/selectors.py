"""Queries that read the tenancy: places and the people in them."""

from django.db.models import Prefetch, QuerySet

from samverka.core.models import Collaboration, Membership, Municipality, Organisation


def organisations_of(place: Municipality | Collaboration) -> QuerySet[Organisation]:
    """The organisations of a place, by name: for a municipality those that work in it, for a
    collaboration those that take part in it. The same organisations give their members a role there
    (core.permissions), so they are the ones that may own, organise or answer for its records."""
    if isinstance(place, Municipality):
        return Organisation.objects.filter(municipalities=place).order_by("name")
    if isinstance(place, Collaboration):
        return Organisation.objects.filter(collaborations=place).order_by("name")
    raise TypeError(f"{place!r} is not a municipality or collaboration")


def organisations_with_members(place: Municipality | Collaboration) -> QuerySet[Organisation]:
    return (
        organisations_of(place)
        .select_related("parent")
        .prefetch_related(
            "municipalities",  # who may manage the members (core.services.can_manage_members)
            "collaborations",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by(
                    "user__first_name", "user__username"
                ),
            ),
        )
    )


def collaboration_detail() -> QuerySet[Collaboration]:
    return Collaboration.objects.prefetch_related(
        "municipalities",
        Prefetch(
            "organisations",
            queryset=Organisation.objects.prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.select_related("user"))
            ).order_by("kind", "name"),
        ),
    )
