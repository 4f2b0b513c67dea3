from django.apps import AppConfig
from django.core import checks


class HostingConfig(AppConfig):
    name = "samverka.hosting"
    verbose_name = "Hosting"

    def ready(self):
        from samverka.hosting import checks as hosting_checks
        from samverka.hosting import pagecache

        checks.register(hosting_checks.services_check, "hosting")
        pagecache.connect_signals()
