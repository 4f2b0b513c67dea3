"""Collaboration meetings, their decisions and action items, and the annual calendar (årshjul)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from samverka.core.models import Organisation, Period, Scoped, UUIDModel, Versioned
from samverka.promises import progress


class Meeting(Scoped, Versioned):
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organised_meetings"
    )
    participants = models.ManyToManyField(
        Organisation, verbose_name=_("participating organisations"), related_name="meetings", blank=True
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown"))
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown"))
    situation_report = models.ForeignKey(
        "situation.SituationReport",
        verbose_name=_("lägesbild shared"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta(Scoped.Meta):
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])


class Decision(UUIDModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]

    @property
    def owner(self):
        return self.meeting.owner


class ActionItem(UUIDModel):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("status of an action item (en åtgärd)", "Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(_("what is to be done"), max_length=300)
    owner_organisation = models.ForeignKey(
        Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="action_items"
    )
    due_date = models.DateField(_("to be done by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    # Set when a period is started: the unfinished items it carries over (reports/cycle.py).
    work_period = models.ForeignKey(
        Period,
        verbose_name=_("work period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "text"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.text

    @property
    def owner(self):
        return self.meeting.owner

    @property
    def is_done(self):
        return self.status == self.Status.DONE

    @property
    def is_overdue(self) -> bool:
        """Past its date and not done: "Försenad" on the start page and in lists."""
        return progress.overdue(self.due_date, timezone.localdate(), done=self.is_done)


class AnnualEvent(Scoped):
    """A recurring event of the year (årshjul): survey waves, council meetings, promise follow-ups."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey wave")
        COUNCIL = "council", _("Council meeting")
        FOLLOW_UP = "follow_up", _("Promise follow-up")
        PARENTS_EVENING = "parents_evening", _("Parents' evening")
        REPORT = "report", _("Report due")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(_("day"), validators=[MinValueValidator(1), MaxValueValidator(28)])
    first_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public events are in the public annual calendar that residents can subscribe to."),
    )
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["month", "day", "title"]
        verbose_name = _("annual event")
        verbose_name_plural = _("annual events")

    def __str__(self):
        return self.title
