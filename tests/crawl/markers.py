"""Plant a unique marker in every text field of the demo data, found by walking the models, and say where
each marker may be seen.

Every CharField and TextField of every model of Samverka's apps gets a marker (history tables included),
so a field added tomorrow is covered without editing this file. A few fields are skipped because they
are machine values, not prose (codes, hashes, periods; planting there would only break parsing), and a
few are public by design once their record is public; both lists say why, field by field.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.db import models

MARKER_RE = re.compile(r"zq(\d{5})x", re.IGNORECASE)

# Machine values, not prose: planting a marker would break what reads them, and no one writes notes there.
MACHINE_FIELDS = {
    "code": "SCB and county codes",
    "period": "a year or a date range, parsed",
    "status": "an observation's status code from the source",
    "old_status": "an observation's status code from the source",
    "new_status": "an observation's status code from the source",
    "source_id": "Kolada's indicator id, used to fetch values",
    "unit": "a unit code of an indicator (from the source)",
    "sha256": "a file checksum",
    "key_hash": "a token's hash",
    "token_hash": "an invitation link's hash",
    "prefix": "a token's public prefix",
    "file_format": "csv/xlsx/json",
}


def _published(obj):
    return bool(getattr(obj, "published", False))


def _promise(promise):
    from samverka.promises.selectors import PUBLIC_STATES

    return promise is not None and promise.state in PUBLIC_STATES


def _plan(plan):
    from samverka.promises.models import PlanState

    return plan is not None and plan.published and plan.state in (PlanState.ADOPTED, PlanState.CONCLUDED)


def _commitment(c):
    return _promise(c.promise) or _plan(c.plan)


def _adopted(report):
    return report.status == report.Status.ADOPTED


def _news(item):
    return item.state == "published"


def _flag(name):
    return lambda obj: bool(getattr(obj, name))


# Fields that are public by design when their record is public, with the reason. Anything else is
# internal: drafts, notes, transcripts, scores, history. (model label, field) -> (is the record public?, why)
ALWAYS = lambda obj: True  # noqa: E731
PUBLIC_FIELDS = {
    ("core.County", "name"): (ALWAYS, "place names are public"),
    ("core.Municipality", "name"): (ALWAYS, "place names are public"),
    ("core.Organisation", "name"): (ALWAYS, "organisations are named as organisers and partners"),
    ("core.Organisation", "description"): (ALWAYS, "shown with the organisation on public pages"),
    ("core.Organisation", "phone"): (ALWAYS, "a role phone number: the public contact on the front page"),
    ("core.Collaboration", "name"): (ALWAYS, "collaborations are named on public pages"),
    ("core.Collaboration", "description"): (ALWAYS, "the collaboration's public description"),
    ("activities.SubstanceArea", "name_sv"): (ALWAYS, "the catalogue's vocabulary"),
    ("activities.SubstanceArea", "name_en"): (ALWAYS, "the catalogue's vocabulary"),
    ("activities.TargetGroup", "name_sv"): (ALWAYS, "the catalogue's vocabulary"),
    ("activities.TargetGroup", "name_en"): (ALWAYS, "the catalogue's vocabulary"),
    ("activities.Factor", "name_sv"): (ALWAYS, "the catalogue's vocabulary"),
    ("activities.Factor", "name_en"): (ALWAYS, "the catalogue's vocabulary"),
    ("activities.Activity", "title"): (_published, "a published activity is public"),
    ("activities.Activity", "summary"): (_published, "a published activity is public"),
    ("activities.Activity", "description"): (_published, "a published activity is public"),
    ("activities.Activity", "evidence_rating"): (_published, "a published activity is public"),
    ("activities.Activity", "frequency"): (_published, "a published activity is public"),
    ("activities.Activity", "status_reason"): (_published, "why a published activity paused is public"),
    ("promises.Promise", "title"): (_promise, "an active or concluded promise is public"),
    ("promises.Promise", "background"): (_promise, "an active or concluded promise is public"),
    ("promises.Signatory", "name"): (lambda o: _promise(o.promise), "who signed a public promise"),
    ("promises.Signatory", "office"): (lambda o: _promise(o.promise), "who signed a public promise"),
    ("promises.ActionPlan", "title"): (_plan, "a published, adopted plan is public"),
    ("promises.ActionPlan", "background"): (_plan, "a published, adopted plan is public"),
    ("promises.Goal", "text"): (lambda o: _plan(o.plan), "the goals of a public plan"),
    ("promises.Commitment", "text"): (_commitment, "the commitments of a public promise or plan"),
    ("promises.FollowUp", "description"): (lambda o: _commitment(o.commitment), "public follow-up"),
    ("promises.Verdict", "explanation"): (
        lambda o: o.confirmed_by_id is not None and _commitment(o.commitment),
        "the confirmed verdict of a public commitment, with its public explanation",
    ),
    ("promises.PlannedEvent", "title"): (lambda o: _commitment(o.commitment), "the public calendar"),
    ("promises.PlannedEvent", "place"): (lambda o: _commitment(o.commitment), "the public calendar"),
    ("indicators.Place", "name"): (ALWAYS, "place names of the statistics"),
    ("indicators.Indicator", "name_sv"): (ALWAYS, "indicator definitions are shared and public"),
    ("indicators.Indicator", "name_en"): (ALWAYS, "indicator definitions are shared and public"),
    ("indicators.Indicator", "measurement_note"): (ALWAYS, "indicator definitions are shared and public"),
    ("situation.SituationReport", "title"): (_adopted, "an adopted lägesbild is public"),
    ("situation.SituationReport", "public_summary"): (_adopted, "the public summary of an adopted lägesbild"),
    ("situation.Problem", "title"): (lambda o: o.is_public and _adopted(o.report), "a public problem"),
    ("situation.Problem", "description"): (lambda o: o.is_public and _adopted(o.report), "a public problem"),
    ("situation.Problem", "cause_analysis"): (
        lambda o: o.is_public and _adopted(o.report),
        "a public problem",
    ),
    ("situation.KeyEvent", "label"): (_flag("is_public"), "a key event marked public"),
    ("situation.PartnerNote", "title"): (_flag("is_public"), "a partner note marked public"),
    ("situation.PartnerNote", "text"): (_flag("is_public"), "a partner note marked public"),
    ("public.NewsItem", "title"): (_news, "a published news item is public"),
    ("public.NewsItem", "summary"): (_news, "a published news item is public"),
    ("public.NewsItem", "body"): (_news, "a published news item is public"),
    ("public.NewsItem", "image_alt"): (_news, "a published news item is public"),
    ("reports.YearlyFollowUp", "text"): (
        _published,
        "the coordinator's text of a published yearly follow-up",
    ),
    ("readiness.Assessment", "issue"): (_published, "a published result names its issue"),
    ("readiness.Assessment", "community"): (_published, "a published result defines its community"),
    ("readiness.Assessment", "summary"): (_published, "the public summary of a published result"),
}


# Shared within the county by design, not public: the county overview shows every municipality's facts
# for the county report to staff of any municipality in the county (docs/api.md, reports/columns.py).
COUNTY_SHARED = {
    ("reports.MunicipalitySettings", "coordinator_title"): "the county overview's coordinating function",
    ("reports.MunicipalitySettings", "coordinating_function"): "the county overview's coordinating function",
}


@dataclass
class Planted:
    marker: str
    label: str  # app_label.ModelName
    field: str
    pk: object
    public: bool  # may anonymous visitors see it?
    county_shared: bool  # may staff of the county's other municipalities see it?
    owner: str | None  # slug of the owning municipality (or "collaboration:<slug>")
    readiness: dict  # for readiness records: assessment shared/published, sheet scorer/submitted


def text_fields(model):
    for f in model._meta.concrete_fields:
        if not isinstance(f, models.CharField | models.TextField) or f.primary_key or f.choices:
            continue
        if isinstance(f, models.SlugField | models.EmailField | models.URLField):
            continue  # identifiers and links, not text a person reads as prose
        if f.name in MACHINE_FIELDS or (f.max_length or 999) < 12:
            continue
        yield f


def samverka_models():
    for model in apps.get_models():
        if model.__module__.startswith("samverka.") and model._meta.managed and not model._meta.proxy:
            yield model


def _owner(obj, slugs):
    """The owning place's slug; straight from the row's own columns where it has them (one query for all)."""
    if getattr(obj, "municipality_id", None):
        return slugs["municipality"][obj.municipality_id]
    if getattr(obj, "collaboration_id", None):
        return "collaboration:" + slugs["collaboration"][obj.collaboration_id]
    for candidate in (obj, getattr(obj, "instance", None) if _is_history(obj) else None):
        if candidate is None:
            continue
        try:
            owner = candidate.owner
        except Exception:  # noqa: BLE001, S112 - records without an owner (vocabularies, users' tokens)
            continue
        if owner is None:
            return None
        kind = owner._meta.model_name
        return owner.slug if kind == "municipality" else f"{kind}:{owner.slug}"
    return None


def place_of(obj):
    """The slug of the place owning obj ("collaboration:<slug>" for a collaboration), or None."""
    from samverka.core.models import Collaboration, Municipality

    slugs = {
        "municipality": dict(Municipality.objects.values_list("pk", "slug")),
        "collaboration": dict(Collaboration.objects.values_list("pk", "slug")),
    }
    return _owner(obj, slugs)


def _is_history(obj):
    return obj._meta.model_name.startswith("historical")


def _readiness(obj) -> dict:
    """The facts the county board and blind-scoring rules need about a readiness record."""
    from samverka.readiness.models import Assessment, Interview, ScoreSheet

    if obj._meta.app_label != "readiness":
        return {}
    facts = {}
    sheet_id = getattr(obj, "sheet_id", None)
    interview_id = getattr(obj, "interview_id", None)
    if sheet_id:
        sheet = ScoreSheet.objects.get(pk=sheet_id)
        facts.update(scorer_id=sheet.scorer_id, submitted=sheet.submitted_at is not None)
        interview_id = sheet.interview_id
    if interview_id:
        facts["interview_id"] = interview_id
        assessment_id = Interview.objects.values_list("assessment_id", flat=True).get(pk=interview_id)
    elif obj._meta.model_name in ("assessment", "historicalassessment"):
        assessment_id = obj.id
    else:
        assessment_id = getattr(obj, "assessment_id", None)
    if assessment_id:
        a = Assessment.objects.filter(pk=assessment_id).first()
        if a is not None:
            facts.update(
                assessment_id=a.pk, shared=a.shared_with_county, published=a.published and a.completed
            )
    return facts


def plant() -> dict[str, Planted]:
    """Put a marker in front of every text value; return {marker: Planted}."""
    from samverka.core.models import Collaboration, Municipality

    slugs = {
        "municipality": dict(Municipality.objects.values_list("pk", "slug")),
        "collaboration": dict(Collaboration.objects.values_list("pk", "slug")),
    }
    planted: dict[str, Planted] = {}
    for model in samverka_models():
        fields = list(text_fields(model))
        if not fields:
            continue
        label = model._meta.label
        rows = list(model._default_manager.all())
        for obj in rows:
            owner, readiness = _owner(obj, slugs), _readiness(obj)
            for f in fields:
                marker = f"zq{len(planted):05d}x"
                value = getattr(obj, f.attname) or ""
                new = f"{marker} {value}".rstrip()
                if f.max_length:
                    new = new[: f.max_length]
                setattr(obj, f.attname, new)
                rule = PUBLIC_FIELDS.get((label, f.name))
                planted[marker] = Planted(
                    marker=marker,
                    label=label,
                    field=f.name,
                    pk=obj.pk,
                    public=bool(rule and not _is_history(obj) and rule[0](obj)),
                    county_shared=(label, f.name) in COUNTY_SHARED and not _is_history(obj),
                    owner=owner,
                    readiness=readiness,
                )
        if rows:
            model._default_manager.bulk_update(rows, [f.name for f in fields], batch_size=500)
    return planted


def found_in(text: str) -> set[str]:
    return {f"zq{m}x" for m in MARKER_RE.findall(text)}
