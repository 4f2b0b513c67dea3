"""/api/v1/indicators/ and /api/v1/observations/: the public statistics behind the lägesbild
(municipality, county and country). Counts below 5 are withheld exactly as on the public pages."""

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samverka.api.endpoints.base import call_service
from samverka.api.fields import Reference
from samverka.api.filters import StrictFilterSet
from samverka.core.models import Municipality
from samverka.core.smallnumbers import is_small
from samverka.indicators import importing
from samverka.indicators.models import Group, Indicator, Observation
from samverka.indicators.parsing import DataRow, ImportFileError


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


class ObservationFilter(StrictFilterSet):
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
        return queryset.filter(Q(place__municipality__county__slug=value) | Q(place__county__slug=value))


MAX_IMPORT_ROWS = 5000


class ObservationRowSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=40, help_text="The indicator's own id (its source id)")
    name = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, help_text="Names a new indicator"
    )
    unit = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    period = serializers.RegexField(r"^[0-9]{4}(-[TQ][1-4])?$", help_text="2024, 2024-T1 or 2024-Q2")
    group = serializers.ChoiceField(choices=Group.choices, default=Group.TOTAL)
    value = serializers.DecimalField(max_digits=18, decimal_places=6, allow_null=True)


class ObservationImportSerializer(serializers.Serializer):
    municipality = Reference(slug_field="slug", queryset=Municipality.objects.all())
    rows = serializers.ListField(child=ObservationRowSerializer(), min_length=1, max_length=MAX_IMPORT_ROWS)


class ImportResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    indicators_created = serializers.IntegerField()


def _import(*, user, municipality, rows):
    run = importing.import_run_create(
        user=user, municipality=municipality, file_name="api", file_format="table", data=None
    )
    data = [
        DataRow(
            indicator=r["indicator"],
            place=municipality.code,  # only the municipality's own values: never another place's
            period=r["period"],
            group=r["group"],
            value=r["value"],
            row=n,
            name=r["name"],
            unit=r["unit"],
        )
        for n, r in enumerate(rows, start=1)
    ]
    try:
        return importing.observations_import(
            data,
            run=run,
            source=importing.source_for("table"),
            scope=importing.write_scope_for(user, refuse=True),
        )
    except ImportFileError as exc:
        raise exceptions.ValidationError(
            {"rows": [f"{exc.row}: {exc.message}" if exc.row else exc.message]}
        ) from exc


class ObservationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Observations of the indicators by place, period and group (a list only: an observation is
    identified by indicator, place, period and group, never by a sequential id)."""

    public = True
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter

    @extend_schema(
        request=ObservationImportSerializer,
        responses={201: ImportResultSerializer},
        summary="Record the municipality's own observations (editors)",
    )
    @action(detail=False, methods=["post"], url_path="import", filterset_class=None, pagination_class=None)
    def import_rows(self, request):
        """Editors of a municipality record its own values of survey-type indicators (a new indicator id
        creates the indicator). All rows are saved in one transaction, or none."""
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated
        serializer = ObservationImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = call_service(
            _import,
            user=request.user,
            municipality=serializer.validated_data["municipality"],
            rows=serializer.validated_data["rows"],
        )
        data = {k: getattr(result, k) for k in ImportResultSerializer().fields}
        return Response(ImportResultSerializer(data).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        return Observation.objects.select_related("indicator", "place").order_by(
            "indicator_id", "place__code", "period", "group", "id"
        )


ROUTES = [("indicators", IndicatorViewSet, "indicator"), ("observations", ObservationViewSet, "observation")]
