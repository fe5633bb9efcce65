"""The themes of the network and the eleven sectors of regional groups: reference rows.

A data migration creates them in every database; ``ensure_themes_and_sectors``
puts back any that are missing (after a flush, say) and leaves existing rows,
which coordinators may have renamed, alone.
"""

from __future__ import annotations

from vip.network.models import Sector, Theme

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


def ensure_themes_and_sectors() -> int:
    """Create the missing rows; returns how many were created."""
    created = 0
    for model, rows in ((Theme, THEMES), (Sector, SECTORS)):
        for position, (code, name_fi, name_sv, name_en) in enumerate(rows, start=1):
            _row, was_created = model.objects.get_or_create(
                code=code,
                defaults={
                    "name_fi": name_fi,
                    "name_sv": name_sv,
                    "name_en": name_en,
                    "position": position,
                },
            )
            created += was_created
    return created
