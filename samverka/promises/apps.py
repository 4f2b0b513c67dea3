from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "samverka.promises"
    label = "promises"
    verbose_name = _("Citizen promises and action plans")

    def ready(self):
        from samverka.core.history import history_page
        from samverka.promises.models import ActionPlan, Commitment, Promise

        history_page(Promise)
        history_page(ActionPlan)
        history_page(Commitment)

        from samverka.core.sections import Section, StartPanel, public_section, staff_section, start_panel
        from samverka.promises.selectors import due_panel

        staff_section(
            Section(
                key="promises",
                title=_("Citizen promises and action plans"),
                url_name="promises:overview",
                order=30,
                description=_("Commitments, follow-up, sign-off, verdicts and the process tracker."),
                nav_label=_("Promises and plans"),
            )
        )
        from samverka.core.sections import SearchSource, search_source
        from samverka.promises.selectors import search_commitments, search_promises

        search_source(
            SearchSource(key="promises", title=_("Promises and action plans"), find=search_promises, order=20)
        )
        search_source(
            SearchSource(
                key="commitments", title=_("Commitments and measures"), find=search_commitments, order=30
            )
        )
        staff_section(
            Section(
                key="promises_process",
                title=_("The joint process with the police"),
                url_name="promises:process",
                order=31,
                description=_("The five steps with their checklists, and what law 2023:196 asks."),
            )
        )
        public_section(
            Section(
                key="promises",
                title=_("Citizen promises"),
                url_name="public:promises_public:list",
                order=30,
                description=_(
                    "What the municipality and the police promise, and whether the promises are kept."
                ),
            )
        )
        start_panel(
            StartPanel(key="promises_due", template="promises/_due_panel.html", context=due_panel, order=20)
        )
