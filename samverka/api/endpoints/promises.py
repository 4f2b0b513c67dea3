"""/api/v1/promises/ and /api/v1/follow-ups/: citizen promises with their commitments, computed statuses
and verdicts, and the follow-ups recorded against them. Anyone reads active and concluded promises;
staff of the place read drafts too (core.permissions); editors record follow-ups through the app's service."""

import django_filters
from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from samverka.api.endpoints.base import call_service
from samverka.api.fields import WebAddress
from samverka.api.filters import ScopedFilter
from samverka.api.serializers import PeopleCountField, SuppressedField
from samverka.core import permissions as core
from samverka.core.permissions import Action
from samverka.promises import services
from samverka.promises.models import Commitment, FollowUp, PlanState, Promise, PromiseState
from samverka.promises.selectors import PUBLIC_STATES


class VerdictSerializer(serializers.Serializer):
    value = serializers.CharField()
    explanation = serializers.CharField()


class CommitmentSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(help_text="Computed from the target and the follow-ups.")
    target = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    responsible = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    follow_ups = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = ["id", "text", "responsible", "target", "status", "verdict", "follow_ups"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status(self, obj):
        progress = obj.progress(follow_ups=list(obj.follow_ups.all()))
        return None if progress is None else str(progress.status.value)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_target(self, obj):
        target = getattr(obj, "target", None)
        return None if target is None else target.describe()

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, obj):
        verdict = getattr(obj, "verdict", None)
        return None if verdict is None else {"value": verdict.value, "explanation": verdict.explanation}

    @extend_schema_field(serializers.IntegerField())
    def get_follow_ups(self, obj):
        return len(obj.follow_ups.all())


class PromiseSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    collaboration = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    police_area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Promise
        fields = [
            "id",
            "municipality",
            "collaboration",
            "title",
            "police_area",
            "start",
            "end",
            "state",
            "background",
            "commitments",
        ]


class PromiseFilter(ScopedFilter):
    state = django_filters.ChoiceFilter(choices=PromiseState.choices, help_text="Status of the promise")
    active_on = django_filters.DateFilter(
        method="filter_active_on", help_text="Period: in force on this date"
    )
    year = django_filters.NumberFilter(method="filter_year", help_text="Period: in force some time this year")

    class Meta:
        model = Promise
        fields = ["municipality", "county", "state", "active_on", "year"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(start__lte=value, end__gte=value)

    def filter_year(self, queryset, name, value):
        if not 1900 <= value <= 2200:
            return queryset.none()
        return queryset.filter(start__year__lte=value, end__year__gte=value)


def _commitments():
    return Prefetch(
        "commitments",
        queryset=Commitment.objects.select_related("target", "verdict")
        .prefetch_related("follow_ups", "responsible")
        .order_by("order", "text"),
    )


def public_promises(municipality):
    """The municipality's own active and concluded promises, for the open-data files."""
    return (
        Promise.objects.filter(municipality=municipality, state__in=PUBLIC_STATES)
        .select_related("municipality", "collaboration", "police_area")
        .prefetch_related(_commitments())
        .order_by("-start", "title", "id")
    )


class PromiseViewSet(viewsets.ReadOnlyModelViewSet):
    """Citizen promises (medborgarlöften) with commitments, statuses and verdicts."""

    public = True
    serializer_class = PromiseSerializer
    filterset_class = PromiseFilter

    def get_queryset(self):
        q = Q(state__in=PUBLIC_STATES)
        if self.request.user.is_authenticated:
            q |= core.places_q(self.request.user)
        return (
            Promise.objects.filter(q)
            .select_related("municipality", "collaboration", "police_area")
            .prefetch_related(_commitments())
            .order_by("-start", "title", "id")
        )


class FollowUpSerializer(serializers.ModelSerializer):
    commitment = serializers.UUIDField(source="commitment_id")
    promise = serializers.UUIDField(source="commitment.promise_id", read_only=True, allow_null=True)
    reported_for = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    evidence_url = WebAddress(max_length=200, required=False, allow_blank=True)
    participants = PeopleCountField(help_text="Participants; null when fewer than 5")
    participants_suppressed = SuppressedField("participants")

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "commitment",
            "promise",
            "date",
            "description",
            "amount",
            "participants",
            "participants_suppressed",
            "evidence_url",
            "reported_for",
        ]
        read_only_fields = ["id"]


class FollowUpFilter(ScopedFilter):
    promise = django_filters.UUIDFilter(field_name="commitment__promise")
    since = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text="Period: from this date"
    )
    until = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", help_text="Period: up to this date"
    )

    class Meta:
        model = FollowUp
        fields = ["municipality", "county", "promise", "since", "until"]


class FollowUpViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Follow-ups: what was done for a commitment. Editors record them (POST)."""

    public = True
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter

    def get_queryset(self):
        q = Q(commitment__promise__state__in=PUBLIC_STATES) | Q(
            commitment__plan__published=True,
            commitment__plan__state__in=[PlanState.ADOPTED, PlanState.CONCLUDED],
        )
        if self.request.user.is_authenticated:
            q |= core.places_q(self.request.user)
        return (
            FollowUp.objects.filter(q)
            .select_related("commitment", "reported_for")
            .order_by("-date", "-reported_at", "id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        commitment = core.get_for_user(
            self.request.user, Commitment.objects.all(), Action.EDIT, pk=data.pop("commitment_id")
        )
        serializer.instance = call_service(
            services.follow_up_create, user=self.request.user, commitment=commitment, **data
        )


ROUTES = [("promises", PromiseViewSet, "promise"), ("follow-ups", FollowUpViewSet, "follow-up")]
