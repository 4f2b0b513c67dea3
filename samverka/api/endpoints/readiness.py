"""/api/v1/readiness/: Community Readiness results. Anyone reads published, completed assessments and
their results; staff of the place see the plan and, once completed, the results (readiness.permissions);
score sheets go through readiness.selectors.visible_sheets, the one gate that keeps scoring blind.
Transcripts are never served by the API."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from samverka.api.filters import ScopedFilter
from samverka.readiness import permissions as rules
from samverka.readiness import selectors
from samverka.readiness.models import Assessment, Interview
from samverka.readiness.scoring import MODEL_NAMES


class DimensionSerializer(serializers.Serializer):
    score = serializers.FloatField()
    stage = serializers.IntegerField()


class ResultSerializer(serializers.Serializer):
    interviews = serializers.IntegerField()
    preliminary = serializers.BooleanField(
        help_text="True until every planned interview, and at least the minimum, has consensus: a "
        "preliminary result is shown only to the assessment's team and is never published."
    )
    interviews_scored = serializers.IntegerField(help_text="Interviews with consensus on every dimension.")
    interviews_planned = serializers.IntegerField(help_text="Interviews planned or held (not cancelled).")
    model_name = serializers.CharField(help_text="The configuration of dimensions (six or five).")
    stage = serializers.IntegerField(help_text="The overall stage, 1–9 (the score rounded down).")
    score = serializers.FloatField()
    dimensions = serializers.DictField(child=DimensionSerializer())


class AssessmentSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    collaboration = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    result = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "municipality",
            "collaboration",
            "issue",
            "substance_area",
            "model",
            "completed",
            "published",
            "summary",
            "created_at",
            "result",
        ]

    @extend_schema_field(ResultSerializer(allow_null=True))
    def get_result(self, obj):
        # A list computes the results of its whole page at once (AssessmentViewSet.list).
        results = self.context.get("results")
        if results is None:
            request = self.context.get("request")
            user = getattr(request, "user", None) or AnonymousUser()
            results = selectors.results_visible_to(user, [obj], published=True)
        result = results.get(obj.pk)
        if result is None:
            return None
        return {
            "interviews": result.interviews,
            "preliminary": result.preliminary,
            "interviews_scored": result.interviews,
            "interviews_planned": result.interviews_planned,
            "model_name": str(MODEL_NAMES[result.model]),
            "stage": result.overall.stage,
            "score": float(result.overall.shown),
            "dimensions": {
                k: {"score": float(d.shown), "stage": d.stage} for k, d in result.dimensions.items()
            },
        }


class ScoreSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    value = serializers.FloatField(allow_null=True)


class SheetSerializer(serializers.Serializer):
    scorer = serializers.CharField(help_text="The scorer's user name")
    submitted = serializers.BooleanField()
    scores = ScoreSerializer(many=True)


MAX_INTERVIEW_NUMBER = 999_999_999  # what the URL's nine digits allow; fits every database's integer


class AssessmentFilter(ScopedFilter):
    class Meta:
        model = Assessment
        fields = ["municipality", "county", "completed", "substance_area"]


def published_assessments(municipality):
    """The municipality's published, completed assessments, for the open-data files."""
    return (
        Assessment.objects.filter(municipality=municipality, published=True, completed=True)
        .select_related("municipality", "collaboration")
        .order_by("-created_at", "id")
    )


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Readiness assessments: published results for anyone; plans and results for staff of the place."""

    public = True
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def list(self, request, *args, **kwargs):
        """The page's results in a fixed number of queries, not a handful per assessment."""
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(queryset) if page is None else page
        results = selectors.results_visible_to(request.user, items, published=True)
        serializer = self.get_serializer(
            items, many=True, context={**self.get_serializer_context(), "results": results}
        )
        return Response(serializer.data) if page is None else self.get_paginated_response(serializer.data)

    def get_queryset(self):
        q = Q(published=True, completed=True)
        if self.request.user.is_authenticated:
            q |= selectors.visible_q(self.request.user)
        return (
            Assessment.objects.filter(q)
            .select_related("municipality", "collaboration")
            .order_by("-created_at", "id")
        )

    @extend_schema(
        responses=SheetSerializer(many=True),
        summary="Score sheets of one interview you may see",
        parameters=[
            OpenApiParameter(
                "number",
                {"type": "integer", "minimum": 0, "maximum": MAX_INTERVIEW_NUMBER},
                OpenApiParameter.PATH,
                description="The interview's number",
            )
        ],
    )
    @action(
        detail=True,
        url_path=r"interviews/(?P<number>[0-9]{1,9})/sheets",  # anything else: 404, never a bad query
        filterset_class=None,
        pagination_class=None,
    )
    def sheets(self, request, pk=None, number=None):
        """The score sheets of interview `number` that you may see: a scorer sees only their own until
        every scorer has submitted; only the assessment's team sees any."""
        assessment = self.get_object()
        interview = (
            Interview.objects.filter(assessment=assessment, number=number)
            .select_related("assessment")
            .first()
        )
        if interview is None or not rules.is_team_member(request.user, assessment):
            raise NotFound
        sheets = selectors.visible_sheets(request.user, interview)
        data = [
            {
                "scorer": s.scorer.username,
                "submitted": s.submitted_at is not None,
                "scores": [
                    {"dimension": sc.dimension, "value": None if sc.value is None else float(sc.value)}
                    for sc in s.scores.all()
                ],
            }
            for s in sheets
        ]
        return Response(SheetSerializer(data, many=True).data)


ROUTES = [("readiness", AssessmentViewSet, "readiness")]
