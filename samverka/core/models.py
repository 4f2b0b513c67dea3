"""Places, organisations and who works where: the tenancy every other app hangs its records on."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class UUIDModel(models.Model):
    """Public identifiers are UUIDs, never sequential ids (nothing to guess or count)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class County(models.Model):
    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=4, unique=True, help_text=_("SCB code"))
    name = models.CharField(_("name"), max_length=100)
    # ASCII only (arjeplog, pitea, alvsbyn): it is part of public addresses under /p/.
    slug = models.SlugField(unique=True, allow_unicode=False)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality", args=[self.slug])


class Organisation(UUIDModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipal administration")
        POLICE_AREA = "police_area", _("Police area")
        COUNTY_BOARD = "county_board", _("County administrative board")
        REGION = "region", _("Region")
        SCHOOL = "school", _("School")
        SOCIAL_SERVICES = "social_services", _("Social services")
        YOUTH_CENTRE = "youth_centre", _("Youth centre")
        ALCOHOL_RETAILER = "alcohol_retailer", _("Alcohol retailer")
        CHURCH = "church", _("Church")
        EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
        ASSOCIATION = "association", _("Association")
        # BRÅ, the council for social sustainability: bodies that own plans and steer working groups.
        GOVERNING_BODY = "governing_body", _("Council or governing body")
        OTHER = "other", pgettext_lazy("kind of organisation (en organisation)", "Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(
        _("role e-mail address"), blank=True, help_text=_("A shared address, not a person's.")
    )
    phone = models.CharField(
        _("role phone number"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()-]{4,18}$",
                _("Enter a phone number: digits, spaces, +, - or parentheses, e.g. 0961-145 00."),
            )
        ],
        help_text=_("A shared number (a switchboard or a function), not a person's."),
    )
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of or steered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("works in"), related_name="organisations", blank=True
    )
    represented = models.ManyToManyField(
        "self",
        verbose_name=_("organisations represented (for a governing body)"),
        symmetrical=False,
        blank=True,
        related_name="represented_in",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def phone_href(self) -> str:
        """The number for a tel: link (RFC 3966): only + and digits; a leading 0 becomes +46."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        if self.phone.startswith("+"):
            return "+" + digits
        return "+46" + digits[1:] if digits.startswith("0") else digits


class Collaboration(UUIDModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    municipalities = models.ManyToManyField(Municipality, related_name="collaborations")
    organisations = models.ManyToManyField(Organisation, related_name="collaborations", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("collaboration", args=[self.slug])


class Role(models.TextChoices):
    # Ordered from least to most: permissions compare by Role.rank().
    READER = "reader", _("Reader")
    EDITOR = "editor", _("Editor")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMIN = "admin", _("Administrator")

    @classmethod
    def rank(cls, role: "str | None") -> int:
        return -1 if role is None else list(cls.values).index(role)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.READER)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. prevention coordinator")
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Scoped(UUIDModel):
    """A record that belongs to one municipality or to one collaboration, never both, never neither.

    Apps inherit this so that `core.permissions` can decide who sees and changes any record the same way.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collaboration = models.ForeignKey(
        Collaboration,
        verbose_name=_("collaboration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, collaboration__isnull=True)
                    | Q(municipality__isnull=True, collaboration__isnull=False)
                ),
                name="%(app_label)s_%(class)s_one_owner",
            )
        ]

    @property
    def owner(self):
        return self.municipality or self.collaboration


def owner_fields(owner) -> dict:
    """{"municipality": ..., "collaboration": ...} of a Scoped record owned by `owner`: for creating one, and
    as a filter for the records of exactly that owner."""
    if isinstance(owner, Municipality):
        return {"municipality": owner, "collaboration": None}
    if isinstance(owner, Collaboration):
        return {"municipality": None, "collaboration": owner}
    raise TypeError(f"{owner!r} cannot own records")


class Versioned(models.Model):
    """Optimistic locking for records that two people may edit at once (see core.concurrency)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Period(Scoped):
    """An arbetsperiod: the years a municipality's (or collaboration's) lägesbild, prioritised problems,
    åtgärdsplan, medborgarlöften, readiness assessments and yearly follow-ups belong to.

    Periods of the same place never overlap (core.periods.check_free); the apps point their records at
    one with a `period` foreign key.
    """

    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    # Set when the next period was started: the verdicts of the ending promise left open, and why.
    open_verdicts_reason = models.TextField(_("why verdicts are left open"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(Scoped.Meta):
        ordering = ["-first_year"]
        verbose_name = _("work period")
        verbose_name_plural = _("work periods")
        constraints = [
            *Scoped.Meta.constraints,
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")), name="period_years_ordered"
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("reports:period", args=[self.pk])

    @property
    def label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.last_year, 12, 31)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))
