from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "samverka.activities"
    label = "activities"
    verbose_name = _("Activity catalogue")

    def ready(self):
        from samverka.activities import jobs  # noqa: F401 - registers the import job
        from samverka.activities.models import Activity
        from samverka.core.history import history_page

        history_page(Activity)

        from django.db.models import Q

        from samverka.core.permissions import public_choices

        public_choices(Activity, lambda: Q(published=True))

        from samverka.activities.selectors import review_panel
        from samverka.core.sections import Section, StartPanel, public_section, staff_section, start_panel

        staff_section(
            Section(
                key="activities",
                title=_("Activity catalogue"),
                url_name="activities:municipality",
                order=10,
                description=_("Prevention activities, who runs them, their status, and the gaps."),
                nav_label=_("Activities"),
            )
        )
        from samverka.activities.selectors import search
        from samverka.core.sections import SearchSource, search_source

        search_source(SearchSource(key="activities", title=_("Activities"), find=search, order=10))
        from samverka.core.sections import Shortcut, shortcut

        shortcut(
            Shortcut(key="activity_new", title=_("New activity"), url_name="activities:create", order=10)
        )
        public_section(
            Section(
                key="activities",
                title=_("Activities and methods"),
                url_name="public:activities_public:list",
                order=10,
                description=_("What the municipality and its partners do to prevent harm, by arena."),
            )
        )
        start_panel(
            StartPanel(
                key="activities_review", template="activities/_review_panel.html", context=review_panel
            )
        )
