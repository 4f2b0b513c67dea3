"""Queries that read the tenancy: places and the people in them."""

from django.db.models import Prefetch, QuerySet

from samverka.core.models import Collaboration, Membership, Municipality, Organisation


def organisations_in(municipality: Municipality) -> QuerySet[Organisation]:
    return (
        municipality.organisations.select_related("parent")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by(
                    "user__first_name", "user__username"
                ),
            )
        )
        .order_by("name")
    )


def collaboration_detail(slug: str) -> QuerySet[Collaboration]:
    return Collaboration.objects.filter(slug=slug).prefetch_related(
        "municipalities",
        Prefetch(
            "organisations",
            queryset=Organisation.objects.prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.select_related("user"))
            ).order_by("kind", "name"),
        ),
    )
