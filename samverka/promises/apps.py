from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "samverka.promises"
    label = "promises"
    verbose_name = _("Citizen promises and action plans")
