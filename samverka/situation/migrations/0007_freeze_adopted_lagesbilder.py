"""Lägesbilder adopted before snapshots were kept are frozen as they stand now: from here on, imports and
corrections no longer change them. Uses the app's own snapshot code (there is no other way to know what a
lägesbild shows); a fresh database has no lägesbilder and skips it."""

from django.db import migrations


def freeze(apps, schema_editor):
    from samverka.situation import selectors
    from samverka.situation.models import SituationReport

    for report in SituationReport.objects.filter(status="adopted", snapshot__isnull=True):
        SituationReport.objects.filter(pk=report.pk).update(snapshot=selectors.snapshot(report))


class Migration(migrations.Migration):
    dependencies = [("situation", "0006_lagesbild_snapshot")]

    operations = [migrations.RunPython(freeze, migrations.RunPython.noop)]
