"""What the readiness pages share: the language, the scoped fetches, the team gates, the results."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language

from samverka.core import permissions as core
from samverka.core.permissions import Action
from samverka.readiness import charts, scoring, selectors, texts
from samverka.readiness import permissions as rules
from samverka.readiness.models import Assessment, Interview
from samverka.readiness.scoring import dimension_name, stage_name


def lang():
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def assessment_for(request, pk, action=Action.VIEW):
    qs = Assessment.objects.select_related("municipality__county", "collaboration")
    return core.get_for_user(request.user, qs, action, pk=pk)


def interview_for(request, pk):
    qs = Interview.objects.select_related(
        "assessment__municipality", "assessment__collaboration", "interviewer"
    )
    return core.get_for_user(request.user, qs, Action.VIEW, pk=pk)


def require_team(request, assessment):
    if not rules.is_team_member(request.user, assessment):
        raise PermissionDenied


def require_manage(request, assessment):
    if not rules.can_manage(request.user, assessment):
        raise PermissionDenied


def require_results(request, assessment):
    if not rules.can_view_results(request.user, assessment):
        raise PermissionDenied


def results_context(assessment, result, language, public=False):
    """What the results page, the public page, the import preview and the PDF all show."""
    if result is None:
        return {"result": None, "coverage": selectors.coverage_of(assessment, None)}
    rows = [
        {
            "key": key,
            "name": dimension_name(key, assessment.model, language),
            "score": d.shown,
            "stage": d.stage,
            "stage_name": stage_name(d.stage, language),
            "lowest": key in result.lowest,
        }
        for key, d in result.dimensions.items()
    ]
    overall = result.overall
    return {
        "result": result,
        "rows": rows,
        "overall": {
            "score": overall.shown,
            "stage": overall.stage,
            "stage_name": stage_name(overall.stage, language),
        },
        "strategies": texts.strategies_for(result, language),
        "chart": charts.dimensions_chart(assessment, result, language),
        "activities": selectors.activities_for(assessment, result, public=public),
        "public": public,
        "coverage": selectors.coverage_of(assessment, result),
        "model_name": scoring.in_language(scoring.MODEL_NAMES[result.model], language),
    }
