from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samverka.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from samverka.core.sections import Section, StartPanel, public_section, start_panel

        def context(request):
            return {} if request.user.is_authenticated else None

        public_section(
            Section(
                key="open-data",
                title=_("Open data"),
                url_name="public:open_data:page",
                order=900,
                description=_("Everything published here, as CSV and JSON to download and reuse."),
            )
        )
        start_panel(StartPanel(key="api", template="api/_start_panel.html", context=context, order=900))
