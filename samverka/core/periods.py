"""Work periods (arbetsperioder): the spans of years a place's records belong to.

Creating a period checks that it does not overlap another period of the same place: every record dated in
a year belongs to at most one period, so "the period of 2026" always has one answer.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.core.models import Period, owner_fields

FIRST_YEAR, LAST_YEAR = 2000, 2100


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do the year spans (first, last) share at least one year?"""
    return a[0] <= b[1] and b[0] <= a[1]


def merge_spans(spans) -> list[tuple[int, int]]:
    """Year spans joined where they share a year: the periods that existing records imply, without overlap."""
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(a, b) for a, b in merged]


def periods_of(owner):
    return Period.objects.filter(**owner_fields(owner)).order_by("first_year")


def period_at(owner, day: datetime.date) -> Period | None:
    """The owner's period that holds `day`, if any."""
    return periods_of(owner).filter(first_year__lte=day.year, last_year__gte=day.year).first()


def check_free(owner, first_year: int, last_year: int, *, exclude=None) -> None:
    """Raise a ValidationError (in the user's language) unless the years are valid and free for the owner."""
    if not (FIRST_YEAR <= first_year <= LAST_YEAR and FIRST_YEAR <= last_year <= LAST_YEAR):
        raise ValidationError(
            _("A period lies between the years %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if last_year < first_year:
        raise ValidationError(_("The last year of a period is before its first year."))
    others = periods_of(owner).select_for_update()
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for other in others:
        if overlaps((first_year, last_year), (other.first_year, other.last_year)):
            raise ValidationError(
                _("%(owner)s already has the period %(other)s, which overlaps %(first)s–%(last)s.")
                % {"owner": owner, "other": other.label, "first": first_year, "last": last_year}
            )


@transaction.atomic
def period_create(owner, first_year: int, last_year: int) -> Period:
    """A new period for the owner; the caller has checked the user's permission."""
    check_free(owner, first_year, last_year)
    return Period.objects.create(**owner_fields(owner), first_year=first_year, last_year=last_year)
