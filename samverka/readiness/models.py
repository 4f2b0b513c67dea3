"""Community Readiness assessments: the plan, the team, the guide, interviews, blind scores, consensus.

Who may see what (transcripts, another scorer's scores) is decided in readiness/permissions.py, which
builds on core.permissions; the numbers come from scoring.py.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.core.models import Period, Scoped, UUIDModel, Versioned
from samverka.readiness import scoring


class SubstanceArea(models.TextChoices):
    ALCOHOL = "alcohol", _("Alcohol")
    NARCOTICS = "narcotics", _("Narcotics")
    DOPING = "doping", _("Doping")
    TOBACCO = "tobacco", _("Tobacco and nicotine")
    GAMBLING = "gambling", _("Gambling")
    ANDTS = "andts", _("ANDTS in general")
    CRIME = "crime", _("Crime prevention")


class Sector(models.TextChoices):
    SCHOOL = "school", _("School")
    POLICE = "police", _("Police")
    SOCIAL_SERVICES = "social_services", _("Social services")
    HEALTH = "health", _("Health care")
    CHURCH = "church", _("Church")
    ASSOCIATIONS = "associations", _("Associations and sports clubs")
    YOUTH_CENTRE = "youth_centre", _("Youth centre")
    POLITICS = "politics", _("Local politics")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")


DEFAULT_MINIMUM = 4

DIMENSION_CHOICES = [(k, format_lazy("{} – {}", k, names[0])) for k, names in scoring.DIMENSIONS.items()]


class Assessment(Scoped, Versioned):
    class Model(models.TextChoices):
        SIX = "six", _("Six dimensions (A–F, original)")
        FIVE = "five", _("Five dimensions (B–F, 2014 edition)")

    class Step(models.TextChoices):
        WHOLE = "whole", _("Whole points")
        HALF = "half", _("Half points allowed")

    issue = models.CharField(
        _("issue"),
        max_length=200,
        help_text=_("One named issue, e.g. “alcohol and drugs among young people”."),
    )
    substance_area = models.CharField(_("ANDTS area"), max_length=16, choices=SubstanceArea.choices)
    community = models.TextField(
        _("community"), help_text=_("How the community is defined: place, group, ages."), blank=True
    )
    model = models.CharField(_("model"), max_length=4, choices=Model.choices, default=Model.SIX)
    step = models.CharField(_("score step"), max_length=5, choices=Step.choices, default=Step.WHOLE)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    work_period = models.ForeignKey(
        Period,
        verbose_name=_("work period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    completed = models.BooleanField(_("completed"), default=False)
    published = models.BooleanField(_("published"), default=False)
    shared_with_county = models.BooleanField(_("shared with the county board"), default=False)
    # The model's procedure asks for 4–6 interviews; a team may set another minimum, saying why.
    minimum_interviews = models.PositiveSmallIntegerField(
        _("minimum number of interviews"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("The result stays preliminary until at least this many interviews have consensus."),
    )
    minimum_reason = models.TextField(
        _("why another minimum"), blank=True, help_text=_("Required when the minimum is not 4.")
    )
    summary = models.TextField(
        _("public summary"),
        blank=True,
        help_text=_("Shown with the published result. Markdown. Never transcripts."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The result as computed when its inputs last changed (services.results_store; the shape is
    # selectors.result_data's), so no page recomputes it. Null only before the first computation, when
    # the selectors compute it live. Not in the history: it follows from what is.
    stored_result = models.JSONField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["stored_result"])

    class Meta(Scoped.Meta):
        ordering = ["-created_at"]
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")

    def __str__(self):
        return f"{self.issue} ({self.owner})"

    def clean(self):
        if self.minimum_interviews != DEFAULT_MINIMUM and not self.minimum_reason.strip():
            raise ValidationError(
                {"minimum_reason": _("Say why this assessment needs another minimum than 4 interviews.")}
            )

    @property
    def half_steps(self) -> bool:
        return self.step == self.Step.HALF

    @property
    def dimension_keys(self) -> tuple[str, ...]:
        return scoring.MODELS[self.model]

    def get_absolute_url(self):
        return reverse("readiness:detail", args=[self.pk])


class TeamMember(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        INTERVIEWER = "interviewer", _("Interviewer")
        SCORER = "scorer", _("Scorer")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readiness_teams"
    )
    role = models.CharField(_("role in the team"), max_length=12, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user", "role"], name="readiness_one_team_role")
        ]
        ordering = ["role", "user__username"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"

    @property
    def owner(self):
        return self.assessment.owner


class GuideQuestion(UUIDModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="questions")
    dimension = models.CharField(_("dimension"), max_length=1, choices=DIMENSION_CHOICES)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    required = models.BooleanField(_("required for scoring"), default=False)
    text_sv = models.TextField(_("question in Swedish"))
    text_en = models.TextField(_("question in English"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension", "order"]
        verbose_name = _("guide question")
        verbose_name_plural = _("guide questions")

    def __str__(self):
        return self.text_sv

    @property
    def owner(self):
        return self.assessment.owner


class Interview(UUIDModel):
    """One key-respondent interview. The respondent is a role, never a name.

    Planned until the team marks it held (with the date) or cancelled. Only a held interview with a
    transcript, or with the team's reason for having none, can be scored (`scorable`). An interview
    removed after it had scores is kept as REMOVED with its scores (services.interview_remove): it no
    longer counts, but what was agreed stays on record.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")
        REMOVED = "removed", _("Removed")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="interviews")
    number = models.PositiveSmallIntegerField(_("number"))
    respondent_role = models.CharField(
        _("respondent's role"), max_length=120, help_text=_("A role, never a name, e.g. “head teacher”.")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    held_on = models.DateField(_("date held"), null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    transcript = models.TextField(_("transcript"), blank=True)
    no_transcript_reason = models.TextField(
        _("why there is no transcript"),
        blank=True,
        help_text=_("Only when the interview was held but not transcribed (e.g. notes only)."),
    )
    history = HistoricalRecords(excluded_fields=["transcript"])

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="readiness_interview_number")
        ]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return f"{self.number}. {self.respondent_role}"

    def clean(self):
        # Recording the date it was held marks a planned interview held.
        if self.held_on and self.status == self.Status.PLANNED:
            self.status = self.Status.HELD
        if self.status == self.Status.HELD and not self.held_on:
            raise ValidationError({"held_on": _("A held interview needs the date it was held.")})

    @property
    def label(self) -> str:
        return f"{self.number}. {self.respondent_role}"

    @property
    def counts(self) -> bool:
        """Part of the assessment's plan: planned or held (not cancelled, not removed)."""
        return self.status in (self.Status.PLANNED, self.Status.HELD)

    @property
    def scorable(self) -> bool:
        return self.status == self.Status.HELD and bool(
            self.transcript.strip() or self.no_transcript_reason.strip()
        )

    def not_scorable_reason(self) -> str:
        """Why this interview cannot be scored yet, in the active language ("" when it can)."""
        if self.status == self.Status.PLANNED:
            return gettext("Interview %(label)s is only planned: mark it held before it is scored.") % {
                "label": self.label
            }
        if self.status in (self.Status.CANCELLED, self.Status.REMOVED):
            return gettext("Interview %(label)s was cancelled or removed and cannot be scored.") % {
                "label": self.label
            }
        if not self.scorable:
            return gettext(
                "Interview %(label)s has no transcript: add it, or record why there is none, before it is "
                "scored."
            ) % {"label": self.label}
        return ""

    @property
    def owner(self):
        """The assessment's place decides access (core.permissions reads `owner`)."""
        return self.assessment.owner


class ScoreSheet(UUIDModel):
    """One scorer's scores of one interview; blind to the others until every scorer has submitted."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="sheets")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # No django-simple-history here on purpose: a history page would show a draft's values to whoever may
    # read history (coordinators), bypassing blind scoring. A submitted sheet never changes anyway.

    class Meta:
        constraints = [models.UniqueConstraint(fields=["interview", "scorer"], name="readiness_one_sheet")]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    dimension = models.CharField(_("dimension"), max_length=1, choices=DIMENSION_CHOICES)
    value = models.DecimalField(_("score"), max_digits=2, decimal_places=1, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "dimension"], name="readiness_one_score")]
        ordering = ["dimension"]

    def __str__(self):
        return f"{self.dimension}: {self.value}"


class ConsensusScore(models.Model):
    # Its history page is found by this, never by the sequential id.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="consensus")
    dimension = models.CharField(_("dimension"), max_length=1, choices=DIMENSION_CHOICES)
    value = models.DecimalField(_("consensus score"), max_digits=2, decimal_places=1)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why, where it differs from a scorer."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "dimension"], name="readiness_one_consensus")
        ]
        ordering = ["dimension"]
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")

    def __str__(self):
        return f"{self.interview} {self.dimension}: {self.value}"

    @property
    def owner(self):
        return self.interview.assessment.owner


class SheetImport(UUIDModel):
    """An uploaded score sheet waiting for its uploader to confirm the preview.

    Owned by the user who uploaded it (nobody else can confirm it) and kept only until `expires_at`: it
    is deleted once imported, and expired ones are cleared when the next sheet is uploaded.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    file_name = models.CharField(_("file"), max_length=255)
    data = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("score sheet import")
        verbose_name_plural = _("score sheet imports")

    def __str__(self):
        return self.file_name


class Event(models.Model):
    """The assessment's own log of what changed that the records themselves no longer show: who removed
    an interview or a scorer, and which agreed consensus scores were kept."""

    class Kind(models.TextChoices):
        INTERVIEW_REMOVED = "interview_removed", _("Interview removed")
        SCORER_REMOVED = "scorer_removed", _("Scorer removed")
        MINIMUM_CHANGED = "minimum_changed", _("Minimum number of interviews changed")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("details"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("assessment event")
        verbose_name_plural = _("assessment events")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"
