"""Observations stored as series (issue 13): one row per indicator, place and group with its periods as
parallel lists, and `situation_observation` a view that unnests them, so that every reader of observations
reads as before. Existing observations and their recorded changes move into the series."""

import django.db.models.deletion
from django.db import migrations, models

import samverka.indicators.models

SERIES_FROM_OBSERVATIONS = {
    "postgresql": (
        'INSERT INTO situation_series (indicator_id, place_id, "group", periods, "values", counts, '
        "denominators, statuses, import_run_id, updated_at) "
        'SELECT indicator_id, place_id, "group", array_agg(period ORDER BY period), '
        'array_agg(value ORDER BY period), array_agg("count" ORDER BY period), '
        "array_agg(denominator ORDER BY period), array_agg(status ORDER BY period), "
        "(array_agg(import_run_id ORDER BY updated_at DESC NULLS LAST))[1], max(updated_at) "
        'FROM situation_observation GROUP BY indicator_id, place_id, "group"'
    ),
    "sqlite": (
        'INSERT INTO situation_series (indicator_id, place_id, "group", periods, "values", counts, '
        "denominators, statuses, import_run_id, updated_at) "
        'SELECT indicator_id, place_id, "group", json_group_array(period), json_group_array(value), '
        'json_group_array("count"), json_group_array(denominator), json_group_array(status), '
        "max(import_run_id), max(updated_at) "
        'FROM (SELECT * FROM situation_observation ORDER BY indicator_id, place_id, "group", period) '
        'GROUP BY indicator_id, place_id, "group"'
    ),
}

CHANGES_TO_SERIES = (
    "UPDATE situation_observationchange SET "
    "series_id = (SELECT s.id FROM situation_observation o JOIN situation_series s "
    'ON s.indicator_id = o.indicator_id AND s.place_id = o.place_id AND s."group" = o."group" '
    "WHERE o.id = situation_observationchange.observation_id), "
    "period = (SELECT o.period FROM situation_observation o WHERE o.id = situation_observationchange.observation_id)"
)

# One row per period of a series. The id: the series' id × 10,000 + the period's position.
OBSERVATION_VIEW = {
    "postgresql": (
        "CREATE VIEW situation_observation AS "
        "SELECT s.id * 10000 + o.n AS id, s.id AS series_id, s.indicator_id, s.place_id, o.period, "
        's."group", o.value, o."count", o.denominator, o.status, s.import_run_id, s.updated_at '
        "FROM situation_series s CROSS JOIN LATERAL "
        'unnest(s.periods, s."values", s.counts, s.denominators, s.statuses) '
        'WITH ORDINALITY AS o(period, value, "count", denominator, status, n)'
    ),
    "sqlite": (
        "CREATE VIEW situation_observation AS "
        "SELECT s.id * 10000 + p.key AS id, s.id AS series_id, s.indicator_id, s.place_id, "
        'p.value AS period, s."group", '
        "json_extract(s.\"values\", '$[' || p.key || ']') AS value, "
        "json_extract(s.counts, '$[' || p.key || ']') AS \"count\", "
        "json_extract(s.denominators, '$[' || p.key || ']') AS denominator, "
        "json_extract(s.statuses, '$[' || p.key || ']') AS status, "
        "s.import_run_id, s.updated_at "
        "FROM situation_series s, json_each(s.periods) p"
    ),
}


def series_from_observations(apps, schema_editor):
    schema_editor.execute(SERIES_FROM_OBSERVATIONS[schema_editor.connection.vendor])
    schema_editor.execute(CHANGES_TO_SERIES)


def create_view(apps, schema_editor):
    schema_editor.execute(OBSERVATION_VIEW[schema_editor.connection.vendor])


def drop_view(apps, schema_editor):
    schema_editor.execute("DROP VIEW situation_observation")


GROUPS = [
    ("T", "Total"),
    ("K", "Girls/women"),
    ("M", "Boys/men"),
    ("y9", "Year 9"),
    ("y9K", "Year 9, girls"),
    ("y9M", "Year 9, boys"),
    ("g2", "Upper-secondary year 2"),
    ("g2K", "Upper-secondary year 2, girls"),
    ("g2M", "Upper-secondary year 2, boys"),
]


def list_field(base):
    return samverka.indicators.models.ValuesField(base_field=base)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_observation_references_without_db_constraints"),
    ]

    operations = [
        migrations.CreateModel(
            name="Series",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                (
                    "group",
                    models.CharField(
                        choices=GROUPS,
                        default="T",
                        max_length=4,
                        verbose_name="group",
                    ),
                ),
                ("periods", list_field(models.CharField(max_length=10))),
                ("values", list_field(models.DecimalField(decimal_places=6, max_digits=18, null=True))),
                ("counts", list_field(models.IntegerField(null=True))),
                ("denominators", list_field(models.IntegerField(null=True))),
                ("statuses", list_field(models.CharField(max_length=40))),
                ("updated_at", models.DateTimeField(blank=True, null=True)),
                (
                    "import_run",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="indicators.importrun",
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="series",
                        to="indicators.indicator",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="series",
                        to="indicators.place",
                    ),
                ),
            ],
            options={
                "verbose_name": "series",
                "verbose_name_plural": "series",
                "db_table": "situation_series",
                "constraints": [
                    models.UniqueConstraint(fields=("indicator", "place", "group"), name="one_series_per_key")
                ],
            },
        ),
        migrations.AddField(
            model_name="observationchange",
            name="series",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="changes",
                to="indicators.series",
            ),
        ),
        migrations.AddField(
            model_name="observationchange",
            name="period",
            field=models.CharField(default="", max_length=10, verbose_name="period"),
            preserve_default=False,
        ),
        migrations.RunPython(series_from_observations, migrations.RunPython.noop),
        migrations.RemoveField(model_name="observationchange", name="observation"),
        migrations.AlterField(
            model_name="observationchange",
            name="series",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="changes", to="indicators.series"
            ),
        ),
        migrations.DeleteModel(name="Observation"),
        migrations.RunPython(create_view, drop_view),
        migrations.CreateModel(
            name="Observation",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("period", models.CharField(max_length=10, verbose_name="period")),
                (
                    "group",
                    models.CharField(
                        choices=GROUPS,
                        default="T",
                        max_length=4,
                        verbose_name="group",
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        blank=True, decimal_places=6, max_digits=18, null=True, verbose_name="value"
                    ),
                ),
                ("count", models.PositiveIntegerField(blank=True, null=True, verbose_name="count")),
                ("denominator", models.PositiveIntegerField(blank=True, null=True, verbose_name="denominator")),
                (
                    "status",
                    models.CharField(blank=True, help_text="e.g. missing", max_length=40, verbose_name="status"),
                ),
                ("updated_at", models.DateTimeField(blank=True, null=True)),
                (
                    "import_run",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="indicators.importrun",
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="observations",
                        to="indicators.indicator",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="observations",
                        to="indicators.place",
                    ),
                ),
                (
                    "series",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="indicators.series",
                    ),
                ),
            ],
            options={
                "verbose_name": "observation",
                "verbose_name_plural": "observations",
                "db_table": "situation_observation",
                "managed": False,
            },
        ),
    ]
