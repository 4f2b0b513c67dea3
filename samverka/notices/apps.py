from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "samverka.notices"
    label = "notices"
    verbose_name = _("What awaits you")

    def ready(self):
        from samverka.core.sections import StartPanel, start_panel
        from samverka.notices.selectors import start_panel_context

        # First on the start page: what the person must act on.
        start_panel(
            StartPanel(key="notices", template="notices/_panel.html", context=start_panel_context, order=1)
        )
