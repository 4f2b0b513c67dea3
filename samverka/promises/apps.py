from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "samverka.promises"
    label = "promises"
    verbose_name = _("Citizen promises and action plans")

    def ready(self):
        from samverka.core.sections import Section, public_section, staff_section

        staff_section(
            Section(
                key="promises",
                title=_("Citizen promises and action plans"),
                url_name="promises:overview",
                order=30,
                description=_("Commitments, follow-up, sign-off, verdicts and the process tracker."),
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
