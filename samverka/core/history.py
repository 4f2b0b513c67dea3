"""The history pages: which models have one, who may read it, and the rows it shows.

`/historik/<app>/<model>/<id>/` is not a window onto every model with django-simple-history: only the
models an app registers here have a history page (everything else is 404, so API tokens, memberships and
vocabularies answer nothing), the record is looked up by its UUID, and the app decides who may read it
with its own rules (readiness through `readiness.permissions`, so consensus scores only to the team). A
record the user may not read is reported as missing, like any scoped lookup.

An app registers from its AppConfig.ready():

    history_page(Promise)                                    # coordinators of the record's place
    history_page(ConsensusScore, visible=team_only, lookup="uuid")
"""

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from samverka.core import permissions
from samverka.core.permissions import Action


def coordinators_of_the_place(user, obj) -> bool:
    """The default rule: the record's history is shown to those who may publish it."""
    return permissions.can_view(user, obj) and permissions.can(user, Action.PUBLISH, obj)


@dataclass(frozen=True)
class HistoryPage:
    model: type
    visible: Callable[[object, object], bool] = coordinators_of_the_place
    lookup: str = "pk"  # a UUID field: records reachable by URL are never found by a sequential id


HISTORY_PAGES: dict[str, HistoryPage] = {}


def _key(app_label: str, model_name: str) -> str:
    return f"{app_label}.{model_name}".lower()


def history_page(model, *, visible=coordinators_of_the_place, lookup: str = "pk") -> None:
    field = model._meta.get_field("id" if lookup == "pk" else lookup)
    if field.get_internal_type() != "UUIDField":
        raise TypeError(f"{model.__name__}.{lookup} is not a UUID: history URLs must not be guessable")
    HISTORY_PAGES[_key(model._meta.app_label, model._meta.model_name)] = HistoryPage(model, visible, lookup)


def history_url_key(obj) -> str:
    """The id that goes into the record's history URL."""
    page = HISTORY_PAGES[_key(obj._meta.app_label, obj._meta.model_name)]
    return str(getattr(obj, page.lookup))


def record_for_history(user, app_label: str, model_name: str, key: str):
    """The record whose history `user` asks for, or Http404 for anything they may not read."""
    page = HISTORY_PAGES.get(_key(app_label, model_name))
    if page is None or not user.is_authenticated:
        raise Http404
    try:
        obj = page.model._default_manager.get(**{page.lookup: key})
    except (page.model.DoesNotExist, ValueError, ValidationError) as exc:  # a malformed UUID too
        raise Http404 from exc
    if not page.visible(user, obj):
        raise Http404
    return obj


# --- The rows of the history page, in the words of the form ------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field's change between two saved versions, ready to show.

    `kind` says how: "value" (old → new, each as the user sees it, None where empty), "names" (a
    many-to-many field: the names added and removed), "text" (a long text: a word diff of
    `(operation, words)` pairs, the operation one of "equal", "insert", "delete") or "file".
    """

    label: str
    kind: str
    old: str | None = None
    new: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    diff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HistoryRow:
    record: object  # the historical record: history_date, history_user, history_type
    changes: tuple[Change, ...]


def history_rows(obj, limit: int = 200) -> list[HistoryRow]:
    """The record's changes, newest first, each with the fields that changed since the one before.

    A fixed number of queries whatever the number of versions: the versions, one per tracked
    many-to-many field, one per model whose names are shown (organisations, target groups, ...)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    )
    if not records:
        return []
    fields = _tracked_fields(type(obj), type(records[0]))
    m2m = _m2m_values(type(obj), records)
    names = _names(fields, records, m2m)
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = () if older is None else tuple(_changes(fields, m2m, names, newer, older))
        rows.append(HistoryRow(newer, changes))
    return rows


def _tracked_fields(model, history_model) -> list:
    """The fields a person edits, in the form's order: no ids, version counters or time stamps."""
    kept = {f.name for f in history_model._meta.concrete_fields}
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.editable
        and not f.primary_key
        and f.name in kept
        and not isinstance(f, models.UUIDField)
        and not _unlabelled(f)
    ]
    return fields + list(history_model._history_m2m_fields)


def _unlabelled(field) -> bool:
    """A field without a label of its own (Django made one from its name) is no form field: `order`."""
    return type(field.verbose_name) is str and field.verbose_name == field.name.replace("_", " ")


def _m2m_values(model, records) -> dict[str, dict[int, frozenset]]:
    """Per many-to-many field, per version: the ids it pointed at (one query per field)."""
    values = {}
    history_model = type(records[0])
    for field in history_model._history_m2m_fields:
        through = getattr(history_model, field.name).model
        target = f"{field.m2m_reverse_field_name()}_id"
        sets: dict[int, set] = {r.history_id: set() for r in records}
        rows = through.objects.filter(history_id__in=list(sets)).values_list("history_id", target)
        for history_id, target_id in rows:
            sets[history_id].add(target_id)
        values[field.name] = {key: frozenset(ids) for key, ids in sets.items()}
    return values


def _names(fields, records, m2m) -> dict[type, dict]:
    """The name of every related record the versions point at, one query per related model."""
    wanted: dict[type, set] = {}
    for field in fields:
        if field.is_relation:
            ids = wanted.setdefault(field.related_model, set())
            if field.many_to_many:
                for targets in m2m[field.name].values():
                    ids.update(targets)
            else:
                ids.update(getattr(r, field.attname) for r in records)
    names = {}
    for related, ids in wanted.items():
        ids.discard(None)
        if not ids:
            names[related] = {}
            continue
        found = related._base_manager.filter(pk__in=ids)
        if related is get_user_model():
            names[related] = {u.pk: u.get_full_name() or u.get_username() for u in found}
        else:
            names[related] = {o.pk: str(o) for o in found}
    return names


def _changes(fields, m2m, names, newer, older):
    for field in fields:
        label = capfirst(str(field.verbose_name))
        if field.many_to_many:
            new_ids, old_ids = m2m[field.name][newer.history_id], m2m[field.name][older.history_id]
            if new_ids != old_ids:
                known = names[field.related_model]
                yield Change(
                    label,
                    "names",
                    added=tuple(sorted(_name(known, pk) for pk in new_ids - old_ids)),
                    removed=tuple(sorted(_name(known, pk) for pk in old_ids - new_ids)),
                )
            continue
        old, new = getattr(older, field.attname), getattr(newer, field.attname)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        if isinstance(field, models.FileField):
            yield Change(label, "file", old=_file_label(old), new=_file_label(new))
        elif isinstance(field, models.TextField) and not field.choices and old and new:
            yield Change(label, "text", diff=tuple(word_diff(old, new)))
        else:
            yield Change(
                label, "value", old=display_value(field, old, names), new=display_value(field, new, names)
            )


def _name(known: dict, pk) -> str:
    return known.get(pk) or gettext("(removed)")


def _file_label(value) -> str | None:
    return gettext("a file") if value else None


def display_value(field, value, names: dict) -> str | None:
    """A stored value as the form and the record's page show it; None for no value."""
    if value is None or value == "":
        return None
    if field.is_relation:
        return _name(names.get(field.related_model, {}), value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal | float):
        return floatformat(value, "-2g")
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, dict | list):
        return gettext("changed")  # a structured value (a breakdown): never its repr
    return str(value)


_WORDS = re.compile(r"\S+\s*")


def word_diff(old: str, new: str, context: int = 8) -> list[tuple[str, str]]:
    """The words of `new` against `old`: ("equal" | "insert" | "delete", text) pairs, in order.

    Long unchanged stretches keep `context` words at each side and "…" between."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            words = a[i1:i2]
            first, last = i1 == 0, i2 == len(a)
            if (
                len(words) > 2 * context + 1
                or (first and len(words) > context)
                or (last and len(words) > context)
            ):
                head = [] if first else words[:context]
                tail = [] if last else words[-context:]
                parts.append(("equal", "".join(head) + "… " + "".join(tail)))
            else:
                parts.append(("equal", "".join(words)))
            continue
        if tag in ("delete", "replace"):
            parts.append(("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("insert", "".join(b[j1:j2])))
    return parts
