"""The indicator models now live in the indicators app, in the same tables: state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0001_indicators_from_situation'),
        ('promises', '0002_goal_target_linked_indicator'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='goal',
                    name='linked_indicator',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='goals', to='indicators.indicator', verbose_name='lägesbild indicator'),
                ),
                migrations.AlterField(
                    model_name='historicalgoal',
                    name='linked_indicator',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.indicator', verbose_name='lägesbild indicator'),
                ),
                migrations.AlterField(
                    model_name='historicaltarget',
                    name='linked_indicator',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='Its latest observation for the municipality counts as a measurement.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.indicator', verbose_name='lägesbild indicator'),
                ),
                migrations.AlterField(
                    model_name='target',
                    name='linked_indicator',
                    field=models.ForeignKey(blank=True, help_text='Its latest observation for the municipality counts as a measurement.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='targets', to='indicators.indicator', verbose_name='lägesbild indicator'),
                ),
            ],
            database_operations=[],
        ),
    ]
