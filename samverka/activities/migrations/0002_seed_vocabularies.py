from django.db import migrations

from samverka.activities.vocabularies import FACTORS, SUBSTANCE_AREAS, TARGET_GROUPS


def seed(apps, schema_editor):
    SubstanceArea = apps.get_model("activities", "SubstanceArea")
    TargetGroup = apps.get_model("activities", "TargetGroup")
    Factor = apps.get_model("activities", "Factor")
    for order, (code, sv, en) in enumerate(SUBSTANCE_AREAS):
        SubstanceArea.objects.get_or_create(code=code, defaults={"name_sv": sv, "name_en": en, "order": order})
    for order, (code, sv, en) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(code=code, defaults={"name_sv": sv, "name_en": en, "order": order})
    for order, (code, sv, en, kind) in enumerate(FACTORS):
        Factor.objects.get_or_create(
            code=code, defaults={"name_sv": sv, "name_en": en, "order": order, "kind": kind}
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial_catalogue")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
