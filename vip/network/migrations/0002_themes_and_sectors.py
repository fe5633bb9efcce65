"""The network's themes and the eleven sectors of regional groups, as data.

Coordinators may rename or add rows later; this migration only creates the
rows the domain starts with and leaves existing ones alone.
"""

from django.db import migrations

THEMES = [
    (
        "school-non-attendance",
        "Koulua käymättömät",
        "Elever som inte går i skolan",
        "School non-attendance",
    ),
    (
        "activity-area-teaching",
        "Toiminta-alueittain järjestetty opetus",
        "Undervisning ordnad enligt verksamhetsområden",
        "Teaching organised by activity areas",
    ),
    (
        "children-placed-outside-home",
        "Sijoitetut lapset",
        "Placerade barn",
        "Children placed outside their home",
    ),
    (
        "behavioural-symptoms",
        "Käytöksellään oireilevat lapset ja nuoret",
        "Barn och unga med beteendesymtom",
        "Children and young people with behavioural symptoms",
    ),
]

SECTORS = [
    ("rector", "Rehtori", "Rektor", "Rector"),
    (
        "education-administration",
        "Opetustoimen hallinto",
        "Undervisningsförvaltning",
        "Education administration",
    ),
    ("vaatu-chair", "Alueen Vaatu-puheenjohtaja", "Områdets Vaatu-ordförande", "Area Vaatu chair"),
    ("early-childhood", "Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education"),
    (
        "lape-ot-centre",
        "LAPE- ja OT-keskustoimija",
        "LAPE- och OT-centrumaktör",
        "LAPE/OT-centre actor",
    ),
    (
        "specialised-health-care",
        "Erikoissairaanhoito",
        "Specialiserad sjukvård",
        "Specialised health care",
    ),
    ("pupil-welfare", "Oppilashuolto", "Elevhälsa", "Pupil welfare"),
    ("university-research", "Yliopistotutkimus", "Universitetsforskning", "University research"),
    ("teacher-education", "Opettajankoulutus", "Lärarutbildning", "Teacher education"),
    ("child-protection", "Lastensuojelu", "Barnskydd", "Child protection"),
    (
        "avi",
        "Aluehallintovirasto (AVI)",
        "Regionförvaltningsverket (RFV)",
        "Regional state administrative agency (AVI)",
    ),
]


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
