"""Filters shared by the API's list endpoints: by municipality and county (slugs), status and period.

Every list endpoint filters through `StrictFilterBackend` with a `StrictFilterSet`: a parameter whose
value is not valid (`published=abc`, `until=not-a-date`, an unknown status) is refused with a 400 naming
it, never ignored. django-filter already refuses a bad date or choice; its boolean filter would read
anything but true/false as "no filter", so booleans here accept exactly `true` and `false`.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from samverka.core.models import Collaboration, Municipality, Organisation


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value is None:
            return None
        if value in ("true", "True"):
            return True
        if value in ("false", "False"):
            return False
        raise forms.ValidationError(_("Write true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
        models.NullBooleanField: {"filter_class": StrictBooleanFilter},
    }

    def is_valid(self):
        """Also an empty date, choice, boolean or id (`changed_since=`) is refused: the schema does not
        allow it, and django-filter would read it as no filter. An empty text filter is still allowed."""
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if isinstance(declared, django_filters.CharFilter) or name not in self.data:
                continue
            if "" in self.data.getlist(name) and name not in self.form.errors:
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid


class StrictFilterBackend(DjangoFilterBackend):
    """The filter backend of every list (settings.REST_FRAMEWORK): also the FilterSets it builds from a
    view's `filterset_fields` are strict."""

    filterset_base = StrictFilterSet


class MunicipalityFilter(StrictFilterSet):
    county = django_filters.CharFilter(field_name="county__slug", help_text="County slug, e.g. norrbotten")

    class Meta:
        model = Municipality
        fields = ["county"]


class OrganisationFilter(StrictFilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipalities__slug", help_text="Municipality slug", distinct=True
    )
    county = django_filters.CharFilter(
        field_name="municipalities__county__slug", help_text="County slug", distinct=True
    )

    class Meta:
        model = Organisation
        fields = ["municipality", "county", "kind"]


class CollaborationFilter(StrictFilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipalities__slug", help_text="Municipality slug", distinct=True
    )
    county = django_filters.CharFilter(
        field_name="municipalities__county__slug", help_text="County slug", distinct=True
    )

    class Meta:
        model = Collaboration
        fields = ["municipality", "county"]


class ScopedFilter(StrictFilterSet):
    """For Scoped records: `municipality` and `county` match records of a collaboration too when one of
    its municipalities matches."""

    municipality = django_filters.CharFilter(method="filter_municipality", help_text="Municipality slug")
    county = django_filters.CharFilter(method="filter_county", help_text="County slug")

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(
            Q(municipality__slug=value) | Q(collaboration__municipalities__slug=value)
        ).distinct()

    def filter_county(self, queryset, name, value):
        return queryset.filter(
            Q(municipality__county__slug=value) | Q(collaboration__municipalities__county__slug=value)
        ).distinct()
