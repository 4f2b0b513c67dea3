"""The readiness app's part of the lägesbild: the latest completed assessment's result.

Staff versions (page and PDF) show the latest completed assessment of the lägesbild's owner: completed
results are what `readiness.permissions.can_view_results` lets every viewer of the place see (transcripts
and individual scores never appear). The public version shows only a published assessment.
"""

from django.utils.translation import get_language, gettext_lazy

from samverka.readiness import selectors
from samverka.readiness.models import Assessment
from samverka.readiness.scoring import stage_name

TITLE = gettext_lazy("Readiness for change")


def latest_assessment(owner, public: bool):
    qs = Assessment.objects.filter(
        municipality=owner.municipality, collaboration=owner.collaboration, completed=True
    ).order_by("-created_at")
    if public:
        qs = qs.filter(published=True)
    return qs.first()


def report_context(report, public: bool) -> dict | None:
    assessment = latest_assessment(report, public)
    if assessment is None:
        return None
    result, _why = selectors.result_of(assessment)
    if result is None:
        return None
    language = get_language() or "sv"
    return {
        "assessment": assessment,
        "public": public,
        "overall": {
            "score": result.overall.shown,
            "stage": result.overall.stage,
            "stage_name": stage_name(result.overall.stage, language),
        },
        "interviews": result.interviews,
    }
