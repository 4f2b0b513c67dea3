from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _open_items_panel(request):
    from samverka.meetings.selectors import open_items_for

    items = open_items_for(request.user)
    return {"items": items} if items else None


def _collaborations_panel(request):
    from samverka.core.permissions import collaborations_for

    collaborations = list(collaborations_for(request.user))
    return {"collaborations": collaborations} if collaborations else None


class MeetingsConfig(AppConfig):
    name = "samverka.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from samverka.core.history import history_page
        from samverka.meetings.models import Meeting

        history_page(Meeting)

        from samverka.core.sections import Section, StartPanel, staff_section, start_panel

        staff_section(
            Section(
                key="meetings",
                title=_("Meetings and annual calendar"),
                url_name="meetings:index",
                order=50,
                description=_("Collaboration meetings, decisions, action items and the årshjul."),
                nav_label=_("Meetings"),
            )
        )
        from samverka.core.sections import SearchSource, search_source
        from samverka.meetings.selectors import search

        search_source(SearchSource(key="meetings", title=_("Meetings"), find=search, order=40))
        from samverka.core.sections import Shortcut, shortcut

        shortcut(Shortcut(key="meeting_new", title=_("New meeting"), url_name="meetings:create", order=30))
        start_panel(
            StartPanel(
                key="action_items", template="meetings/_start_panel.html", context=_open_items_panel, order=10
            )
        )
        start_panel(
            StartPanel(
                key="collaboration_work",
                template="meetings/_collaborations_panel.html",
                context=_collaborations_panel,
                order=20,
            )
        )
