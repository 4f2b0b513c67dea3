"""Indicators and their observations for places (municipalities, counties, the country), and the runs that
imported them. Below both the lägesbild (situation) and the action plans (promises), which link indicators.

The tables keep the names they had when these models lived in the situation app (`situation_*`), so
moving them changed no data.
"""

import json
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
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


QUANT = Decimal("0.000001")  # a value's six decimal places: what is stored is compared with what is read


class ValuesField(models.Field):
    """A list of one base field's values: a PostgreSQL array, or a JSON array on SQLite (no arrays there).

    Only Series uses it, and only SQL reads it (the observation view and the import): a series' values are
    read one by one through Observation, so nothing needs lookups into the list."""

    def __init__(self, base_field, **kwargs):
        self.base_field = base_field
        super().__init__(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["base_field"] = self.base_field.clone()
        return name, path, args, kwargs

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return f"{self.base_field.db_type(connection)}[]"
        return "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        if connection.vendor == "postgresql":
            return [self.base_field.get_db_prep_value(v, connection, prepared=False) for v in value]
        return json.dumps([float(v) if isinstance(v, Decimal) else v for v in value])

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value, parse_float=Decimal)


class Series(models.Model):
    """An indicator's values for one place and group, every period of them in one row: what is stored.

    One row a series, not one an observation (issue 13): a national file of a million observations is some
    40,000 series, and writing a million rows and their index entries costs PostgreSQL several times what
    reading the file does. The periods are parallel lists (period i has values[i], counts[i]…); read them
    one observation at a time through Observation, a view that unnests them. The import and
    Observation.objects.create write them."""

    id = models.BigAutoField(primary_key=True)
    # No database constraints on the three references: a fact table loaded in bulk, whose import checks
    # indicator, place and run set-based first. CASCADE, PROTECT and SET_NULL still hold: Django's
    # deletion collector applies them in Python. No separate index on indicator: the unique key leads with it.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="series", db_index=False, db_constraint=False
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="series", db_constraint=False)
    group = models.CharField(_("group"), max_length=4, choices=Group.choices, default=Group.TOTAL)
    periods = ValuesField(models.CharField(max_length=10))
    values = ValuesField(models.DecimalField(max_digits=18, decimal_places=6, null=True))
    counts = ValuesField(models.IntegerField(null=True))
    denominators = ValuesField(models.IntegerField(null=True))
    statuses = ValuesField(models.CharField(max_length=40))
    # the last import that changed the series
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "situation_series"
        verbose_name = _("series")
        verbose_name_plural = _("series")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "place", "group"], name="one_series_per_key")
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.place_id} {self.group}: {len(self.periods or ())} periods"


def _series_write(indicator_id, place_id, group: str, changes: dict, import_run=None) -> int | None:
    """Write periods of one series: `changes` maps a period to (value, count, denominator, status), or to
    None to take it out. The series is created when new, and deleted when left without periods. Returns its
    id (None when deleted). Single observations only (tests, a record by hand): files go through the
    import (importing.py), which writes series set-based."""
    with transaction.atomic():
        series, _new = Series.objects.select_for_update().get_or_create(
            indicator_id=indicator_id,
            place_id=place_id,
            group=group,
            defaults={"periods": [], "values": [], "counts": [], "denominators": [], "statuses": []},
        )
        lists = [series.values, series.counts, series.denominators, series.statuses]
        rows = dict(zip(series.periods, zip(*lists, strict=True), strict=True))
        for period, row in changes.items():
            if row is None:
                rows.pop(period, None)
            else:
                value = row[0]
                rows[period] = (None if value is None else Decimal(str(value)).quantize(QUANT), *row[1:])
        if not rows:
            series.delete()
            return None
        series.periods = list(rows)
        series.values, series.counts, series.denominators, series.statuses = (
            [row[n] for row in rows.values()] for n in range(4)
        )
        series.import_run, series.updated_at = import_run, timezone.now()
        series.save()
    return series.pk


class ObservationQuerySet(models.QuerySet):
    """Observations are a view: a write goes to their series, one observation at a time."""

    FIELDS = ("value", "count", "denominator", "status")

    def update(self, **fields):
        unknown = set(fields) - set(self.FIELDS)
        if unknown:
            raise TypeError(f"only {', '.join(self.FIELDS)} of an observation can be updated")
        with transaction.atomic():
            found = list(self)
            for o in found:
                row = {name: fields.get(name, getattr(o, name)) for name in self.FIELDS}
                _series_write(o.indicator_id, o.place_id, o.group, {o.period: tuple(row.values())})
        return len(found)

    def delete(self):
        with transaction.atomic():
            found = list(self)
            for o in found:
                _series_write(o.indicator_id, o.place_id, o.group, {o.period: None})
        return len(found), {self.model._meta.label: len(found)}


class ObservationManager(models.Manager.from_queryset(ObservationQuerySet)):
    def create(
        self,
        *,
        period,
        indicator=None,
        place=None,
        group=Group.TOTAL,
        value=None,
        count=None,
        denominator=None,
        status="",
        import_run=None,
        **ids,
    ):
        """One observation, written into its series (created when new; a period given again replaced)."""
        indicator_id = indicator.pk if indicator is not None else ids.pop("indicator_id")
        place_id = place.pk if place is not None else ids.pop("place_id")
        if ids:
            raise TypeError(f"unexpected arguments: {', '.join(ids)}")
        row = (value, count, denominator, status)
        series_id = _series_write(indicator_id, place_id, group, {period: row}, import_run)
        return self.get(series_id=series_id, period=period)


class Observation(models.Model):
    """One value of an indicator for a place, period and group: a read-only view of the series
    (`situation_observation`, one row per period of a series; see Series). Keyed: importing twice changes
    nothing. Reading it is reading the series' rows for the indicator, place and group filtered on, so
    filters on those are cheap; a query over everything unnests every series."""

    # series id × 1,000 + the period's position: unique, never shown or looked up from user input
    id = models.BigIntegerField(primary_key=True)
    series = models.ForeignKey(Series, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.DO_NOTHING, related_name="observations", db_constraint=False
    )
    place = models.ForeignKey(
        Place, on_delete=models.DO_NOTHING, related_name="observations", db_constraint=False
    )
    period = models.CharField(_("period"), max_length=10)
    group = models.CharField(_("group"), max_length=4, choices=Group.choices, default=Group.TOTAL)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=6, null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("denominator"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=40, blank=True, help_text=_("e.g. missing"))
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    objects = ObservationManager()

    class Meta:
        managed = False
        db_table = "situation_observation"
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self):
        return f"{self.indicator_id} {self.place_id} {self.period} {self.group}: {self.value}"


class ObservationChange(models.Model):
    """What a corrected file changed in one period of a series: the value and status before and after, and
    which import did it."""

    id = models.BigAutoField(primary_key=True)
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="changes")
    period = models.CharField(_("period"), max_length=10)
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
        return f"{self.series_id} {self.period}: {self.old_value} -> {self.new_value}"
