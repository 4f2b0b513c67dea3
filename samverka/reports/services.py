"""Writes of the reports app: the municipality's prevention settings and programme documents.

Who may change them: a coordinator of the municipality (Action.PUBLISH). These are the facts the
municipality reports to the county board under its own name, like publishing; ADMINISTER would need
the administrator role, which is IT's and usually not held by the prevention coordinator who knows them.
"""

from django.db import transaction

from samverka.core import permissions
from samverka.core.concurrency import save_versioned
from samverka.core.permissions import Action
from samverka.reports.forms import DOCUMENT_FIELDS, SETTINGS_FIELDS
from samverka.reports.models import MunicipalitySettings, ProgrammeDocument

EDIT_ACTION = Action.PUBLISH


def settings_for(municipality) -> MunicipalitySettings:
    return MunicipalitySettings.objects.filter(municipality=municipality).first() or MunicipalitySettings(
        municipality=municipality
    )


@transaction.atomic
def settings_update(*, user, municipality, data: dict, opened_version: int) -> MunicipalitySettings:
    permissions.require(user, EDIT_ACTION, municipality)
    current, _ = MunicipalitySettings.objects.get_or_create(municipality=municipality)
    for name in SETTINGS_FIELDS:
        setattr(current, name, data[name])
    save_versioned(current, opened_version, SETTINGS_FIELDS)
    return current


@transaction.atomic
def programme_document_save(*, user, document: ProgrammeDocument, data: dict) -> ProgrammeDocument:
    permissions.require(user, EDIT_ACTION, document.owner)
    for name in DOCUMENT_FIELDS:
        setattr(document, name, data[name])
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def programme_document_delete(*, user, document: ProgrammeDocument) -> None:
    permissions.require(user, EDIT_ACTION, document.owner)
    document.delete()
