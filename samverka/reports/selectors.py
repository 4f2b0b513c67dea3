from django.db.models import QuerySet

from samverka.core import permissions
from samverka.core.models import Collaboration, County
from samverka.reports.models import MunicipalitySettings, YearlyFollowUp


def counties_for(user) -> QuerySet[County]:
    """The counties where the user may view at least one municipality."""
    ids = permissions.municipalities_for(user).values_list("county_id", flat=True)
    return County.objects.filter(pk__in=ids).order_by("code")


def has_coordinating_function(owner, period=None, today=None) -> bool:
    """Whether the municipality has named its coordinating function (law 2023:196): the function or the
    coordinator's role in its prevention settings. The settings hold a role or an organisation, never a
    person's name, and are not kept per period: they answer for every period. A collaboration has named
    it when every member municipality has."""
    if isinstance(owner, Collaboration):
        members = list(owner.municipalities.all())
        return bool(members) and all(has_coordinating_function(m) for m in members)
    found = MunicipalitySettings.objects.filter(municipality=owner).first()
    return bool(found and (found.coordinating_function.strip() or found.coordinator_title.strip()))


def published_follow_up_years(municipality) -> list[int]:
    """The years whose yearly follow-up the municipality has published (newest first): the public page
    at /p/<slug>/uppfoljning/<year>/ exists exactly for these."""
    return list(
        YearlyFollowUp.objects.filter(period__municipality=municipality, published=True)
        .order_by("-year")
        .values_list("year", flat=True)
    )
