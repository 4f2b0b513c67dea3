from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "samverka.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from samverka.core.sections import Section, staff_section
        from samverka.reports.columns import register_all

        register_all()
        staff_section(
            Section(
                key="reports",
                title=_("Reports and county survey"),
                url_name="reports:municipality",
                order=80,
                description=_("The county board's yearly survey, pre-filled, and the facts it needs."),
            )
        )
