"""Citizen promises and action plans, and the one mechanism they share: commitments with a target,
follow-up entries and, at the end, a verdict. Statuses are never stored: `progress.py` computes them."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.core.files import RandomName
from samverka.core.models import Organisation, Period, Scoped, Versioned
from samverka.indicators.selectors import observed_values
from samverka.promises import progress as core

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "ods", "txt"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


class PromiseState(models.TextChoices):
    # With a context: other apps translate "Active" their own way, and the first catalogue wins.
    DRAFT = "draft", pgettext_lazy("promise state", "Draft")
    AWAITING_SIGNOFF = "awaiting_signoff", pgettext_lazy("promise state", "Awaiting sign-off")
    ACTIVE = "active", pgettext_lazy("promise state", "Active")
    CONCLUDED = "concluded", pgettext_lazy("promise state", "Concluded")


class PlanState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan state", "Draft")
    AWAITING_SIGNOFF = "awaiting_signoff", pgettext_lazy("plan state", "Awaiting sign-off")
    ADOPTED = "adopted", pgettext_lazy("plan state", "Adopted")
    CONCLUDED = "concluded", pgettext_lazy("plan state", "Concluded")


class Party(models.TextChoices):
    MUNICIPALITY = "municipality", _("The municipality")
    POLICE = "police", _("The police")
    BODY = "body", _("The governing body")


class Phased:
    """Promises and plans: their phase (upcoming, ongoing, awaiting evaluation, evaluated) on a day."""

    def items(self):
        raise NotImplementedError

    def phase(self, today: datetime.date | None = None) -> core.Phase:
        if self.state == "concluded":
            given = True
        else:
            items = list(self.items())
            given = bool(items) and all(getattr(c, "verdict", None) is not None for c in items)
        return core.phase(self.start, self.end, today or timezone.localdate(), verdicts_given=given)


class SignedForAll(models.Model):
    """Promises and plans: a collaboration's is signed by the police and each of its municipalities,
    unless the collaboration named a governing body to sign for all: then that body's approval alone
    counts."""

    signing_body = models.ForeignKey(
        Organisation,
        verbose_name=_("governing body that signs for all parties"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.GOVERNING_BODY},
        help_text=_("Only when the collaboration has decided that this body signs for all its parties."),
    )
    signing_body_decision = models.CharField(
        _("the decision that gave the body the right to sign"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Rådet för social hållbarhet, protokoll 2025-11-12 § 4”."),
    )

    class Meta:
        abstract = True


def _check_period_and_signers(record: "Promise | ActionPlan") -> None:
    """The checks a promise and an action plan share, kept in one place so that both say the same: the
    period runs forwards, the police area is a police area, and a body that signs for all is a governing
    body whose decision to do so is recorded. Raises ValidationError on the first that fails."""
    if record.start and record.end and record.end < record.start:
        raise ValidationError({"end": _("The end date is before the start date.")})
    if record.police_area_id and record.police_area.kind != Organisation.Kind.POLICE_AREA:
        raise ValidationError({"police_area": _("Choose a police area.")})
    if record.signing_body_id and not record.signing_body_decision.strip():
        raise ValidationError(
            {"signing_body_decision": _("Record the decision that gave the body the right to sign.")}
        )
    if record.signing_body_id and record.signing_body.kind != Organisation.Kind.GOVERNING_BODY:
        raise ValidationError({"signing_body": _("Choose a governing body.")})


class Promise(Phased, SignedForAll, Scoped, Versioned):
    """A medborgarlöfte: public commitments by the municipality (or collaboration) and the police area."""

    title = models.CharField(_("title"), max_length=200)
    police_area = models.ForeignKey(
        Organisation,
        verbose_name=_("police area"),
        on_delete=models.PROTECT,
        related_name="promises",
        limit_choices_to={"kind": Organisation.Kind.POLICE_AREA},
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    background = models.TextField(
        _("background"),
        blank=True,
        help_text=_("The problems it answers and the dialogues and statistics it builds on (Markdown)."),
    )
    work_period = models.ForeignKey(
        Period,
        verbose_name=_("work period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promises",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PromiseState.choices, default=PromiseState.DRAFT
    )
    # Bumped whenever the commitments change; an approval counts only for the revision it was given for.
    revision = models.PositiveIntegerField(default=1, editable=False)
    activated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What the public page says, frozen when both parties approved (selectors.promise_snapshot): while a
    # change waits for sign-off the public page keeps showing this, marked "under revision".
    approved_version = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["approved_version"])

    class Meta(Scoped.Meta):
        ordering = ["-start", "title"]
        verbose_name = _("citizen promise")
        verbose_name_plural = _("citizen promises")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("promises:promise", args=[self.pk])

    def clean(self):
        _check_period_and_signers(self)

    @property
    def is_public(self) -> bool:
        return self.state in (PromiseState.ACTIVE, PromiseState.CONCLUDED)

    @property
    def period_label(self) -> str:
        return (
            f"{self.start.year}–{self.end.year}" if self.start.year != self.end.year else str(self.start.year)
        )

    def items(self):
        return self.commitments.all()


class Signatory(Scoped):
    """Who signs a promise, by office (the municipal councillor, the head of the local police area)."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="signatories")
    office = models.CharField(_("office"), max_length=200, help_text=_("e.g. municipal councillor"))
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT)
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["organisation__name", "office"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.office}, {self.organisation}"


class Approval(Scoped):
    """One party's approval of one revision of a promise or of an action plan. A collaboration's
    municipalities each approve for themselves: `signs_for` names the municipality (empty for the police,
    a governing body, and the municipality of a single municipality's promise or plan)."""

    promise = models.ForeignKey(
        Promise, null=True, blank=True, on_delete=models.CASCADE, related_name="approvals"
    )
    plan = models.ForeignKey(
        "ActionPlan", null=True, blank=True, on_delete=models.CASCADE, related_name="approvals"
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    signs_for = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("for the municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.PositiveIntegerField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["approved_at"]
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(
                fields=["promise", "party", "revision"],
                condition=Q(signs_for__isnull=True),
                name="one_approval_per_party",
            ),
            models.UniqueConstraint(
                fields=["promise", "signs_for", "revision"],
                condition=Q(signs_for__isnull=False),
                name="one_approval_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["plan", "party", "revision"],
                condition=Q(signs_for__isnull=True),
                name="one_plan_approval_per_party",
            ),
            models.UniqueConstraint(
                fields=["plan", "signs_for", "revision"],
                condition=Q(signs_for__isnull=False),
                name="one_plan_approval_per_municipality",
            ),
            models.CheckConstraint(
                condition=Q(promise__isnull=False, plan__isnull=True)
                | Q(promise__isnull=True, plan__isnull=False),
                name="approval_of_promise_or_plan",
            ),
        ]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")


class ActionPlan(Phased, SignedForAll, Scoped, Versioned):
    """An åtgärdsplan (law 2023:196) or BRÅ's joint action plan, owned by a body such as BRÅ."""

    title = models.CharField(_("title"), max_length=200)
    owner_organisation = models.ForeignKey(
        Organisation, verbose_name=_("owned by"), on_delete=models.PROTECT, related_name="action_plans"
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    background = models.TextField(_("background"), blank=True, help_text=_("Markdown."))
    work_period = models.ForeignKey(
        Period,
        verbose_name=_("work period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    state = models.CharField(_("state"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    # Who signs, as for a promise (services.signers_of): the municipality (each municipality of a
    # collaboration through its own coordinator) and the police area when one is named (a collaboration's
    # plan must name one), or only the governing body named to sign for all.
    police_area = models.ForeignKey(
        Organisation,
        verbose_name=_("police area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans_signed",
        limit_choices_to={"kind": Organisation.Kind.POLICE_AREA},
        help_text=_("The police area that signs the plan with the municipality."),
    )
    # Bumped when the measures or goals change under sign-off: an approval counts for its revision only.
    revision = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["-start", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("promises:plan", args=[self.pk])

    def clean(self):
        _check_period_and_signers(self)
        if self.collaboration_id and not self.signing_body_id and not self.police_area_id:
            raise ValidationError(
                {"police_area": _("A collaboration's plan is signed by the police area too: choose it.")}
            )

    @property
    def is_public(self) -> bool:
        return self.published and self.state in (PlanState.ADOPTED, PlanState.CONCLUDED)

    def items(self):
        return self.measures.all()


class Goal(Scoped):
    """A goal of an action plan; may name an indicator and a target value (until then, text)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal"))
    indicator = models.CharField(
        _("indicator"), max_length=200, blank=True, help_text=_("As text, where no indicator below fits.")
    )
    linked_indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("lägesbild indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["order", "text"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.text[:80]


class Commitment(Scoped, Versioned):
    """One item of a promise (a commitment) or of a plan (a measure): the same mechanism for both."""

    promise = models.ForeignKey(
        Promise, null=True, blank=True, on_delete=models.CASCADE, related_name="commitments"
    )
    plan = models.ForeignKey(
        ActionPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    text = models.TextField(_("text"))
    responsible = models.ManyToManyField(
        Organisation, verbose_name=_("responsible"), related_name="commitments", blank=True
    )
    activities = models.ManyToManyField(
        "activities.Activity",
        verbose_name=_("activities that carry it out"),
        related_name="commitments",
        blank=True,
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Who is responsible and which activities carry it out are part of its history too (names on the page).
    history = HistoricalRecords(m2m_fields=[responsible, activities])

    class Meta(Scoped.Meta):
        ordering = ["order", "text"]
        constraints = [
            *Scoped.Meta.constraints,
            models.CheckConstraint(
                condition=Q(promise__isnull=False, plan__isnull=True)
                | Q(promise__isnull=True, plan__isnull=False),
                name="commitment_in_promise_or_plan",
            ),
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text[:80]

    @property
    def parent(self):
        return self.promise or self.plan

    def progress(self, today: datetime.date | None = None, follow_ups=None):
        """The computed status; pass prefetched follow-ups to avoid a query."""
        target = getattr(self, "target", None)
        if target is None:
            return None
        entries = [
            core.Entry(f.date, f.amount)
            for f in (follow_ups if follow_ups is not None else self.follow_ups.all())
        ]
        entries += target.observed_entries()
        return core.progress(target.spec(), entries, today or timezone.localdate())

    def proposed_verdict(self, today: datetime.date | None = None):
        target = getattr(self, "target", None)
        if target is None:
            return None
        entries = [core.Entry(f.date, f.amount) for f in self.follow_ups.all()]
        entries += target.observed_entries()
        return core.proposed_verdict(target.spec(), entries, today or timezone.localdate())


class Target(Scoped):
    class Kind(models.TextChoices):
        COUNT = core.Kind.COUNT.value, _("A number per period")
        MILESTONE = core.Kind.MILESTONE.value, _("A milestone by a date")
        INDICATOR = core.Kind.INDICATOR.value, _("An indicator level by a date")

    class Unit(models.TextChoices):
        WEEK = core.Unit.WEEK.value, _("per week")
        MONTH = core.Unit.MONTH.value, _("per month")
        YEAR = core.Unit.YEAR.value, _("per year")

    class Direction(models.TextChoices):
        INCREASE = core.Direction.INCREASE.value, _("at least")
        DECREASE = core.Direction.DECREASE.value, _("at most")

    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE, related_name="target")
    kind = models.CharField(_("kind of target"), max_length=16, choices=Kind.choices, default=Kind.COUNT)
    amount = models.DecimalField(
        _("amount per period"),
        max_digits=10,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("period"), max_length=8, choices=Unit.choices, default=Unit.YEAR)
    due = models.DateField(_("due date"), null=True, blank=True)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    linked_indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("lägesbild indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
        help_text=_("Its latest observation for the municipality counts as a measurement."),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    start = models.DateField(_("from"), null=True, blank=True, help_text=_("Empty: the start of the period."))
    end = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: the end of the period."))
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.describe()

    def clean(self):
        if self.kind == self.Kind.MILESTONE and not self.due:
            raise ValidationError({"due": _("A milestone needs a due date.")})
        if self.kind == self.Kind.INDICATOR and self.target_value is None:
            raise ValidationError({"target_value": _("An indicator target needs a target value.")})
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})

    def observed_entries(self) -> list[core.Entry]:
        """The linked indicator's observations for the municipality, dated at the end of their period."""
        if self.kind != self.Kind.INDICATOR or not self.linked_indicator_id or not self.municipality_id:
            return []

        return [
            core.Entry(day, value)
            for day, value in observed_values(self.linked_indicator_id, self.municipality_id)
        ]

    def span(self) -> tuple[datetime.date, datetime.date]:
        parent = self.commitment.parent
        return self.start or parent.start, self.end or parent.end

    def spec(self) -> core.TargetSpec:
        start, end = self.span()
        return core.TargetSpec(
            kind=core.Kind(self.kind),
            start=start,
            end=max(end, start),
            amount=self.amount,
            unit=core.Unit(self.unit),
            due=self.due,
            target_value=self.target_value,
            baseline=self.baseline,
            direction=core.Direction(self.direction),
        )

    def describe(self) -> str:
        if self.kind == self.Kind.COUNT:
            return gettext("%(amount)s %(unit)s") % {
                "amount": number_format(self.amount.normalize()),
                "unit": self.get_unit_display(),
            }
        if self.kind == self.Kind.MILESTONE:
            return gettext("done by %(date)s") % {"date": date_format(self.due, "j F Y")}
        return gettext("%(indicator)s %(direction)s %(value)s by %(date)s") % {
            "indicator": (self.linked_indicator.name if self.linked_indicator_id else self.indicator)
            or gettext("the indicator"),
            "direction": self.get_direction_display(),
            "value": number_format(self.target_value.normalize()),
            "date": date_format(self.due or self.span()[1], "j F Y"),
        }


def validate_evidence_size(file):
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(mb)s MB)."),
            params={"mb": EVIDENCE_MAX_BYTES // (1024 * 1024)},
        )


class FollowUp(Scoped):
    """A dated entry of what was done and how much, with evidence and who reported it."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"))
    description = models.TextField(_("what was done"))
    amount = models.DecimalField(
        _("amount achieved"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("How many times or participants, a measured level, or 1 when a milestone is done."),
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    evidence_url = models.URLField(_("link to evidence"), blank=True)
    evidence_file = models.FileField(
        _("attachment"),
        upload_to=RandomName("promises/evidence"),
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_size],
    )
    # The uploader's file name: the stored name is random, this one goes into Content-Disposition.
    evidence_name = models.CharField(max_length=255, blank=True, editable=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_for = models.ForeignKey(
        Organisation,
        verbose_name=_("reported by (organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["-date", "-reported_at"]
        indexes = [models.Index(fields=["commitment", "date"])]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return f"{self.date}: {self.description[:60]}"


class Verdict(Scoped, Versioned):
    class Value(models.TextChoices):
        KEPT = core.Verdict.KEPT.value, _("Kept")
        PARTLY_KEPT = core.Verdict.PARTLY_KEPT.value, _("Partly kept")
        NOT_KEPT = core.Verdict.NOT_KEPT.value, _("Not kept")

    commitment = models.OneToOneField(Commitment, on_delete=models.CASCADE, related_name="verdict")
    proposed = models.CharField(_("proposed verdict"), max_length=16, choices=Value.choices, blank=True)
    value = models.CharField(_("verdict"), max_length=16, choices=Value.choices)
    explanation = models.TextField(_("public explanation"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")

    def __str__(self):
        return self.get_value_display()


class PlannedEvent(Scoped):
    """A planned occasion for a commitment (the yearly parents' evening): shown in the calendar feed."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="planned_events")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["date"]
        verbose_name = _("planned event")
        verbose_name_plural = _("planned events")

    def __str__(self):
        return self.title


class Reminder(Scoped):
    """What `samverka remind` sent: at most one reminder per commitment and due date."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reminders")
    due = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta(Scoped.Meta):
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(fields=["commitment", "due"], name="one_reminder_per_due_date"),
        ]

    def __str__(self):
        return f"{self.commitment} – {self.due}"


class ProcessTick(Scoped):
    """A manual tick in the process tracker of one work period, for steps Samverka has no data on.

    A tick without a period is one given before the place had periods (or for a place that has none)."""

    period = models.ForeignKey(
        Period,
        verbose_name=_("work period"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="process_ticks",
    )
    key = models.SlugField(max_length=60)
    done = models.BooleanField(default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticked_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        constraints = [
            *Scoped.Meta.constraints,
            models.UniqueConstraint(
                fields=["municipality", "period", "key"],
                condition=Q(period__isnull=False),
                name="one_tick_per_period_and_item",
            ),
            models.UniqueConstraint(
                fields=["municipality", "key"],
                condition=Q(period__isnull=True),
                name="one_tick_per_step_item",
            ),
        ]

    def __str__(self):
        return self.key
