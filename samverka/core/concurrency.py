"""Concurrent edits: the second person to save a stale copy gets a conflict, and nothing is lost.

A `Versioned` record carries a version number. An edit form sends the version it was opened at
(`VersionedFormMixin` adds a hidden field); `save_versioned` saves only if the record is still at that
version, inside the caller's transaction with the row locked, and otherwise raises `EditConflict` with
the fields the other person changed, so the page can show both and let the user decide.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils.translation import gettext_lazy as _


@dataclass
class FieldChange:
    field: str
    label: str
    theirs: object  # what is saved now, as a person reads it
    yours: object  # what the stale form would have saved, as a person reads it


class EditConflict(Exception):
    def __init__(self, current, changes: list[FieldChange]):
        super().__init__("the record was changed by someone else since it was opened")
        self.current = current
        self.changes = changes


def save_versioned(instance, expected_version: int, fields: list[str], relations: dict | None = None) -> None:
    """Save `fields` of `instance` if the stored row is still at `expected_version`; bump the version.

    `relations` maps many-to-many field names to the objects (or primary keys) they should hold; they are
    compared on a conflict like the other fields and set in the same transaction when the save goes
    through. Only `fields`, the version and auto_now fields are written, so a stale instance never
    overwrites a column it did not mean to change.
    """
    model = type(instance)
    relations = relations or {}
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise EditConflict(current, _changes(current, instance, expected_version, fields, relations))
        instance.version = current.version + 1
        instance.full_clean()
        concrete = [name for name in fields if not model._meta.get_field(name).many_to_many]
        auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=sorted({*concrete, *auto_now, "version"}))
        for name, items in relations.items():
            if _value(instance, name) != _pks(items):  # an unchanged relation makes no history entry
                getattr(instance, name).set(items)


def _changes(current, instance, expected_version, fields, relations) -> list[FieldChange]:
    """The fields the other person changed since `expected_version`, with their value and yours.

    With django-simple-history on the model, the record as it was at the opened version tells exactly
    what the others changed; without it, every field where the saved record differs from yours is listed.
    """
    model = type(current)
    opened = _snapshot(model, current.pk, expected_version)
    names = list(dict.fromkeys([*fields, *relations]))

    def yours(name):
        return _pks(relations[name]) if name in relations else _value(instance, name)

    def change(name):
        mine = _display_many(model, name, relations[name]) if name in relations else _display(instance, name)
        return FieldChange(name, _label(model, name), _display(current, name), mine)

    theirs = []
    for name in names:
        known, before = _snapshot_value(model, opened, name)
        if _value(current, name) != (before if known else yours(name)):
            theirs.append(change(name))
    # When they changed nothing this form holds (or history does not say), show where the saved record and
    # the stale copy differ, so a conflict never comes with an empty list.
    return theirs or [change(name) for name in names if _value(current, name) != yours(name)]


def _snapshot(model, pk, version):
    history = getattr(model, "history", None)
    if history is None or not hasattr(history.model, "version"):
        return None
    return history.filter(id=pk, version=version).order_by("-history_date").first()


def _snapshot_value(model, snapshot, name) -> tuple[bool, object]:
    """(True, a field's value in a historical record, as `_value` gives it), or (False, None)."""
    if snapshot is None:
        return False, None
    field = model._meta.get_field(name)
    if not field.many_to_many:
        return True, getattr(snapshot, field.attname)
    try:
        through = snapshot._meta.get_field(f"historical{model._meta.model_name}_{name}").related_model
    except FieldDoesNotExist:
        return False, None
    target = f"{field.related_model._meta.model_name}_id"
    pks = through._default_manager.filter(history=snapshot).values_list(target, flat=True)
    return True, sorted(str(pk) for pk in pks)


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _pks(items) -> list[str]:
    return sorted(str(getattr(item, "pk", item)) for item in items)


def _value(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        if obj.pk is None:
            return None
        return sorted(str(pk) for pk in getattr(obj, name).values_list("pk", flat=True))
    return getattr(obj, field.attname)


def _display(obj, name):
    """The value as the page should show it: choice labels, names of related records, Ja/Nej."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(sorted(str(item) for item in getattr(obj, name).all())) or None
    if field.choices:
        return getattr(obj, f"get_{name}_display")() or None
    value = getattr(obj, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value if value != "" else None


def _display_many(model, name, items):
    related = model._meta.get_field(name).related_model
    pks = [getattr(item, "pk", item) for item in items]
    return ", ".join(sorted(str(item) for item in related._default_manager.filter(pk__in=pks))) or None


class VersionedFormMixin(forms.Form):
    """Adds the hidden version the form was opened at; read it with `form.opened_version`."""

    opened_at_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["opened_at_version"] = instance.version

    def add_conflict(self, conflict: "EditConflict") -> None:
        """Show the conflict message and move the form to the saved version: the user's edits stay in the
        form, and saving it again (after looking at what the other person changed) goes through."""
        self.add_error(None, self.conflict_message)
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_at_version")] = conflict.current.version

    @property
    def opened_version(self) -> int:
        return self.cleaned_data.get("opened_at_version") or getattr(self.instance, "version", 1)

    conflict_message = _(
        "Someone else saved this record after you opened it. Their changes are shown below; your edits are "
        "kept in the form. Check them and save again."
    )
