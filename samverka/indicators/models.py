"""Indicators and their observations for places (municipalities, counties, the country), and the runs that
imported them. Below both the lägesbild (situation) and the action plans (promises), which link indicators.

The tables keep the names they had when these models lived in the situation app (`situation_*`), so
moving them changed no data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverka.core.models import County, Municipality, UUIDModel


class Place(models.Model):
    """Where an observation was measured: a municipality, a county or the whole country.

    One reference instead of three nullable foreign keys on every observation: the observation key
    (indicator, place, period, group) stays a single unique index, comparison lines are one query on
    `place__in`, and the code is Kolada's own id (2506, 0025, 0000), so imports map ids directly.
    A Place is created for every Municipality and County (see importing.places_ensure) and for the country.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        COUNTY = "county", _("County")
        MUNICIPALITY = "municipality", _("Municipality")

    code = models.CharField(_("Kolada id"), max_length=4, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    municipality = models.OneToOneField(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="place"
    )
    county = models.OneToOneField(
        County, null=True, blank=True, on_delete=models.CASCADE, related_name="place"
    )

    class Meta:
        db_table = "situation_place"
        ordering = ["code"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="country", municipality__isnull=True, county__isnull=True)
                    | models.Q(kind="county", municipality__isnull=True, county__isnull=False)
                    | models.Q(kind="municipality", municipality__isnull=False, county__isnull=True)
                ),
                name="situation_place_kind_matches_reference",
            )
        ]

    def __str__(self):
        return self.name


class Indicator(UUIDModel):
    """A measure. Its meaning is data: a Kolada KPI's title comes from Kolada's /v3/kpi answer (or the
    user names it), never from our code."""

    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        SURVEY = "survey", _("School survey (CAN, Stockholmsenkäten, local)")
        POLICE = "police", _("Police or Brå statistics")
        OWN = "own", _("Own count")

    class Direction(models.TextChoices):
        HIGHER_BETTER = "better", _("Higher is better")
        HIGHER_WORSE = "worse", _("Higher is worse")
        NEUTRAL = "neutral", _("Neither")

    class Area(models.TextChoices):
        ALCOHOL = "alcohol", _("Alcohol")
        NARCOTICS = "narcotics", _("Narcotics")
        DOPING = "doping", _("Doping")
        TOBACCO = "tobacco", _("Tobacco and nicotine")
        GAMBLING = "gambling", _("Gambling")
        CRIME = "crime", _("Crime prevention")
        GENERAL = "general", _("Several or general")

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_id = models.CharField(_("the source's id"), max_length=40, help_text=_("e.g. a Kolada KPI id"))
    name_sv = models.CharField(_("name (Swedish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("e.g. %, per 1,000 inhabitants")
    )
    direction = models.CharField(
        _("a higher value is"), max_length=8, choices=Direction.choices, default=Direction.NEUTRAL
    )
    area = models.CharField(_("ANDTS area"), max_length=16, choices=Area.choices, default=Area.GENERAL)
    measurement_note = models.TextField(_("how it is measured"), blank=True)
    is_count = models.BooleanField(
        _("values are counts of people or events"),
        default=False,
        help_text=_("Counts below 5 are shown as 'fewer than 5' on public pages."),
    )
    history = HistoricalRecords(table_name="situation_historicalindicator")

    class Meta:
        db_table = "situation_indicator"
        ordering = ["name_sv"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_indicator_per_source_id")
        ]

    def __str__(self):
        return self.name_sv or self.source_id

    @property
    def name(self):
        return self.name_en if (get_language() or "sv").startswith("en") and self.name_en else self.name_sv


class Group(models.TextChoices):
    TOTAL = "T", _("Total")
    WOMEN = "K", _("Girls/women")
    MEN = "M", _("Boys/men")
    Y9 = "y9", _("Year 9")
    Y9_GIRLS = "y9K", _("Year 9, girls")
    Y9_BOYS = "y9M", _("Year 9, boys")
    G2 = "g2", _("Upper-secondary year 2")
    G2_GIRLS = "g2K", _("Upper-secondary year 2, girls")
    G2_BOYS = "g2M", _("Upper-secondary year 2, boys")


class ImportRun(UUIDModel):
    """One import of a file (or a Kolada fetch): who, when, what, and what it changed.

    Not Scoped: a Kolada file holds many places, and the command runs without a user. `municipality`
    records whose page it was started from, when it was the page.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=16)
    sha256 = models.CharField(max_length=64, blank=True)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    # The uploaded file between preview and confirmation; emptied once imported.
    payload = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "situation_importrun"
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class Observation(models.Model):
    """One value of an indicator for a place, period and group. Keyed, so importing twice changes nothing.

    A plain big-integer key (never shown or looked up from user input) keeps a national data set's
    index small; changes made by imports are kept in ObservationChange.
    """

    id = models.BigAutoField(primary_key=True)
    # No separate index on indicator: the unique key (indicator, place, period, group) leads with it, and
    # every index costs time on a national import.
    # No database constraints on the three references: this is a fact table loaded in bulk, and the import
    # checks indicator, place and run set-based before its merge. Django's deferred foreign keys would
    # queue one check per row and reference and run them all at commit (~7 s per 100,000 rows).
    # CASCADE, PROTECT and SET_NULL still hold: Django's deletion collector applies them in Python.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        db_index=False,
        db_constraint=False,
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="observations", db_constraint=False
    )
    period = models.CharField(_("period"), max_length=10)
    group = models.CharField(_("group"), max_length=4, choices=Group.choices, default=Group.TOTAL)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=6, null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("denominator"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=40, blank=True, help_text=_("e.g. missing"))
    import_run = models.ForeignKey(
        ImportRun,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "situation_observation"
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "place", "period", "group"], name="one_observation_per_key"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.place_id} {self.period} {self.group}: {self.value}"


class ObservationChange(models.Model):
    """What a corrected file changed: the value and status before and after, and which import did it."""

    id = models.BigAutoField(primary_key=True)
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="changes")
    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    new_value = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    old_status = models.CharField(max_length=40, blank=True)
    new_status = models.CharField(max_length=40, blank=True)
    old_count = models.PositiveIntegerField(null=True)
    new_count = models.PositiveIntegerField(null=True)

    class Meta:
        db_table = "situation_observationchange"
        ordering = ["-id"]

    def __str__(self):
        return f"{self.observation_id}: {self.old_value} -> {self.new_value}"
