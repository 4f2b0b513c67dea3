"""Places, indicators, observations and import runs move here from the situation app.

Only Django's picture of the models changes: the tables (`situation_place`, `situation_indicator`, ...)
were created by situation's first migration and keep their names and rows. Their content types are
renamed so that history, admin links and permissions stay attached to the same rows.
"""

import django.db.models.deletion
import simple_history.models
import uuid
from django.conf import settings
from django.db import migrations, models

MOVED = ["place", "indicator", "historicalindicator", "importrun", "observation", "observationchange"]


def _rename(apps, old_label, new_label):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=new_label, model=model).exists():
            content_type.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def content_types_to_indicators(apps, schema_editor):
    _rename(apps, "situation", "indicators")


def content_types_to_situation(apps, schema_editor):
    _rename(apps, "indicators", "situation")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('situation', '0001_indicators_observations_lagesbild'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalIndicator',
                    fields=[
                        ('id', models.UUIDField(db_index=True, default=uuid.uuid4, editable=False)),
                        ('source', models.CharField(choices=[('kolada', 'Kolada'), ('survey', 'School survey (CAN, Stockholmsenkäten, local)'), ('police', 'Police or Brå statistics'), ('own', 'Own count')], max_length=16, verbose_name='source')),
                        ('source_id', models.CharField(help_text='e.g. a Kolada KPI id', max_length=40, verbose_name="the source's id")),
                        ('name_sv', models.CharField(max_length=300, verbose_name='name (Swedish)')),
                        ('name_en', models.CharField(blank=True, max_length=300, verbose_name='name (English)')),
                        ('unit', models.CharField(blank=True, help_text='e.g. %, per 1,000 inhabitants', max_length=40, verbose_name='unit')),
                        ('direction', models.CharField(choices=[('better', 'Higher is better'), ('worse', 'Higher is worse'), ('neutral', 'Neither')], default='neutral', max_length=8, verbose_name='a higher value is')),
                        ('area', models.CharField(choices=[('alcohol', 'Alcohol'), ('narcotics', 'Narcotics'), ('doping', 'Doping'), ('tobacco', 'Tobacco and nicotine'), ('gambling', 'Gambling'), ('crime', 'Crime prevention'), ('general', 'Several or general')], default='general', max_length=16, verbose_name='ANDTS area')),
                        ('measurement_note', models.TextField(blank=True, verbose_name='how it is measured')),
                        ('is_count', models.BooleanField(default=False, help_text="Counts below 5 are shown as 'fewer than 5' on public pages.", verbose_name='values are counts of people or events')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical indicator',
                        'verbose_name_plural': 'historical indicators',
                        'db_table': 'situation_historicalindicator',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ImportRun',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('file_name', models.CharField(max_length=255, verbose_name='file')),
                        ('file_format', models.CharField(max_length=16, verbose_name='format')),
                        ('sha256', models.CharField(blank=True, max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('status', models.CharField(choices=[('preview', 'Preview'), ('done', 'Imported'), ('failed', 'Refused')], default='preview', max_length=16, verbose_name='status')),
                        ('rows', models.PositiveIntegerField(default=0)),
                        ('created', models.PositiveIntegerField(default=0)),
                        ('updated', models.PositiveIntegerField(default=0)),
                        ('unchanged', models.PositiveIntegerField(default=0)),
                        ('message', models.TextField(blank=True)),
                        ('payload', models.BinaryField(blank=True, null=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.municipality')),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'imports',
                        'db_table': 'situation_importrun',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('source', models.CharField(choices=[('kolada', 'Kolada'), ('survey', 'School survey (CAN, Stockholmsenkäten, local)'), ('police', 'Police or Brå statistics'), ('own', 'Own count')], max_length=16, verbose_name='source')),
                        ('source_id', models.CharField(help_text='e.g. a Kolada KPI id', max_length=40, verbose_name="the source's id")),
                        ('name_sv', models.CharField(max_length=300, verbose_name='name (Swedish)')),
                        ('name_en', models.CharField(blank=True, max_length=300, verbose_name='name (English)')),
                        ('unit', models.CharField(blank=True, help_text='e.g. %, per 1,000 inhabitants', max_length=40, verbose_name='unit')),
                        ('direction', models.CharField(choices=[('better', 'Higher is better'), ('worse', 'Higher is worse'), ('neutral', 'Neither')], default='neutral', max_length=8, verbose_name='a higher value is')),
                        ('area', models.CharField(choices=[('alcohol', 'Alcohol'), ('narcotics', 'Narcotics'), ('doping', 'Doping'), ('tobacco', 'Tobacco and nicotine'), ('gambling', 'Gambling'), ('crime', 'Crime prevention'), ('general', 'Several or general')], default='general', max_length=16, verbose_name='ANDTS area')),
                        ('measurement_note', models.TextField(blank=True, verbose_name='how it is measured')),
                        ('is_count', models.BooleanField(default=False, help_text="Counts below 5 are shown as 'fewer than 5' on public pages.", verbose_name='values are counts of people or events')),
                    ],
                    options={
                        'verbose_name': 'indicator',
                        'verbose_name_plural': 'indicators',
                        'db_table': 'situation_indicator',
                        'ordering': ['name_sv'],
                        'constraints': [models.UniqueConstraint(fields=('source', 'source_id'), name='one_indicator_per_source_id')],
                    },
                ),
                migrations.CreateModel(
                    name='Observation',
                    fields=[
                        ('id', models.BigAutoField(primary_key=True, serialize=False)),
                        ('period', models.CharField(max_length=10, verbose_name='period')),
                        ('group', models.CharField(choices=[('T', 'Total'), ('K', 'Girls/women'), ('M', 'Boys/men'), ('y9', 'Year 9'), ('y9K', 'Year 9, girls'), ('y9M', 'Year 9, boys'), ('g2', 'Upper-secondary year 2'), ('g2K', 'Upper-secondary year 2, girls'), ('g2M', 'Upper-secondary year 2, boys')], default='T', max_length=4, verbose_name='group')),
                        ('value', models.DecimalField(blank=True, decimal_places=6, max_digits=18, null=True, verbose_name='value')),
                        ('count', models.PositiveIntegerField(blank=True, null=True, verbose_name='count')),
                        ('denominator', models.PositiveIntegerField(blank=True, null=True, verbose_name='denominator')),
                        ('status', models.CharField(blank=True, help_text='e.g. missing', max_length=40, verbose_name='status')),
                        ('updated_at', models.DateTimeField(blank=True, null=True)),
                        ('import_run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='indicators.importrun')),
                        ('indicator', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='indicators.indicator')),
                    ],
                    options={
                        'verbose_name': 'observation',
                        'verbose_name_plural': 'observations',
                        'db_table': 'situation_observation',
                    },
                ),
                migrations.CreateModel(
                    name='ObservationChange',
                    fields=[
                        ('id', models.BigAutoField(primary_key=True, serialize=False)),
                        ('old_value', models.DecimalField(decimal_places=6, max_digits=18, null=True)),
                        ('new_value', models.DecimalField(decimal_places=6, max_digits=18, null=True)),
                        ('old_status', models.CharField(blank=True, max_length=40)),
                        ('new_status', models.CharField(blank=True, max_length=40)),
                        ('old_count', models.PositiveIntegerField(null=True)),
                        ('new_count', models.PositiveIntegerField(null=True)),
                        ('import_run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='indicators.importrun')),
                        ('observation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='indicators.observation')),
                    ],
                    options={
                        'db_table': 'situation_observationchange',
                        'ordering': ['-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Place',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=4, unique=True, verbose_name='Kolada id')),
                        ('kind', models.CharField(choices=[('country', 'Country'), ('county', 'County'), ('municipality', 'Municipality')], max_length=16, verbose_name='kind')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('county', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='place', to='core.county')),
                        ('municipality', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='place', to='core.municipality')),
                    ],
                    options={
                        'verbose_name': 'place',
                        'verbose_name_plural': 'places',
                        'db_table': 'situation_place',
                        'ordering': ['code'],
                    },
                ),
                migrations.AddField(
                    model_name='observation',
                    name='place',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='observations', to='indicators.place'),
                ),
                migrations.AddConstraint(
                    model_name='place',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('county__isnull', True), ('kind', 'country'), ('municipality__isnull', True)), models.Q(('county__isnull', False), ('kind', 'county'), ('municipality__isnull', True)), models.Q(('county__isnull', True), ('kind', 'municipality'), ('municipality__isnull', False)), _connector='OR'), name='situation_place_kind_matches_reference'),
                ),
                migrations.AddConstraint(
                    model_name='observation',
                    constraint=models.UniqueConstraint(fields=('indicator', 'place', 'period', 'group'), name='one_observation_per_key'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_indicators, content_types_to_situation),
    ]
