"""The readiness app's part of the lägesbild: the latest completed assessment's result.

Staff versions (page and PDF) show the latest completed assessment of the lägesbild's owner that was
published or shared with the county board: every reader of the place sees a staff lägesbild, the county
board included, and the county board sees only what was shared with it (transcripts and individual scores
never appear). The public version shows only a published assessment.
"""

from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy

from samverka.readiness import selectors
from samverka.readiness.models import Assessment
from samverka.readiness.scoring import stage_name

TITLE = gettext_lazy("Readiness for change")


def latest_assessment(owner, public: bool):
    qs = Assessment.objects.filter(
        municipality=owner.municipality, collaboration=owner.collaboration, completed=True
    ).order_by("-created_at")
    qs = qs.filter(published=True) if public else qs.filter(Q(published=True) | Q(shared_with_county=True))
    return qs.first()


def report_context(report, public: bool) -> dict | None:
    assessment = latest_assessment(report, public)
    if assessment is None:
        return None
    result = selectors.final_result_of(assessment)  # a preliminary result never feeds the lägesbild
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
