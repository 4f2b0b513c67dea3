"""Consensus scores get a UUID: their history page is found by it, never by the guessable sequential id.

Added nullable, filled row by row (historical rows take the UUID of the score they record), then made
unique and required.
"""

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    ConsensusScore = apps.get_model("readiness", "ConsensusScore")
    HistoricalConsensusScore = apps.get_model("readiness", "HistoricalConsensusScore")
    by_id = {}
    for score in ConsensusScore.objects.only("pk"):
        score.uuid = uuid.uuid4()
        score.save(update_fields=["uuid"])
        by_id[score.pk] = score.uuid
    for record in HistoricalConsensusScore.objects.only("pk", "id"):
        record.uuid = by_id.get(record.id) or uuid.uuid4()
        record.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("readiness", "0002_sheet_import")]

    operations = [
        migrations.AddField(
            model_name="consensusscore", name="uuid", field=models.UUIDField(editable=False, null=True)
        ),
        migrations.AddField(
            model_name="historicalconsensusscore",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consensusscore",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="historicalconsensusscore",
            name="uuid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
