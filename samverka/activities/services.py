"""Writes to the catalogue: each one transaction, permission checked, validated with full_clean()."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samverka.activities import selectors, spreadsheet
from samverka.activities.models import (
    AGE_BANDS,
    GENDERS,
    Activity,
    Arena,
    EvidenceBasis,
    EvidenceRegistry,
    Factor,
    Occasion,
    PreventionLevel,
    Status,
    SubstanceArea,
    TargetGroup,
)
from samverka.core import permissions
from samverka.core.concurrency import save_versioned
from samverka.core.models import Collaboration, Municipality, owner_fields
from samverka.core.permissions import Action
from samverka.core.selectors import organisations_of

MANY = ("substance_areas", "target_groups", "organisations", "factors")
# The fields only a coordinator (publish permission) may change.
PUBLISH_FIELDS = ("published",)


def _split(values: dict) -> tuple[dict, dict]:
    fields = {k: v for k, v in values.items() if k not in MANY}
    relations = {k: v for k, v in values.items() if k in MANY}
    return fields, relations


def _check_relations(owner, relations: dict, contact_organisation) -> None:
    allowed = set(organisations_of(owner).values_list("pk", flat=True))
    chosen = {getattr(o, "pk", o) for o in relations.get("organisations", [])}
    if contact_organisation is not None:
        chosen.add(getattr(contact_organisation, "pk", contact_organisation))
    if not chosen <= allowed:
        raise ValidationError(
            {"organisations": _("Only organisations working in the municipality can be chosen.")}
        )


def _set_relations(activity: Activity, relations: dict) -> None:
    """Set the many-to-many relations that changed (each change is a history entry; none for no change)."""
    for name, items in relations.items():
        manager = getattr(activity, name)
        wanted = {getattr(item, "pk", item) for item in items}
        if wanted != set(manager.values_list("pk", flat=True)):
            manager.set(list(wanted))


@transaction.atomic
def activity_create(*, user, owner: Municipality | Collaboration, values: dict) -> Activity:
    """Create an activity of a municipality or a collaboration (the owner)."""
    permissions.require(user, Action.EDIT, owner)
    fields, relations = _split(values)
    if fields.get("published") and not permissions.can_publish(user, owner):
        raise PermissionDenied
    if isinstance(owner, Municipality):
        activity = Activity(municipality=owner, **fields)
    else:
        activity = Activity(collaboration=owner, **fields)
    _check_relations(owner, relations, activity.contact_organisation_id)
    activity.full_clean()
    activity.save()
    _set_relations(activity, relations)
    return activity


@transaction.atomic
def activity_update(*, user, activity: Activity, values: dict, expected_version: int) -> Activity:
    """Change an activity; raises core.concurrency.EditConflict when someone saved it in between."""
    permissions.require(user, Action.EDIT, activity)
    fields, relations = _split(values)
    if any(
        name in fields and fields[name] != getattr(activity, name) for name in PUBLISH_FIELDS
    ) and not permissions.can_publish(user, activity):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(activity, name, value)
    _check_relations(activity.owner, relations, activity.contact_organisation_id)
    save_versioned(activity, expected_version, list(fields), relations=relations)
    _set_relations(activity, relations)
    return activity


def import_lookups(municipality: Municipality) -> spreadsheet.Lookups:
    """The vocabularies an import row may name, in five queries."""

    def choices(enum):
        out = {}
        for value in enum.values:
            out[value.lower()] = value
            for language in ("sv", "en"):
                with override(language):
                    out[str(enum(value).label).lower()] = value
        return out

    def vocabulary(model):
        out = {}
        for term in model.objects.all():
            out[term.code.lower()] = term.pk
            out[term.name_sv.lower()] = term.pk
            out[term.name_en.lower()] = term.pk
        return out

    organisations = {}
    for org in organisations_of(municipality):
        organisations[org.name.lower()] = org.pk
        organisations[org.slug.lower()] = org.pk
    enums = {
        "arena": Arena,
        "prevention_level": PreventionLevel,
        "status": Status,
        "evidence_basis": EvidenceBasis,
        "evidence_registry": EvidenceRegistry,
    }
    return spreadsheet.Lookups(
        choices={
            name: {**choices(enum), **spreadsheet.ALIASES.get(name, {})} for name, enum in enums.items()
        },
        choice_labels={name: [str(label) for label in enum.labels] for name, enum in enums.items()},
        many={
            "substance_areas": vocabulary(SubstanceArea),
            "target_groups": vocabulary(TargetGroup),
            "organisations": organisations,
            "factors": vocabulary(Factor),
        },
        contact=organisations,
        ids={
            str(pk) for pk in Activity.objects.filter(municipality=municipality).values_list("pk", flat=True)
        },
    )


def activity_import_check(*, user, municipality: Municipality, rows) -> list[spreadsheet.ParsedRow]:
    """Parse and validate every row without saving; each ParsedRow carries its own messages and what the
    import would do with it (`status`: new, changed with the changed columns, unchanged, refused)."""
    permissions.require(user, Action.EDIT, municipality)
    lookups = import_lookups(municipality)
    parsed = [spreadsheet.parse_row(number, cells, lookups) for number, cells in rows]
    cells_of = dict(rows)
    can_publish = permissions.can_publish(user, municipality)
    ids = [row.values["id"] for row in parsed if not row.errors and row.values.get("id")]
    existing = {
        str(a.pk): a
        for a in selectors.with_relations(Activity.objects.filter(municipality=municipality, pk__in=ids))
    }
    for row in parsed:
        activity = existing.get(row.values.get("id") or "")
        was_published = activity.published if activity is not None else False
        if not row.errors and row.values.get("published") != was_published and not can_publish:
            row.errors.append(_("publicerad: only a coordinator may publish or unpublish."))
        if not row.errors:
            fields, _relations = _split({k: v for k, v in row.values.items() if k != "id"})
            fields["contact_organisation_id"] = fields.pop("contact_organisation")
            candidate = Activity(municipality=municipality, **fields)
            try:
                candidate.full_clean(exclude=["id"], validate_unique=False)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        row.errors.append(f"{name}: {message}")
        if row.errors:
            row.status = "refused"
        elif activity is None:
            row.status = "new"
        else:
            changed = _changed_fields(activity, _import_values(row))
            row.status = "changed" if changed else "unchanged"
            row.changes = [_change(activity, name, cells_of[row.number]) for name in changed]
    return parsed


def _import_values(row: spreadsheet.ParsedRow) -> dict:
    """A checked row's values as the activity's fields (the id left out)."""
    values = {k: v for k, v in row.values.items() if k != "id"}
    values["contact_organisation_id"] = values.pop("contact_organisation")
    return values


def _change(activity: Activity, name: str, cells: dict) -> tuple[str, str, str]:
    """(the column's label, what the activity holds, what the file says) of a changed column, in words."""
    field_name = name.removesuffix("_id")
    header = {f: h for h, f in spreadsheet.COLUMNS}[field_name]
    label = str(Activity._meta.get_field(field_name).verbose_name)
    return label, str(spreadsheet.cell_text(activity, field_name)), (cells.get(header) or "").strip()


def _changed_fields(activity: Activity, values: dict) -> list[str]:
    """The fields (and many-to-many relations) that saving `values` would change on `activity`."""
    fields, relations = _split(values)
    changed = [name for name, value in fields.items() if getattr(activity, name) != value]
    return changed + [
        name
        for name, items in relations.items()
        # the prefetched relation when there is one (the preview), else one query
        if {getattr(item, "pk", item) for item in items}
        != {item.pk for item in getattr(activity, name).all()}
    ]


def _differs(activity: Activity, values: dict) -> bool:
    """Whether saving `values` would change `activity` (its fields or its many-to-many relations)."""
    return bool(_changed_fields(activity, values))


@transaction.atomic
def activity_import(*, user, municipality: Municipality, rows, progress=None) -> tuple[int, int]:
    """Save every row or none: returns (created, updated); raises ValidationError listing bad rows.
    `progress(done, total)`, when given, hears of each saved row (the import job's page shows it)."""
    parsed = activity_import_check(user=user, municipality=municipality, rows=rows)
    bad = [row for row in parsed if row.errors]
    if bad:
        raise ValidationError([f"{_('Row')} {row.number}: {'; '.join(row.errors)}" for row in bad])
    created = updated = 0
    for row in parsed:
        values = dict(row.values)
        pk = values.pop("id")
        values["contact_organisation_id"] = values.pop("contact_organisation")
        if pk:
            activity = Activity.objects.select_for_update().get(pk=pk, municipality=municipality)
            if _differs(activity, values):  # an unchanged row bumps no version and writes no history
                activity_update(
                    user=user, activity=activity, values=values, expected_version=activity.version
                )
                updated += 1
        else:
            activity_create(user=user, owner=municipality, values=values)
            created += 1
        if progress is not None:
            progress(created + updated, len(parsed))
    return created, updated


# --- The activity log -------------------------------------------------------------------------------


def _clean_breakdown(breakdown: dict, participants: int) -> dict:
    """Only the known bands and genders, only counts of 0 or more; empty cells left out; the parts never
    add up to more than the total."""
    bands, genders = dict(AGE_BANDS), dict(GENDERS)
    cleaned: dict[str, dict[str, int]] = {}
    for band, cells in (breakdown or {}).items():
        for gender, count in (cells or {}).items():
            if band not in bands or gender not in genders:
                raise ValidationError(_("Unknown age band or gender."))
            if count is None:
                continue
            if not isinstance(count, int) or count < 0:
                raise ValidationError(_("A number of participants cannot be negative."))
            cleaned.setdefault(band, {})[gender] = count
    if sum(n for cells in cleaned.values() for n in cells.values()) > participants:
        raise ValidationError(_("The age bands and genders add up to more than the number who took part."))
    return cleaned


@transaction.atomic
def occasion_record(*, user, activity: Activity, values: dict, today=None) -> Occasion:
    """Record that the activity took place: date, place, partner organisations, how many took part."""
    permissions.require(user, Action.EDIT, activity)
    today = today or timezone.localdate()
    participants = values.get("participants")
    if participants is None or values.get("date") is None or not (values.get("venue") or "").strip():
        raise ValidationError(_("Give the date, the place and the number who took part."))
    if participants < 0:
        raise ValidationError({"participants": _("A number of participants cannot be negative.")})
    if values["date"] > today:
        raise ValidationError(
            {"date": _("An occasion is recorded once it has taken place: the date is in the future.")}
        )
    organisations = list(values.get("organisations") or [])
    allowed = set(organisations_of(activity.owner).values_list("pk", flat=True))
    if not {o.pk for o in organisations} <= allowed:
        raise ValidationError(
            {"organisations": _("Only organisations working in the municipality can be chosen.")}
        )
    occasion = Occasion(
        **owner_fields(activity.owner),
        activity=activity,
        date=values["date"],
        venue=values["venue"].strip(),
        participants=participants,
        breakdown=_clean_breakdown(values.get("breakdown") or {}, participants),
        recorded_by=user,
    )
    occasion.full_clean()
    occasion.save()
    occasion.organisations.set(organisations)
    return occasion
