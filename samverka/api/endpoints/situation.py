"""/api/v1/indicators/ and /api/v1/observations/: the public statistics behind the lägesbild
(municipality, county and country). Counts below 5 are withheld exactly as on the public pages."""

import django_filters
from rest_framework import mixins, serializers, viewsets

from samverka.situation.models import Indicator, Observation
from samverka.situation.privacy import is_small


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "source", "source_id", "name_sv", "name_en", "unit", "direction", "area", "is_count"]


class ObservationSerializer(serializers.ModelSerializer):
    indicator = serializers.UUIDField(source="indicator_id")
    place = serializers.CharField(source="place.code", help_text="Kolada id: 2506 (municipality), 0025, 0000")
    place_name = serializers.CharField(source="place.name")
    value = serializers.SerializerMethodField()
    suppressed = serializers.SerializerMethodField(help_text="A count below 5, withheld")

    class Meta:
        model = Observation
        fields = ["indicator", "place", "place_name", "period", "group", "value", "suppressed", "status"]

    def _small(self, obj) -> bool:
        return obj.indicator.is_count and is_small(obj.value)

    def get_value(self, obj) -> float | None:
        return None if obj.value is None or self._small(obj) else float(obj.value)

    def get_suppressed(self, obj) -> bool:
        return self._small(obj)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicators (Kolada KPIs, school survey measures and the municipality's own)."""

    public = True
    queryset = Indicator.objects.order_by("name_sv", "id")
    serializer_class = IndicatorSerializer
    filterset_fields = ["source", "area"]


class ObservationFilter(django_filters.FilterSet):
    indicator = django_filters.UUIDFilter(field_name="indicator_id")
    municipality = django_filters.CharFilter(
        field_name="place__municipality__slug", help_text="Municipality slug"
    )
    county = django_filters.CharFilter(
        method="filter_county", help_text="County slug: its municipalities and itself"
    )
    period = django_filters.CharFilter(help_text="e.g. 2024")

    class Meta:
        model = Observation
        fields = ["indicator", "municipality", "county", "period", "group"]

    def filter_county(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(place__municipality__county__slug=value) | Q(place__county__slug=value))


class ObservationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Observations of the indicators by place, period and group (a list only: an observation is
    identified by indicator, place, period and group, never by a sequential id)."""

    public = True
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter

    def get_queryset(self):
        return Observation.objects.select_related("indicator", "place").order_by(
            "indicator_id", "place__code", "period", "group", "id"
        )


ROUTES = [("indicators", IndicatorViewSet, "indicator"), ("observations", ObservationViewSet, "observation")]
