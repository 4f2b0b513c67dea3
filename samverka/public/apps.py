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
        # However a subscription goes (unsubscribed, pruned, removed by an administrator), the mails
        # written to its address go with it: only the address, the choices and the consent are stored.
        from django.db.models.signals import post_delete

        from samverka.public.models import Subscription
        from samverka.public.subscriptions import forget_mails

        post_delete.connect(forget_mails, sender=Subscription, dispatch_uid="public.forget_mails")
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
