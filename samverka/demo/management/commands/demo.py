"""`samverka demo`: load the demo data built from the two source pages (Arjeplog, Pite älvdal).

Each app that has demo data keeps it in its own `demo_data.py` with a `load(stdout)` function; they run
in INSTALLED_APPS order, all in one transaction. Every loader is idempotent (get_or_create / update_or_create
on natural keys), so running the command twice changes nothing. A second run also records no history:
update_or_create saves even an unchanged row, and history should show people's changes, not reloads.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings


def demo_loaders():
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo_data"
        if config.name.startswith("samverka.") and find_spec(module_name) is not None:
            yield config.label, import_module(module_name).load


class Command(BaseCommand):
    help = "Load (or refresh) the demo data: Norrbotten, Pite älvdal, Arjeplog and the demo users."

    def handle(self, *args, **options):
        reloading = get_user_model().objects.filter(username="admin").exists()
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=not reloading):
            for label, load in demo_loaders():
                load(self.stdout)
                self.stdout.write(f"  {label}: ok")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
