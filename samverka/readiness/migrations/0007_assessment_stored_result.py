from types import SimpleNamespace

from django.db import migrations, models


def fill_stored_results(apps, schema_editor):
    """Store the result of every existing assessment, computed as the pages computed it until now."""
    from samverka.readiness.selectors import result_data

    names = ["Interview", "ConsensusScore", "Score", "ScoreSheet", "TeamMember"]
    historical = SimpleNamespace(**{name: apps.get_model("readiness", name) for name in names})
    Assessment = apps.get_model("readiness", "Assessment")
    pks = list(Assessment.objects.values_list("pk", flat=True))
    for start in range(0, len(pks), 200):
        assessments = list(Assessment.objects.filter(pk__in=pks[start : start + 200]))
        data = result_data(assessments, models=historical)
        for assessment in assessments:
            assessment.stored_result = data[assessment.pk]
        Assessment.objects.bulk_update(assessments, ["stored_result"])


class Migration(migrations.Migration):
    dependencies = [
        ("readiness", "0006_interview_status_minimum_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="stored_result",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_stored_results, migrations.RunPython.noop),
    ]
