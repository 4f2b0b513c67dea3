"""Concurrent edits: the second person to save a stale copy gets a conflict, and nothing is lost.

A `Versioned` record carries a version number. An edit form sends the version it was opened at
(`VersionedFormMixin` adds a hidden field); `save_versioned` saves only if the record is still at that
version, inside the caller's transaction with the row locked, and otherwise raises `EditConflict` with
the fields the other person changed, so the page can show both and let the user decide.
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


@dataclass
class FieldChange:
    field: str
    label: str
    theirs: object
    yours: object


class EditConflict(Exception):
    def __init__(self, current, changes: list[FieldChange]):
        super().__init__("the record was changed by someone else since it was opened")
        self.current = current
        self.changes = changes


def save_versioned(instance, expected_version: int, fields: list[str]) -> None:
    """Save `fields` of `instance` if the stored row is still at `expected_version`; bump the version."""
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            changes = [
                FieldChange(
                    name,
                    str(model._meta.get_field(name).verbose_name),
                    getattr(current, name),
                    getattr(instance, name),
                )
                for name in fields
                if _value(current, name) != _value(instance, name)
            ]
            raise EditConflict(current, changes)
        instance.version = current.version + 1
        instance.full_clean()
        instance.save()


def _value(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        if obj.pk is None:
            return None
        return sorted(str(pk) for pk in getattr(obj, name).values_list("pk", flat=True))
    return getattr(obj, field.attname)


class VersionedFormMixin(forms.Form):
    """Adds the hidden version the form was opened at; read it with `form.opened_version`."""

    opened_at_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["opened_at_version"] = instance.version

    @property
    def opened_version(self) -> int:
        return self.cleaned_data.get("opened_at_version") or getattr(self.instance, "version", 1)

    conflict_message = _(
        "Someone else saved this record after you opened it. Their changes are shown below; your edits are "
        "kept in the form. Check them and save again."
    )
