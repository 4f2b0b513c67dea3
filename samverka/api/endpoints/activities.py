"""/api/v1/activities/: the activity catalogue. Anyone reads published activities; members read their
places' internal ones too (core.permissions); editors create and change them through the app's services."""

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from samverka.activities import selectors, services
from samverka.activities.models import Activity, Factor, SubstanceArea, TargetGroup
from samverka.api.endpoints.base import call_service, visible_q
from samverka.api.fields import Reference
from samverka.api.filters import ScopedFilter, StrictBooleanFilter
from samverka.api.serializers import PeopleCountField, SuppressedField
from samverka.core.models import Collaboration, Municipality, Organisation

RELATIONS = {
    "substance_areas": (SubstanceArea, "code"),
    "target_groups": (TargetGroup, "code"),
    "factors": (Factor, "code"),
    "organisations": (Organisation, "slug"),
}
FIELDS = [
    "title",
    "summary",
    "description",
    "arena",
    "prevention_level",
    "status",
    "status_reason",
    "status_since",
    "evidence_basis",
    "evidence_registry",
    "evidence_rating",
    "age_min",
    "age_max",
    "frequency",
    "reach_per_year",
    "contact_email",
    "published",
    "last_reviewed",
]


class ActivitySerializer(serializers.ModelSerializer):
    municipality = Reference(
        slug_field="slug", queryset=Municipality.objects.all(), required=False, allow_null=True
    )
    collaboration = Reference(
        slug_field="slug", queryset=Collaboration.objects.all(), required=False, allow_null=True
    )
    substance_areas = Reference(
        slug_field="code", many=True, queryset=SubstanceArea.objects.all(), required=False
    )
    target_groups = Reference(
        slug_field="code", many=True, queryset=TargetGroup.objects.all(), required=False
    )
    factors = Reference(slug_field="code", many=True, queryset=Factor.objects.all(), required=False)
    organisations = Reference(
        slug_field="slug", many=True, queryset=Organisation.objects.all(), required=False
    )
    contact_organisation = Reference(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    reach_per_year = PeopleCountField(help_text="Participants per year; null when fewer than 5")
    reach_per_year_suppressed = SuppressedField("reach_per_year")
    is_evidence_based = serializers.BooleanField(read_only=True)
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="On a change: the version you read; a newer one gives 409."
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "municipality",
            "collaboration",
            *FIELDS,
            "reach_per_year_suppressed",
            *RELATIONS,
            "contact_organisation",
            "is_evidence_based",
            "version",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def validate(self, attrs):
        if self.instance is None:
            if bool(attrs.get("municipality")) == bool(attrs.get("collaboration")):
                raise serializers.ValidationError(
                    {
                        "municipality": "Give either the municipality or the collaboration the activity belongs to."
                    }
                )
        else:
            for name in ("municipality", "collaboration"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: "An activity cannot move to another owner."})
        return attrs


class ActivityFilter(ScopedFilter):
    status = django_filters.ChoiceFilter(choices=Activity._meta.get_field("status").choices)
    arena = django_filters.ChoiceFilter(choices=Activity._meta.get_field("arena").choices)
    changed_since = django_filters.DateFilter(
        field_name="updated_at", lookup_expr="date__gte", help_text="Period: changed on or after this date"
    )
    published = StrictBooleanFilter()

    class Meta:
        model = Activity
        fields = ["municipality", "county", "status", "arena", "changed_since", "published"]


@extend_schema_view(
    create=extend_schema(responses={201: ActivitySerializer}),
    partial_update=extend_schema(
        responses={200: ActivitySerializer, 409: OpenApiResponse(description="Edit conflict")}
    ),
)
class ActivityViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Activities: published ones for anyone, internal ones for members of their municipality."""

    public = True
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.with_relations(Activity.objects.filter(visible_q(self.request.user))).order_by(
            "title", "id"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        owner = data.pop("municipality", None) or data.pop("collaboration", None)
        data.pop("municipality", None)
        data.pop("collaboration", None)
        data.pop("version", None)
        serializer.instance = call_service(
            services.activity_create, user=self.request.user, owner=owner, values=data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("municipality", None)
        data.pop("collaboration", None)
        version = data.pop("version", serializer.instance.version)
        serializer.instance = call_service(
            services.activity_update,
            user=self.request.user,
            activity=serializer.instance,
            values=data,
            expected_version=version,
        )


ROUTES = [("activities", ActivityViewSet, "activity")]
