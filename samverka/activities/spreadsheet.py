"""The catalogue's spreadsheet columns: one list used by both export and import, so a file round-trips.

Parsing a row is plain Python (only gettext from Django, for the messages): it takes the vocabularies as lookups and returns the values or a list of
messages, one per bad cell. Multi-valued cells separate their values with " | " (names of organisations
contain commas). Choices accept the Swedish or English label or the code, in any case.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.core.tabular import parse_decimal

SEPARATOR = " | "

# (header, field) — the header is what the file says, the field what the record holds.
COLUMNS = [
    ("id", "id"),
    ("titel", "title"),
    ("sammanfattning", "summary"),
    ("beskrivning", "description"),
    ("arena", "arena"),
    ("andts-områden", "substance_areas"),
    ("preventionsnivå", "prevention_level"),
    ("målgrupper", "target_groups"),
    ("ålder från", "age_min"),
    ("ålder till", "age_max"),
    ("ansvariga organisationer", "organisations"),
    ("status", "status"),
    ("orsak till status", "status_reason"),
    ("status sedan", "status_since"),
    ("evidensgrund", "evidence_basis"),
    ("register", "evidence_registry"),
    ("bedömning i registret", "evidence_rating"),
    ("risk- och skyddsfaktorer", "factors"),
    ("frekvens", "frequency"),
    ("räckvidd per år", "reach_per_year"),
    ("kontaktorganisation", "contact_organisation"),
    ("kontaktadress", "contact_email"),
    ("publicerad", "published"),
    ("senast granskad", "last_reviewed"),
]
HEADERS = [h for h, _ in COLUMNS]
CHOICE_FIELDS = ("arena", "prevention_level", "status", "evidence_basis", "evidence_registry")
MANY_FIELDS = ("substance_areas", "target_groups", "organisations", "factors")
TEXT_LIMITS = {
    "title": 200,
    "summary": 400,
    "status_reason": 300,
    "evidence_rating": 200,
    "frequency": 200,
    "contact_email": 254,
}
# Words people write in a status cell besides the labels themselves.
ALIASES = {
    "status": {"pausad": "paused", "vilande": "paused", "aktiv": "active", "pågående": "active"},
    "arena": {"familj": "family", "barn/unga": "children_youth", "samhälle": "society"},
}
YES = {"ja", "yes", "j", "y", "1", "true", "sant", "x"}
NO = {"nej", "no", "n", "0", "false", "falskt", ""}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Lookups:
    """Each maps a lower-cased label, name or code to the value stored (a code or a primary key)."""

    choices: dict[str, dict[str, str]]  # field -> {label/code: code}
    choice_labels: dict[str, list[str]]  # field -> the labels to suggest, in the user's language
    many: dict[str, dict[str, object]]  # field -> {name/code: pk}
    contact: dict[str, object]  # organisation name/slug -> pk
    ids: set[str]  # ids of activities this municipality may update


@dataclass
class ParsedRow:
    """One row of an imported file. After the check, `status` says what the import does with it: "new",
    "changed" (with `changes`: (column label, now, in the file) for each changed column), "unchanged" or
    "refused" (its `errors` are the reasons)."""

    number: int
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    status: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def cell_text(activity, name: str):
    """One column of an activity as the export writes it: names and labels, never codes or ids (but its
    own id), dates as YYYY-MM-DD, published as ja/nej; numbers stay numbers."""
    value = getattr(activity, name)
    if name in MANY_FIELDS:
        return SEPARATOR.join((t.name if name == "organisations" else t.name_sv) for t in value.all())
    if name in CHOICE_FIELDS:
        return getattr(activity, f"get_{name}_display")() if value else ""
    if name == "contact_organisation":
        return value.name if value else ""
    if name == "published":
        return "ja" if value else "nej"
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, int) else str(value)  # exports.* neutralise formulas


def row_cells(activity) -> list:
    """An activity as one row of the export, in the order of COLUMNS."""
    return [cell_text(activity, name) for _header, name in COLUMNS]


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


def _whole_number(text: str) -> int | None:
    value = parse_decimal(text)
    if value is None:
        return None
    if value != value.to_integral_value() or value < 0:
        raise ValueError(text)
    return int(value)


def parse_row(number: int, cells: dict[str, str], lookups: Lookups) -> ParsedRow:
    row = ParsedRow(number)
    get = lambda header: (cells.get(header) or "").strip()  # noqa: E731 - core.tabular restored formulas
    for header, name in COLUMNS:
        text = get(header)
        if name == "id":
            if text and text.lower() not in lookups.ids:
                row.errors.append(_("id: no activity %(id)s of this municipality to update.") % {"id": text})
            row.values["id"] = text.lower() or None
        elif name == "title":
            if not text:
                row.errors.append(_("titel: a title is required."))
            row.values[name] = text
        elif name in CHOICE_FIELDS:
            if not text:
                if name == "arena":
                    row.errors.append(_("arena: an arena is required."))
                row.values[name] = {"status": "active", "evidence_basis": "none"}.get(name, "")
                continue
            code = lookups.choices[name].get(text.lower())
            if code is None:
                known = ", ".join(lookups.choice_labels[name])
                row.errors.append(
                    _("%(column)s: unknown value “%(value)s” (known: %(known)s).")
                    % {"column": header, "value": text, "known": known}
                )
            row.values[name] = code
        elif name in MANY_FIELDS:
            pks = []
            for part in [p.strip() for p in text.split("|") if p.strip()]:
                pk = lookups.many[name].get(part.lower())
                if pk is None:
                    row.errors.append(
                        _("%(column)s: unknown value “%(value)s”.") % {"column": header, "value": part}
                    )
                else:
                    pks.append(pk)
            row.values[name] = pks
        elif name in ("age_min", "age_max", "reach_per_year"):
            try:
                row.values[name] = _whole_number(text)
            except ValueError:
                row.errors.append(
                    _("%(column)s: “%(value)s” is not a whole number of zero or more.")
                    % {"column": header, "value": text}
                )
        elif name in ("status_since", "last_reviewed"):
            try:
                row.values[name] = _date(text)
            except ValueError:
                row.errors.append(
                    _("%(column)s: “%(value)s” is not a date (write YYYY-MM-DD).")
                    % {"column": header, "value": text}
                )
        elif name == "published":
            if text.lower() in YES:
                row.values[name] = True
            elif text.lower() in NO:
                row.values[name] = False
            else:
                row.errors.append(
                    _("%(column)s: write ja or nej, not “%(value)s”.") % {"column": header, "value": text}
                )
        elif name == "contact_organisation":
            pk = lookups.contact.get(text.lower()) if text else None
            if text and pk is None:
                row.errors.append(
                    _("%(column)s: unknown organisation “%(value)s”.") % {"column": header, "value": text}
                )
            row.values[name] = pk
        else:
            if name == "contact_email" and text and not EMAIL.match(text):
                row.errors.append(
                    _("%(column)s: “%(value)s” is not an e-mail address.") % {"column": header, "value": text}
                )
            limit = TEXT_LIMITS.get(name)
            if limit and len(text) > limit:
                row.errors.append(
                    ngettext(
                        "%(column)s: at most %(limit)s character.",
                        "%(column)s: at most %(limit)s characters.",
                        limit,
                    )
                    % {"column": header, "limit": limit}
                )
            row.values[name] = text
    age_min, age_max = row.values.get("age_min"), row.values.get("age_max")
    if age_min is not None and age_max is not None and age_min > age_max:
        row.errors.append(_("ålder till: the upper age must not be below the lower age."))
    return row
