from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "samverka.people"
    label = "people"
    verbose_name = _("People and vocabularies")

    def ready(self):
        from samverka.core.sections import StartPanel, members_panel
        from samverka.people.views import invitations_panel_context

        members_panel(
            StartPanel(
                key="invitations", template="people/_invitations.html", context=invitations_panel_context
            )
        )
