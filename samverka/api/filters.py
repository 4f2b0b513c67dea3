"""Filters shared by the API's list endpoints: by municipality and county (slugs), status and period."""

import django_filters
from django.db.models import Q

from samverka.core.models import Collaboration, Municipality, Organisation


class MunicipalityFilter(django_filters.FilterSet):
    county = django_filters.CharFilter(field_name="county__slug", help_text="County slug, e.g. norrbotten")

    class Meta:
        model = Municipality
        fields = ["county"]


class OrganisationFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipalities__slug", help_text="Municipality slug", distinct=True
    )
    county = django_filters.CharFilter(
        field_name="municipalities__county__slug", help_text="County slug", distinct=True
    )

    class Meta:
        model = Organisation
        fields = ["municipality", "county", "kind"]


class CollaborationFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipalities__slug", help_text="Municipality slug", distinct=True
    )
    county = django_filters.CharFilter(
        field_name="municipalities__county__slug", help_text="County slug", distinct=True
    )

    class Meta:
        model = Collaboration
        fields = ["municipality", "county"]


class ScopedFilter(django_filters.FilterSet):
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
