"""The situational picture (lägesbild): partner notes, activity counts, and the lägesbild document with its
chosen indicators and prioritised problems."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from samverka.activities.models import Arena, Factor, SubstanceArea
from samverka.core.models import Organisation, Period, Scoped, UUIDModel, Versioned
from samverka.indicators.models import Group, Indicator
from samverka.situation.analysis import priority_score


class PartnerNote(Scoped, Versioned):
    """A dated observation by a partner organisation for a period, internal or public."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT)
    date = models.DateField(_("date"))
    period = models.CharField(_("period"), max_length=10, help_text=_("e.g. 2024 or 2024-Q3"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(pgettext_lazy("what a partner observed", "note"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public notes appear in the public lägesbild.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["-date"]
        verbose_name = _("partner note")
        verbose_name_plural = _("partner notes")

    def __str__(self):
        return self.title


class ActivityCount(Scoped):
    """How many times partners did something in a quarter, as a number only: never who."""

    class Kind(models.TextChoices):
        CONCERN_TALKS = "concern_talks", _("Concern talks (orosamtal)")
        OUTREACH_EVENINGS = "outreach_evenings", _("Outreach evenings")
        MEDIATIONS = "mediations", _("Mediations")
        LICENCE_INSPECTIONS = "licence_inspections", _("Licence inspections")

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    kind = models.CharField(_("what"), max_length=24, choices=Kind.choices)
    number = models.PositiveIntegerField(_("how many"), validators=[MaxValueValidator(100_000)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "kind"]
        verbose_name = _("activity count")
        verbose_name_plural = _("activity counts")
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(
                fields=["municipality", "collaboration", "organisation", "year", "quarter", "kind"],
                name="one_count_per_quarter_and_kind",
            ),
        ]

    def __str__(self):
        return f"{self.year} Q{self.quarter} {self.get_kind_display()}: {self.number}"


class SituationReport(Scoped, Versioned):
    """The lägesbild document for a municipality (or collaboration) and period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(_("period"), max_length=20, help_text=_("e.g. 2024 or 2023–2024"))
    summary = models.TextField(_("summary and analysis"), blank=True, help_text=_("Markdown"))
    public_summary = models.TextField(
        _("public summary"), blank=True, help_text=_("Shown in the public version. Markdown.")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    adopted_at = models.DateField(_("adopted on"), null=True, blank=True)
    # What it showed the day it was adopted (selectors.snapshot): values, targets, problems, notes, counts.
    # Its pages, PDF and CSV read this, so later imports and corrections never change an adopted lägesbild.
    snapshot = models.JSONField(null=True, blank=True, editable=False, encoder=DjangoJSONEncoder)
    work_period = models.ForeignKey(
        Period,
        verbose_name=_("work period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="situation_reports",
    )
    indicators = models.ManyToManyField(
        Indicator, through="ReportIndicator", related_name="reports", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[], excluded_fields=["snapshot"])

    class Meta(Scoped.Meta):
        ordering = ["-period", "title"]
        verbose_name = _("situational picture")
        verbose_name_plural = _("situational pictures")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("situation:report", args=[self.pk])

    @property
    def is_adopted(self):
        return self.status == self.Status.ADOPTED


class ReportIndicator(models.Model):
    """An indicator chosen for a lägesbild, in order, with an optional target line.

    `target_value` is typed by a coordinator; a goal of a published action plan measured by the indicator
    takes its place on the chart (contributions.target_for).
    """

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="report_indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    group = models.CharField(_("group"), max_length=4, choices=Group.choices, default=Group.TOTAL)
    target_value = models.DecimalField(
        pgettext_lazy("the value an indicator should reach", "target"),
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
    )
    target_label = models.CharField(_("target label"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "group"], name="one_report_indicator_per_group"
            )
        ]

    def __str__(self):
        return f"{self.report_id}: {self.indicator_id} ({self.group})"


class Problem(UUIDModel):
    """A prioritised problem, scored 1–5 on Brå's grounds, with its cause analysis."""

    SCORE_FIELDS = ["frequency", "trend", "exposure", "signal_value", "consequences", "influence"]

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="problems")
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    frequency = models.PositiveSmallIntegerField(
        _("how common"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    trend = models.PositiveSmallIntegerField(
        _("rising"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    exposure = models.PositiveSmallIntegerField(
        _("who and where is exposed"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    signal_value = models.PositiveSmallIntegerField(
        _("signal value"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    consequences = models.PositiveSmallIntegerField(
        _("consequences"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    influence = models.PositiveSmallIntegerField(
        _("can the parties influence it"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    cause_analysis = models.TextField(_("cause analysis"), blank=True, help_text=_("Markdown"))
    # Where the problem lies in the plan's gap view (arena × ANDTS area × risk or protective factor); a
    # dimension left empty means every arena, area or factor.
    arenas = models.JSONField(_("arenas"), default=list, blank=True)
    substance_areas = models.ManyToManyField(
        SubstanceArea, verbose_name=_("ANDTS areas"), blank=True, related_name="problems"
    )
    factors = models.ManyToManyField(
        Factor, verbose_name=_("risk and protective factors"), blank=True, related_name="problems"
    )
    is_public = models.BooleanField(_("public"), default=True)
    # What the problem led to: a goal of an action plan, a commitment of a promise (chosen among the owner's).
    linked_goal = models.ForeignKey(
        "promises.Goal",
        verbose_name=_("action-plan goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    linked_commitment = models.ForeignKey(
        "promises.Commitment",
        verbose_name=_("promise commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("prioritised problem")
        verbose_name_plural = _("prioritised problems")

    def __str__(self):
        return self.title

    @property
    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.SCORE_FIELDS}

    @property
    def total(self) -> int:
        return priority_score(self.scores)

    @property
    def owner(self):
        return self.report.owner

    def clean(self):
        unknown = [a for a in self.arenas or [] if a not in Arena.values]
        if unknown:
            raise ValidationError({"arenas": _("Unknown arena: %(arena)s.") % {"arena": ", ".join(unknown)}})

    def get_arenas_display(self) -> list[str]:
        return [str(Arena(a).label) for a in Arena.values if a in (self.arenas or [])]


class KeyEvent(Scoped):
    """A dated event to mark on indicator charts (a promise signed, an activity started).

    Typed by hand; promises made and activities started are added from their apps
    (contributions.events_for).
    """

    date = models.DateField(_("date"))
    label = models.CharField(_("event"), max_length=120)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta(Scoped.Meta):
        ordering = ["date"]
        verbose_name = _("key event")
        verbose_name_plural = _("key events")

    def __str__(self):
        return f"{self.date}: {self.label}"
