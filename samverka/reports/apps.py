from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "samverka.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from samverka.core.sections import Section, StartPanel, staff_section, start_panel
        from samverka.promises import process
        from samverka.reports import jobs  # noqa: F401 - registers the county report job
        from samverka.reports.selectors import has_coordinating_function

        process.data_check("coordinating_function", has_coordinating_function)

        def county_panel(request):
            from samverka.reports.selectors import counties_for

            counties = list(counties_for(request.user))
            return {"counties": counties} if counties else None

        start_panel(
            StartPanel(
                key="county-overview", template="reports/_start_panel.html", context=county_panel, order=20
            )
        )
        staff_section(
            Section(
                key="reports",
                title=_("Reports and county survey"),
                url_name="reports:municipality",
                order=80,
                description=_("The county board's yearly survey, pre-filled, and the facts it needs."),
                nav_label=_("Reports"),
            )
        )
        staff_section(
            Section(
                key="periods",
                title=_("Work periods and yearly follow-up"),
                url_name="reports:periods",
                order=15,
                description=_(
                    "The cycle from one lägesbild to the next: what was decided, done and learnt each year."
                ),
            )
        )
