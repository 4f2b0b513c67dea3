from django.apps import AppConfig
from django.core import checks


class HostingConfig(AppConfig):
    name = "samverka.hosting"
    verbose_name = "Hosting"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from samverka.hosting import checks as hosting_checks
        from samverka.hosting import pagecache

        checks.register(hosting_checks.services_check, "hosting")
        # every write, on every connection, moves the page cache's version on (pagecache.py)
        connection_created.connect(pagecache.install, weak=False, dispatch_uid="samverka-pagecache")
        pre_migrate.connect(pagecache.migrating, weak=False, dispatch_uid="samverka-pagecache-pre")
        post_migrate.connect(pagecache.finished_migrating, weak=False, dispatch_uid="samverka-pagecache-post")
