"""The vocabularies staff manage on their own pages instead of /admin/.

Shared vocabularies (ANDTS areas, target groups, risk and protective factors) are the same for every
municipality: an administrator manages them. A place's own vocabulary (its key events, marked on its
indicator charts) is managed by the place's coordinators."""

from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Factor, SubstanceArea, TargetGroup
from samverka.situation.models import KeyEvent


@dataclass(frozen=True)
class Vocabulary:
    key: str  # the address: /ordlistor/<key>/ or /kommun/<slug>/ordlistor/<key>/
    model: type[models.Model]
    fields: tuple[str, ...]
    shared: bool
    description: str = ""

    def name_of(self, entry) -> str:
        """The entry as people read it: a key event with its date in words ("1 mars 2026: ...")."""
        if isinstance(entry, KeyEvent):
            return f"{date_format(entry.date, 'j F Y')}: {entry.label}"
        return str(entry)

    @property
    def ordered(self) -> bool:
        """People choose the order of a shared vocabulary, by arrows; a place's key events go by date."""
        return any(field.name == "order" for field in self.model._meta.fields)

    def neighbours(self, entry):
        """The entries `entry` moves among, in list order: a factor among the factors of its kind."""
        entries = self.model._default_manager.all()
        return entries.filter(kind=entry.kind) if isinstance(entry, Factor) else entries

    @property
    def title(self) -> str:
        return capfirst(str(self.model._meta.verbose_name_plural))


VOCABULARIES = {
    v.key: v
    for v in [
        Vocabulary(
            "andts-omraden",
            SubstanceArea,
            ("name_sv", "name_en"),
            shared=True,
            description=_("The areas an activity works with: alcohol, narcotics, doping, tobacco, gambling."),
        ),
        Vocabulary(
            "malgrupper",
            TargetGroup,
            ("name_sv", "name_en"),
            shared=True,
            description=_("Who an activity is for."),
        ),
        Vocabulary(
            "risk-och-skyddsfaktorer",
            Factor,
            ("kind", "name_sv", "name_en"),
            shared=True,
            description=_("The risk and protective factors an activity aims to change."),
        ),
        Vocabulary(
            "viktiga-handelser",
            KeyEvent,
            ("date", "label", "is_public"),
            shared=False,
            description=_("Dated events marked on the place's indicator charts."),
        ),
    ]
}
SHARED = [v for v in VOCABULARIES.values() if v.shared]
OWN = [v for v in VOCABULARIES.values() if not v.shared]


def listed(vocabulary, entries) -> list[tuple]:
    """(entry, name, first, last) in list order: first and last among the entries it moves among (a
    factor among its kind), so the arrows offer only the moves there are."""
    entries = list(entries)

    def group(entry):
        return entry.kind if isinstance(entry, Factor) else None

    return [
        (
            entry,
            vocabulary.name_of(entry),
            at == 0 or group(entries[at - 1]) != group(entry),
            at == len(entries) - 1 or group(entries[at + 1]) != group(entry),
        )
        for at, entry in enumerate(entries)
    ]


def uses(entry, shown: int = 3) -> list[tuple[int, str, list[str]]]:
    """Where `entry` is used: (count, what (singular or plural by count), the first `shown` names) per
    kind of record that refers to it."""
    found = []
    for relation in entry._meta.related_objects:
        related = relation.related_model._default_manager.filter(**{relation.field.name: entry})
        count = related.count()
        if count:
            meta = relation.related_model._meta
            what = meta.verbose_name if count == 1 else meta.verbose_name_plural
            found.append((count, str(what), [str(r) for r in related[:shown]]))
    return found


def new_code(model, name: str) -> str:
    """A stable code for a new shared entry, from its Swedish name (kept when the entry is renamed)."""
    base = slugify(name)[:50] or "term"
    code, n = base, 1
    while model._default_manager.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code
