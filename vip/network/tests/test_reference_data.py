"""The four themes and eleven sectors exist in every database and can be restored."""

from __future__ import annotations

import pytest

from vip.network.models import Sector, Theme
from vip.network.reference_data import SECTORS, THEMES, ensure_themes_and_sectors

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_four_themes_and_eleven_sectors_in_three_languages():
    assert Theme.objects.count() == len(THEMES) == 4
    assert Sector.objects.count() == len(SECTORS) == 11
    pupil_welfare = Sector.objects.get(code="pupil-welfare")
    assert (pupil_welfare.name_fi, pupil_welfare.name_sv, pupil_welfare.name_en) == (
        "Oppilashuolto",
        "Elevhälsa",
        "Pupil welfare",
    )


def test_it_restores_missing_rows_and_leaves_renamed_ones_alone():
    Sector.objects.filter(code="avi").delete()
    Theme.objects.filter(code="school-non-attendance").update(name_fi="Koulupoissaolot")

    assert ensure_themes_and_sectors() == 1
    assert ensure_themes_and_sectors() == 0
    assert Sector.objects.filter(code="avi").exists()
    assert Theme.objects.get(code="school-non-attendance").name_fi == "Koulupoissaolot"
