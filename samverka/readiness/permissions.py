"""Who may see and do what in an assessment: the team rules, built only on core.permissions.

core.permissions decides the place: a user must be able to view the assessment's municipality (or
collaboration) before any rule here applies, and a user who leaves the municipality's organisations loses
the team rights too. On top of that:

- the team (TeamMember rows) is the only group that sees transcripts and individual scores; other staff
  of the municipality and the county board see the plan and, once completed, the results; superusers are
  no exception (they are not on the team);
- a scorer sees only their own scores of an interview until every scorer of the assessment has submitted
  that interview; after that the whole team sees all submitted sheets side by side; a sheet never
  submitted (a draft) stays its scorer's alone, even after its scorer leaves the team;
- the assessment's coordinators (team role) and the place's coordinators (core PUBLISH) manage the
  assessment: plan, team, guide, interviews, consensus, import, publishing;
- the county board (a reader in every municipality of its county) sees an assessment only when the
  municipality shared it with the county board (`shared_with_county`), unless it is on the team; without
  that it sees only what the public sees. `county_board_may_see` is registered as a core record rule, so
  core.can/get_for_user apply it to assessments and their parts everywhere.
"""

from samverka.core import permissions as core
from samverka.core.permissions import Action
from samverka.readiness.models import ScoreSheet, TeamMember


def county_board_may_see(user, assessment) -> bool:
    """False when `user` reaches the assessment's place only as the county board and it was not shared."""
    if assessment.shared_with_county or not core.only_as_county_board(user, assessment):
        return True
    return assessment.team.filter(user=user).exists()


def register_record_rules() -> None:
    """Called from ReadinessConfig.ready(): the county board rule for the assessment and its parts."""
    from samverka.readiness.models import Assessment, ConsensusScore, GuideQuestion, Interview, TeamMember

    core.record_rule(Assessment, county_board_may_see)
    core.record_rule(Interview, lambda user, obj: county_board_may_see(user, obj.assessment))
    core.record_rule(GuideQuestion, lambda user, obj: county_board_may_see(user, obj.assessment))
    core.record_rule(TeamMember, lambda user, obj: county_board_may_see(user, obj.assessment))
    core.record_rule(ConsensusScore, lambda user, obj: county_board_may_see(user, obj.interview.assessment))


def team_roles(user, assessment) -> set[str]:
    if not user.is_authenticated or not core.can_view(user, assessment):
        return set()
    return set(assessment.team.filter(user=user).values_list("role", flat=True))


def is_team_member(user, assessment) -> bool:
    return bool(team_roles(user, assessment))


def can_see_transcripts(user, assessment) -> bool:
    return is_team_member(user, assessment)


def can_manage(user, assessment) -> bool:
    if "coordinator" in team_roles(user, assessment):
        return True
    return core.can(user, Action.PUBLISH, assessment)


def can_edit_interviews(user, assessment) -> bool:
    """Interviews carry transcripts: only the team's coordinators and interviewers edit them."""
    roles = team_roles(user, assessment)
    return "coordinator" in roles or "interviewer" in roles


def can_score(user, assessment) -> bool:
    return "scorer" in team_roles(user, assessment)


def can_record_consensus(user, assessment) -> bool:
    roles = team_roles(user, assessment)
    return "scorer" in roles or "coordinator" in roles


def all_submitted(interview, scorer_ids: set | None = None) -> bool:
    """Has every scorer of the assessment submitted this interview? (At least two scorers needed.)"""
    if scorer_ids is None:
        scorer_ids = set(
            TeamMember.objects.filter(
                assessment_id=interview.assessment_id, role=TeamMember.Role.SCORER
            ).values_list("user_id", flat=True)
        )
    if len(scorer_ids) < 2:
        return False
    submitted = set(
        ScoreSheet.objects.filter(interview=interview, submitted_at__isnull=False).values_list(
            "scorer_id", flat=True
        )
    )
    return scorer_ids <= submitted


def can_see_scores_of(user, interview, scorer_id, *, unblinded: bool | None = None) -> bool:
    """May `user` see the scores `scorer_id` gave this interview?"""
    assessment = interview.assessment
    if not is_team_member(user, assessment):
        return False
    if scorer_id == user.pk and can_score(user, assessment):
        return True
    if unblinded is None:
        unblinded = all_submitted(interview)
    return unblinded


def can_see_sheet(user, sheet, *, unblinded: bool | None = None) -> bool:
    """May `user` see this score sheet? An unsubmitted sheet (a draft) is its scorer's alone, whatever
    happens to the team: a scorer who leaves with a draft never has it unblinded when the others submit."""
    if sheet.submitted_at is None and sheet.scorer_id != user.pk:
        return False
    return can_see_scores_of(user, sheet.interview, sheet.scorer_id, unblinded=unblinded)


def can_view_results(user, assessment) -> bool:
    """Results (consensus-based numbers): the team always; other staff of the place once completed."""
    if is_team_member(user, assessment):
        return True
    return assessment.completed and core.can_view(user, assessment)
