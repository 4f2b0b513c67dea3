"""Facts a municipality keeps for the county board's yearly survey (Länsrapporten) and the county
overview: who coordinates the prevention work and how much of their time it gets, and which programme
documents the municipality has adopted. Respondents are roles, never names."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.core.models import Municipality, Period, Scoped, Versioned


class MunicipalitySettings(Versioned):
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="prevention_settings",
        verbose_name=_("municipality"),
    )
    coordinator_title = models.CharField(
        _("coordinator's role"),
        max_length=200,
        blank=True,
        help_text=_("The role, not the name: e.g. “ANDTS coordinator at the social services”."),
    )
    coordinator_share = models.PositiveSmallIntegerField(
        _("share of working time for ANDTS prevention (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    coordinating_function = models.TextField(
        _("coordinating function"),
        blank=True,
        help_text=_(
            "Who coordinates the crime and ANDTS prevention work (law 2023:196), e.g. “BRÅ, steered by the council for social sustainability”."
        ),
    )
    supervision = models.TextField(
        _("supervision of alcohol, tobacco and gambling sales"),
        blank=True,
        help_text=_("How supervision is organised, e.g. shared with a neighbouring municipality."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prevention settings")
        verbose_name_plural = _("prevention settings")

    def __str__(self):
        return str(self.municipality)

    @property
    def owner(self):
        return self.municipality


class ProgrammeDocument(Scoped):
    """A steering document adopted by a municipality, or jointly by a collaboration (Pite älvdal)."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("ANDTS programme or policy")
        FOLLOW_UP_PLAN = "follow_up_plan", _("Follow-up plan")
        IMPLEMENTATION_PLAN = "implementation_plan", _("Implementation or action plan")
        OTHER = "other", _("Other steering document")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    year_adopted = models.PositiveSmallIntegerField(
        _("year adopted"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    valid_until = models.PositiveSmallIntegerField(
        _("valid until (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("e.g. the municipal council")
    )
    has_measurable_targets = models.BooleanField(_("has measurable targets"), default=False)
    has_funds = models.BooleanField(_("has funds set aside"), default=False)
    contents = models.TextField(_("contents"), blank=True, help_text=_("What it covers, in a few lines."))
    url = models.URLField(_("link"), blank=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["-year_adopted", "title"]
        verbose_name = _("programme document")
        verbose_name_plural = _("programme documents")

    def __str__(self):
        return f"{self.title} ({self.year_adopted})"


class YearlyFollowUp(Scoped, Versioned):
    """The coordinator's own text of one year's follow-up of a work period; the rest of the yearly
    follow-up report is generated from the data (reports/cycle.py). Public once published."""

    period = models.ForeignKey(
        Period, verbose_name=_("work period"), on_delete=models.PROTECT, related_name="yearly_follow_ups"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("the coordinator's summary"), blank=True, help_text=_("Markdown."))
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["year"]
        verbose_name = _("yearly follow-up")
        verbose_name_plural = _("yearly follow-ups")
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(fields=["period", "year"], name="one_follow_up_per_period_and_year"),
        ]

    def __str__(self):
        return f"{self.period} – {self.year}"

    def clean(self):
        if self.period_id and not (self.period.first_year <= self.year <= self.period.last_year):
            raise ValidationError(
                {
                    "year": _("The follow-up for %(year)s is outside the period %(period)s.")
                    % {"year": self.year, "period": self.period.label}
                }
            )
