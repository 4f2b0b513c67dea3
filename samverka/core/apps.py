from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverka.core"
    label = "core"
    verbose_name = _("Organisations and places")

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_login_failed

        from samverka.core import tabular, throttle
        from samverka.core.history import history_page
        from samverka.core.models import Organisation

        history_page(Organisation)  # to the organisation's coordinators
        user_login_failed.connect(throttle.login_failed, dispatch_uid="samverka-login-address")

        tabular.set_default_limits(
            tabular.Limits(
                max_rows=settings.SAMVERKA_UPLOAD_MAX_ROWS,
                max_uncompressed_bytes=settings.SAMVERKA_UPLOAD_MAX_UNCOMPRESSED_BYTES,
                max_seconds=settings.SAMVERKA_UPLOAD_MAX_SECONDS,
            )
        )
