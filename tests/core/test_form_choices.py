"""Every form and API serializer offers only records the user may see (issue 17, finding 7).

Walks every form class of every app's `forms` module and every serializer of the API: a choice of a
Scoped record (one that belongs to a municipality or collaboration, and so may be a draft or internal)
must be narrowed by `core.permissions.limit_choices` (forms) – or, in the API, not be a choice at all
(records are named by id and fetched with `get_for_user`). A new form with such a field fails here until it
is narrowed. The behaviour itself is tested per form (tests/meetings/test_choices.py and below).
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from rest_framework import serializers

import samverka.api
from samverka.core import permissions
from samverka.core.models import Scoped


def _form_classes():
    for app in apps.get_app_configs():
        if not app.name.startswith("samverka"):
            continue
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def _scoped_choice_fields(cls):
    return [
        name
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and (field.queryset is None or issubclass(field.queryset.model, Scoped))
    ]


def test_the_walk_finds_the_forms_with_choices_of_internal_records():
    found = {cls.__name__: _scoped_choice_fields(cls) for cls in _form_classes()}
    assert found["MeetingForm"] == ["situation_report"]
    assert set(found["ProblemForm"]) == {"linked_goal", "linked_commitment"}
    assert set(found["CommitmentForm"]) == {"activities", "goal"}


def test_every_form_with_a_choice_of_scoped_records_narrows_it_to_the_user():
    unnarrowed = [
        f"{cls.__module__}.{cls.__name__}: {', '.join(fields)}"
        for cls in _form_classes()
        if (fields := _scoped_choice_fields(cls)) and "limit_choices(" not in inspect.getsource(cls.__init__)
    ]
    assert unnarrowed == []


def _serializer_classes():
    for info in pkgutil.walk_packages(samverka.api.__path__, "samverka.api."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, serializers.BaseSerializer) and cls.__module__ == module.__name__:
                yield cls


def test_no_api_serializer_offers_scoped_records_as_choices():
    offending = []
    for cls in _serializer_classes():
        try:
            fields = cls().fields
        except Exception:  # a serializer that needs context to build its fields has no model choices
            continue
        for name, field in fields.items():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if (
                isinstance(related, serializers.RelatedField)
                and not related.read_only
                and queryset is not None
            ):
                if issubclass(queryset.model, Scoped):
                    offending.append(f"{cls.__name__}.{name}")
    assert offending == []


@pytest.mark.parametrize("who", ["other_editor", "county", "outsider", "anonymous"])
def test_choices_for_never_gives_another_places_draft(places, users, who):
    from samverka.situation.models import SituationReport

    draft = SituationReport.objects.create(municipality=places["arjeplog"], title="Utkast", period="2026")
    adopted = SituationReport.objects.create(
        municipality=places["arjeplog"], title="Antagen", period="2025", status=SituationReport.Status.ADOPTED
    )
    allowed = set(permissions.choices_for(users[who], SituationReport.objects.all()))
    assert adopted in allowed
    # the county board reads every municipality of its county, drafts included; nobody else outside
    assert (draft in allowed) is (who == "county")
    assert draft in set(permissions.choices_for(users["editor"], SituationReport.objects.all()))
