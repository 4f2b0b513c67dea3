"""Reads that need thought: results computed from stored scores, and the scores a user may see."""

from django.db.models import Prefetch, Q

from samverka.core import permissions as core
from samverka.readiness import permissions as rules
from samverka.readiness import scoring
from samverka.readiness.models import Assessment, ConsensusScore, Interview, Score, ScoreSheet, TeamMember


def visible_q(user) -> Q:
    """The assessments `user` may view as staff: core.places_q, less what the municipality did not share
    with the county board (rules.county_board_may_see as a filter)."""
    q = core.places_q(user)
    municipalities, collaborations = core.county_board_places(user)
    if municipalities or collaborations:
        q &= ~(
            (Q(municipality__in=municipalities) | Q(collaboration__in=collaborations))
            & Q(shared_with_county=False)
            & ~Q(pk__in=TeamMember.objects.filter(user=user).values("assessment_id"))
        )
    return q


def assessments_visible_to(user):
    return Assessment.objects.filter(visible_q(user)).select_related("municipality", "collaboration")


def scorer_ids(assessment) -> set:
    return set(assessment.team.filter(role=TeamMember.Role.SCORER).values_list("user_id", flat=True))


def interviews_with_scores(assessment):
    return assessment.interviews.select_related("interviewer").prefetch_related(
        Prefetch("consensus", queryset=ConsensusScore.objects.order_by("dimension")),
        Prefetch("sheets", queryset=ScoreSheet.objects.select_related("scorer")),
    )


def unblinded_interview_ids(assessment) -> set:
    """Interviews every scorer of the assessment has submitted (two queries, whatever the size)."""
    scorers = scorer_ids(assessment)
    if len(scorers) < 2:
        return set()
    submitted: dict = {}
    for interview_id, scorer_id in ScoreSheet.objects.filter(
        interview__assessment=assessment, submitted_at__isnull=False
    ).values_list("interview_id", "scorer_id"):
        submitted.setdefault(interview_id, set()).add(scorer_id)
    return {i for i, s in submitted.items() if scorers <= s}


def visible_sheets(user, interview, unblinded: bool | None = None) -> list[ScoreSheet]:
    """The score sheets of `interview` that `user` may see, with their scores: the one gate for pages,
    exports and JSON alike."""
    if unblinded is None:
        unblinded = rules.all_submitted(interview)
    sheets = (
        ScoreSheet.objects.filter(interview=interview).select_related("scorer").prefetch_related("scores")
    )
    for sheet in sheets:
        sheet.interview = interview  # one interview for all, no query per sheet
    return [s for s in sheets if rules.can_see_sheet(user, s, unblinded=unblinded)]


def scoring_input(assessment) -> tuple[dict, dict, list[Interview]]:
    """(consensus, submitted scorer scores of unblinded interviews, interviews counted) for scoring.compute.

    Interviews count once held (they have a date) or once they have any consensus score.
    """
    interviews = list(
        assessment.interviews.filter(Q(held_on__isnull=False) | Q(consensus__isnull=False)).distinct()
    )
    labels = {i.pk: i.label for i in interviews}
    consensus = {
        (labels[c.interview_id], c.dimension): c.value
        for c in ConsensusScore.objects.filter(interview__in=interviews)
    }
    open_ids = unblinded_interview_ids(assessment)
    scorer_scores = {
        (str(s.sheet.scorer_id), labels[s.sheet.interview_id], s.dimension): s.value
        for s in Score.objects.filter(
            sheet__interview__in=[i for i in interviews if i.pk in open_ids],
            sheet__submitted_at__isnull=False,
            value__isnull=False,
        ).select_related("sheet")
    }
    return consensus, scorer_scores, interviews


def result_of(assessment) -> tuple[scoring.Result | None, str]:
    """The assessment's scores and stages, or (None, why not yet)."""
    consensus, scorer_scores, interviews = scoring_input(assessment)
    if not interviews:
        return None, "no interviews"
    # Interviews held but not yet agreed on are named, not silently left out.
    for interview in interviews:
        for key in assessment.dimension_keys:
            if (interview.label, key) not in consensus:
                return None, f"interview {interview.label} has no consensus score for {key}"
    try:
        return scoring.compute(assessment.model, consensus, scorer_scores, assessment.half_steps), ""
    except scoring.ScoringError as exc:
        return None, str(exc)


def same_issue(assessment):
    """Assessments of the same issue (same owner, same model, issue text alike) for change over time."""
    return Assessment.objects.filter(
        municipality=assessment.municipality,
        collaboration=assessment.collaboration,
        model=assessment.model,
        issue__iexact=assessment.issue.strip(),
        completed=True,
    ).order_by("created_at")


def county_results(county):
    return (
        Assessment.objects.filter(municipality__county=county, completed=True)
        .filter(Q(published=True) | Q(shared_with_county=True))
        .select_related("municipality")
        .order_by("municipality__name", "-created_at")
    )
