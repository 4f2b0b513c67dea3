"""The indicator models now live in the indicators app, in the same tables: state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0001_indicators_from_situation'),
        ('promises', '0003_indicators_moved'),
        ('situation', '0002_problem_goal_commitment_foreign_keys'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='importrun',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='importrun',
                    name='municipality',
                ),
                migrations.RemoveField(
                    model_name='observation',
                    name='import_run',
                ),
                migrations.RemoveField(
                    model_name='observationchange',
                    name='import_run',
                ),
                migrations.RemoveField(
                    model_name='observation',
                    name='indicator',
                ),
                migrations.AlterField(
                    model_name='reportindicator',
                    name='indicator',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.indicator'),
                ),
                migrations.AlterField(
                    model_name='historicalreportindicator',
                    name='indicator',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.indicator'),
                ),
                migrations.RemoveField(
                    model_name='observation',
                    name='place',
                ),
                migrations.RemoveField(
                    model_name='observationchange',
                    name='observation',
                ),
                migrations.RemoveField(
                    model_name='place',
                    name='county',
                ),
                migrations.RemoveField(
                    model_name='place',
                    name='municipality',
                ),
                migrations.AlterField(
                    model_name='situationreport',
                    name='indicators',
                    field=models.ManyToManyField(blank=True, related_name='reports', through='situation.ReportIndicator', to='indicators.indicator'),
                ),
                migrations.DeleteModel(
                    name='HistoricalIndicator',
                ),
                migrations.DeleteModel(
                    name='ImportRun',
                ),
                migrations.DeleteModel(
                    name='Indicator',
                ),
                migrations.DeleteModel(
                    name='Observation',
                ),
                migrations.DeleteModel(
                    name='ObservationChange',
                ),
                migrations.DeleteModel(
                    name='Place',
                ),
            ],
            database_operations=[],
        ),
    ]
