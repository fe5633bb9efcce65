from django.db import migrations

LEVELS = [
    (
        "early-childhood-education",
        "Varhaiskasvatus",
        "Småbarnspedagogik",
        "Early childhood education",
    ),
    ("pre-primary-education", "Esiopetus", "Förskoleundervisning", "Pre-primary education"),
    ("basic-education", "Perusopetus", "Grundläggande utbildning", "Basic education"),
]


def add_levels(apps, schema_editor):
    SchoolLevel = apps.get_model("materials", "SchoolLevel")
    for position, (code, fi, sv, en) in enumerate(LEVELS, start=1):
        SchoolLevel.objects.update_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]

    operations = [migrations.RunPython(add_levels, migrations.RunPython.noop)]
