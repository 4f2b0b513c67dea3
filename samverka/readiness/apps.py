from django.apps import AppConfig
from django.db.models import Count
from django.utils.translation import gettext_lazy as _


def _start_panel_context(request):
    """The assessments the user is on the team of, with what waits for them."""
    from samverka.readiness.models import TeamMember

    memberships = (
        TeamMember.objects.filter(user=request.user, assessment__completed=False)
        .select_related("assessment__municipality", "assessment__collaboration")
        .order_by("assessment__created_at")
    )
    assessments = {}
    for m in memberships:
        assessments.setdefault(m.assessment_id, {"assessment": m.assessment, "roles": []})["roles"].append(
            m.get_role_display()
        )
    # Whoever may view every municipality of a county (the county board) gets the county overview.
    from samverka.core.models import County
    from samverka.core.permissions import municipalities_for

    visible: dict = {}
    for municipality in municipalities_for(request.user):
        visible[municipality.county_id] = visible.get(municipality.county_id, 0) + 1
    counties = [
        c
        for c in County.objects.filter(pk__in=visible).annotate(size=Count("municipalities"))
        if visible[c.pk] >= c.size > 1
    ]
    if not assessments and not counties:
        return None
    return {"assessments": list(assessments.values()), "counties": counties}


class ReadinessConfig(AppConfig):
    name = "samverka.readiness"
    label = "readiness"
    verbose_name = _("Community readiness")

    def ready(self):
        from samverka.core.history import history_page
        from samverka.readiness import permissions as readiness_permissions
        from samverka.readiness.models import Assessment, ConsensusScore

        # Readiness answers with its own rules: the assessment to those who manage it, consensus
        # scores only to the assessment's team (not to the place's other coordinators).
        history_page(Assessment, visible=readiness_permissions.can_manage)
        history_page(
            ConsensusScore,
            visible=lambda user, score: readiness_permissions.is_team_member(
                user, score.interview.assessment
            ),
            lookup="uuid",
        )

        from samverka.core.sections import Section, StartPanel, public_section, staff_section, start_panel
        from samverka.readiness.permissions import register_record_rules

        register_record_rules()

        staff_section(
            Section(
                key="readiness",
                title=_("Readiness assessments"),
                url_name="readiness:list",
                order=30,
                nav_label=_("Readiness"),
                description=_("Community Readiness: interviews, blind scoring, stage and strategies."),
            )
        )
        public_section(
            Section(
                key="readiness",
                title=_("Readiness for change"),
                url_name="public:readiness_public:list",
                order=30,
                description=_(
                    "How ready the municipality is to act, measured with the Community Readiness Model."
                ),
            )
        )
        start_panel(
            StartPanel(key="readiness", template="readiness/_start_panel.html", context=_start_panel_context)
        )
