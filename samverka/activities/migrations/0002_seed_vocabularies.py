from django.db import migrations

from samverka.activities import vocabularies


def seed(apps, schema_editor):
    vocabularies.seed(
        apps.get_model("activities", "SubstanceArea"),
        apps.get_model("activities", "TargetGroup"),
        apps.get_model("activities", "Factor"),
    )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial_catalogue")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
