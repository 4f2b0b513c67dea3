from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "samverka.public"
    label = "public"
    verbose_name = _("Public pages")

    def ready(self):
        from samverka.core.history import history_page
        from samverka.core.sections import Section, public_section, staff_section
        from samverka.public.models import NewsItem

        history_page(NewsItem)
        staff_section(
            Section(
                key="news",
                title=_("News"),
                url_name="news:list",
                order=60,
                description=_(
                    "Write news for residents, or start one from a follow-up, verdict or lägesbild."
                ),
            )
        )
        public_section(
            Section(
                key="news",
                title=_("News"),
                url_name="public:news",
                order=5,
                description=_("What is new in the prevention work."),
            )
        )
