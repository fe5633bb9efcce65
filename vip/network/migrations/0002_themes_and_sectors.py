"""The network's themes and the eleven sectors of regional groups, as data.

Coordinators may rename or add rows later; this migration only creates the
rows the domain starts with and leaves existing ones alone.
"""

from django.db import migrations

# The rows as first shipped; reference_data.py restores missing ones later on.
from vip.network.reference_data import SECTORS, THEMES


def create_rows(apps, schema_editor):
    for model_name, rows in (("Theme", THEMES), ("Sector", SECTORS)):
        model = apps.get_model("network", model_name)
        for position, (code, name_fi, name_sv, name_en) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code,
                defaults={
                    "name_fi": name_fi,
                    "name_sv": name_sv,
                    "name_en": name_en,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
