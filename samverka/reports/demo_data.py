"""Arjeplog's prevention settings and programme document, from the source pages (idempotent)."""

from django.db import transaction

from samverka.core.models import Municipality
from samverka.reports.models import MunicipalitySettings, ProgrammeDocument


@transaction.atomic
def load(stdout=None):
    arjeplog = Municipality.objects.get(slug="arjeplog")
    MunicipalitySettings.objects.update_or_create(
        municipality=arjeplog,
        defaults={
            "coordinator_title": "Preventionssamordnare, Arjeplogs kommun",
            "coordinator_share": 50,
            "coordinating_function": "BRÅ Arjeplog, en arbetsgrupp där kommunen och polisen samarbetar, styrd "
            "av Rådet för social hållbarhet.",
            "supervision": "",
        },
    )
    ProgrammeDocument.objects.update_or_create(
        municipality=arjeplog,
        title="BRÅ:s gemensamma handlingsplan",
        defaults={
            "kind": ProgrammeDocument.Kind.IMPLEMENTATION_PLAN,
            "year_adopted": 2025,
            "adopted_by": "Rådet för social hållbarhet",
            "has_measurable_targets": False,
            "has_funds": False,
            "contents": "Gemensamma handlingsplaner för att förebygga att ungdomar hamnar i droger och "
            "kriminalitet och för att förebygga krogrelaterat våld.",
        },
    )
