"""The activity catalogue: what partners do to prevent harm, owned by a municipality or collaboration.

Multi-valued attributes (ANDTS areas, target groups, risk and protective factors, responsible
organisations) are many-to-many relations to small vocabulary tables. That works the same on SQLite and
PostgreSQL (no JSON containment), filters with a plain join, and lists and the gap view load them with
`prefetch_related` / one grouped query each: a fixed number of queries whatever the number of activities.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.core.models import Organisation, Scoped, Versioned

REVIEW_AFTER_DAYS = 365  # "needs review" when not reviewed for 12 months


class Arena(models.TextChoices):
    """The headings of the source page, in its order."""

    FAMILY = "family", _("Family")
    CHILDREN_YOUTH = "children_youth", _("Children and young people")
    SCHOOL = "school", _("School")
    LEISURE = "leisure", _("Leisure")
    SOCIETY = "society", _("Society")


class PreventionLevel(models.TextChoices):
    UNIVERSAL = "universal", _("Universal")
    SELECTIVE = "selective", _("Selective")
    INDICATED = "indicated", _("Indicated")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class EvidenceBasis(models.TextChoices):
    NONE = "none", _("None stated")
    EXPERIENCE = "experience", _("Experience-based")
    RESEARCH = "research", _("Research-based")


class EvidenceRegistry(models.TextChoices):
    XCHANGE = "xchange", "Xchange"
    METODGUIDEN = "metodguiden", "Metodguiden"
    BLUEPRINTS = "blueprints", "Blueprints"
    OTHER = "other", _("Other")


class Vocabulary(models.Model):
    """A curated term with a stable code, a Swedish and an English name, and a place in lists."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        abstract = True
        ordering = ["order", "name_sv"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class SubstanceArea(Vocabulary):
    """ANDTS: alcohol, narcotics, doping, tobacco/nicotine, gambling, and crime prevention."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("ANDTS area")
        verbose_name_plural = _("ANDTS areas")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Factor(Vocabulary):
    """A risk or protective factor an activity aims to change (a curated, editable vocabulary)."""

    class Kind(models.TextChoices):
        RISK = "risk", _("Risk factor")
        PROTECTIVE = "protective", _("Protective factor")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        ordering = ["kind", "order", "name_sv"]
        verbose_name = _("risk or protective factor")
        verbose_name_plural = _("risk and protective factors")


class Activity(Scoped, Versioned):
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short summary"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    arena = models.CharField(_("arena"), max_length=20, choices=Arena.choices)
    substance_areas = models.ManyToManyField(
        SubstanceArea, verbose_name=_("ANDTS areas"), blank=True, related_name="activities"
    )
    prevention_level = models.CharField(
        _("prevention level"), max_length=16, choices=PreventionLevel.choices, blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="activities"
    )
    age_min = models.PositiveSmallIntegerField(_("age from"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("age to"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("responsible organisations"),
        blank=True,
        related_name="activities",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.CharField(
        _("reason for the status"), max_length=300, blank=True, help_text=_('e.g. "staff shortage"')
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    evidence_basis = models.CharField(
        _("evidence basis"), max_length=16, choices=EvidenceBasis.choices, default=EvidenceBasis.NONE
    )
    evidence_registry = models.CharField(
        _("evidence registry"), max_length=16, choices=EvidenceRegistry.choices, blank=True
    )
    evidence_rating = models.CharField(
        _("rating in the registry"), max_length=200, blank=True, help_text=_("As the registry words it.")
    )
    factors = models.ManyToManyField(
        Factor, verbose_name=_("risk and protective factors"), blank=True, related_name="activities"
    )
    frequency = models.CharField(
        _("frequency"), max_length=200, blank=True, help_text=_('e.g. "once a year", "weekends"')
    )
    reach_per_year = models.PositiveIntegerField(
        _("reach per year"),
        null=True,
        blank=True,
        help_text=_("Number of participants per year, as an aggregate. Never names."),
    )
    contact_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("contact organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_activities",
    )
    contact_email = models.EmailField(
        _("contact address"), blank=True, help_text=_("An organisation's role address, not a person's.")
    )
    published = models.BooleanField(_("published"), default=False)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[substance_areas, target_groups, organisations, factors])

    class Meta(Scoped.Meta):
        ordering = ["title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            *Scoped.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_min__lte=models.F("age_max")),
                name="activities_activity_age_range",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "arena", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])

    def clean(self):
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValidationError({"age_max": _("The upper age must not be below the lower age.")})
        if self.evidence_rating and not self.evidence_registry:
            raise ValidationError({"evidence_registry": _("Say which registry the rating comes from.")})

    @property
    def needs_review(self) -> bool:
        reviewed = self.last_reviewed or (self.created_at.date() if self.created_at else None)
        if reviewed is None:
            return True
        return timezone.localdate() - reviewed > datetime.timedelta(days=REVIEW_AFTER_DAYS)

    @property
    def is_evidence_based(self) -> bool:
        return self.evidence_basis == EvidenceBasis.RESEARCH


# The optional breakdown of an occasion's participants: age bands and genders, never anything finer.
AGE_BANDS = [
    ("0-12", _("0–12 years")),
    ("13-15", _("13–15 years")),
    ("16-17", _("16–17 years")),
    ("18-24", _("18–24 years")),
    ("25-", _("25 years and over")),
]
GENDERS = [("girls", _("girls and women")), ("boys", _("boys and men")), ("other", _("other or not stated"))]


class Occasion(Scoped):
    """The activity log: one time a catalogue activity took place, with how many took part as an aggregate
    (optionally by age band and gender). Never names: nothing here identifies a participant."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occasions")
    date = models.DateField(_("date"))
    venue = models.CharField(_("place"), max_length=200, help_text=_("e.g. “Arjeplogs skola, aulan”."))
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="activity_occasions"
    )
    participants = models.PositiveIntegerField(_("number who took part"))
    # {"13-15": {"girls": 12, "boys": 9}}: keys from AGE_BANDS and GENDERS only (services.occasion_record).
    breakdown = models.JSONField(_("by age band and gender"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta(Scoped.Meta):
        ordering = ["-date"]
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        indexes = [models.Index(fields=["activity", "date"])]

    def __str__(self):
        return f"{self.activity} – {self.date}"
