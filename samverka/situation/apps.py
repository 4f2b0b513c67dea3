from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "samverka.situation"
    label = "situation"
    verbose_name = _("Situational picture")

    def ready(self):
        from samverka.core.history import history_page
        from samverka.situation.models import SituationReport

        history_page(SituationReport)

        from django.db.models import Q

        from samverka.core.permissions import public_choices

        # an adopted lägesbild is public, so a partner's form may offer it; a draft only to its own place
        public_choices(SituationReport, lambda: Q(status=SituationReport.Status.ADOPTED))

        from samverka.activities.selectors import gap_mark_source
        from samverka.core.sections import Section, public_section, staff_section
        from samverka.promises import process
        from samverka.situation.selectors import (
            cause_analysis_written,
            gap_marks,
            has_adopted_report,
            problems_prioritised,
        )

        gap_mark_source(gap_marks)  # the plan's gap view marks the prioritised problems

        process.data_check("situation_report", has_adopted_report)
        process.data_check("problems_prioritised", problems_prioritised)
        process.data_check("cause_analysis", cause_analysis_written)

        staff_section(
            Section(
                key="situation",
                title=_("Lägesbild"),
                url_name="situation:overview",
                order=40,
                description=_("Indicators, partner notes, prioritised problems and the lägesbild document."),
                nav_label=_("Lägesbild"),
            )
        )
        from samverka.core.sections import SearchSource, search_source
        from samverka.situation.selectors import search_problems

        search_source(SearchSource(key="problems", title=_("Problems"), find=search_problems, order=50))
        from samverka.core.sections import Shortcut, shortcut

        shortcut(
            Shortcut(
                key="indicator_import",
                title=_("Import indicator values"),
                url_name="situation:import",
                order=20,
            )
        )
        public_section(
            Section(
                key="situation",
                title=_("Lägesbild"),
                url_name="public:situation_public:latest",
                order=40,
                description=_("The adopted picture of alcohol, drugs and crime in the municipality."),
            )
        )
