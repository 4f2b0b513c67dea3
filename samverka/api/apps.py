from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samverka.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from samverka.core.sections import StartPanel, start_panel

        def context(request):
            return {} if request.user.is_authenticated else None

        start_panel(StartPanel(key="api", template="api/_start_panel.html", context=context, order=900))
