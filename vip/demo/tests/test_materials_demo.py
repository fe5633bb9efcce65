"""The demo materials bank: the named publications, idempotence, and the synthetic volume."""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest
from django.utils import timezone

from vip.demo.events.plans import event_uid
from vip.demo.materials import SCALES, MaterialSeeder
from vip.demo.materials.identifiers import demo_isbn, demo_issn
from vip.demo.materials.named import named_items
from vip.demo.materials.plans import EXTERNAL_PREFIX
from vip.demo.materials.text import compound
from vip.demo.materials.volume import BODY_WORDS, VolumePlanner
from vip.demo.seeding import Seeder
from vip.events.models import Event
from vip.materials.identifiers import isbn_is_valid, issn_is_valid
from vip.materials.models import Material, MaterialContributor
from vip.network.models import Theme

pytestmark = pytest.mark.usefixtures("seeded_demo")

Kind = Material.Kind
Status = Material.Status


def named(key: str) -> Material:
    return Material.objects.get(external_id=f"{EXTERNAL_PREFIX}{key}")


def volume() -> list[Material]:
    return list(
        Material.objects.filter(external_id__startswith=f"{EXTERNAL_PREFIX}volume:")
        .prefetch_related("themes", "sectors", "school_levels", "tags", "contributors")
        .order_by("pk")
    )


def test_the_situation_survey_2020_is_in_the_agencys_series(db):
    survey = named("report:kouluakaymattomyys-2020")

    assert survey.title_fi == "Kouluakäymättömyys Suomessa – tilannekatsaus 2020"
    assert survey.kind == Kind.REPORT
    assert survey.language == "fi"
    assert survey.series_line == "Opetushallitus. Raportit ja selvitykset 2020:9"
    assert survey.year == 2020
    assert survey.status == Status.PUBLISHED
    assert timezone.localtime(survey.published_at).date() == datetime.date(2020, 5, 27)
    assert list(survey.themes.values_list("code", flat=True)) == ["school-non-attendance"]
    assert set(survey.school_levels.values_list("code", flat=True)) == {"basic-education"}
    publisher = survey.contributors_of(MaterialContributor.Role.PUBLISHER)[0]
    assert publisher.organisation.name_fi == "Opetushallitus"
    assert isbn_is_valid(survey.isbn)
    assert issn_is_valid(survey.issn)
    assert "Opetushallitus. Raportit ja selvitykset 2020:9" in survey.citation


def test_the_english_release_is_a_translation_of_the_survey(db):
    survey = named("report:kouluakaymattomyys-2020")
    english = named("report:kouluakaymattomyys-2020:en")

    assert english.original == survey
    assert english.language == "en"
    assert english.title_en == "School non-attendance in Finland – situation survey 2020"
    assert english.body_en
    assert not english.body_fi
    assert list(survey.translations.all()) == [english]


def test_the_other_named_publications_are_there(db):
    profiles = named("report:vaatu-profiilit-2019")
    monitoring = named("report:oppimisen-seuranta-toiminta-alueet")
    guide = named("guide:laajennettu-oppivelvollisuus")
    book = named("book:kun-oppilas-ei-tule-kouluun")

    assert "Elmeri-koulujen ja valtion koulukotien" in profiles.title_fi
    assert profiles.series_line.endswith("2021:2")
    assert monitoring.series_line.endswith("2021:1")
    assert monitoring.themes.filter(code="activity-area-teaching").exists()
    assert guide.kind == Kind.MATERIAL
    assert "Laajennettu oppivelvollisuus" in guide.title_fi
    assert book.kind == Kind.RESEARCH
    assert {c.organisation.kind for c in profiles.contributors.all() if c.organisation} >= {
        "national_agency"
    }


def test_info_briefs_of_the_placed_children_group_read_as_articles(db):
    briefs = Material.objects.filter(
        kind=Kind.INFO_BRIEF, themes__code="children-placed-outside-home"
    ).filter(external_id__startswith=f"{EXTERNAL_PREFIX}info-brief:")

    published = briefs.filter(status=Status.PUBLISHED)
    assert published.count() >= 4
    for brief in published:
        text = brief.body
        assert len(re.findall(r"^## ", text, re.MULTILINE)) >= 3, brief
        assert len(text.split()) >= 80, brief
    swedish = briefs.get(language="sv")
    assert swedish.original.language == "fi"


def test_every_theme_has_two_to_four_models_and_methods(db):
    models = Material.objects.filter(
        kind=Kind.MODEL, external_id__startswith=f"{EXTERNAL_PREFIX}model:"
    )
    per_theme = Counter(models.values_list("themes__code", flat=True))

    assert set(per_theme) == set(Theme.objects.values_list("code", flat=True))
    assert all(2 <= n <= 4 for n in per_theme.values()), per_theme
    assert models.filter(language="sv").exists()


def test_the_rally_recording_is_linked_to_the_rally(db):
    recording = named("recording:ala-luovuta-meista-2020")
    rally = Event.objects.get(uid=event_uid("rally:2020-09-15"))

    assert recording.kind == Kind.RECORDING
    assert list(recording.related_events.all()) == [rally]
    webinar = named("recording:toiminta-alueet-webinaari-1")
    assert webinar.related_events.get().starts_at.date() == datetime.date(2021, 2, 4)


def test_every_named_item_is_valid_and_most_are_published(db):
    keys = [plan.external_id for plan in named_items()]
    items = list(Material.objects.filter(external_id__in=keys))

    assert len(items) == len(keys) == len(set(keys))
    for item in items:
        item.full_clean()
    statuses = Counter(item.status for item in items)
    assert statuses[Status.PUBLISHED] >= len(items) - 4
    assert statuses[Status.DRAFT] >= 2
    assert statuses[Status.REVIEW] == 1
    assert {item.kind for item in items} == set(Kind.values)
    # Published when they came out, not when the demo was seeded.
    assert all(i.published_at.year == i.year for i in items if i.status == Status.PUBLISHED)


def test_demo_identifiers_have_valid_check_digits():
    for key in ("a", "b", "report:x", "volume:17"):
        assert isbn_is_valid(demo_isbn(key))
        assert issn_is_valid(demo_issn(key))
    assert demo_isbn("a") == demo_isbn("a") != demo_isbn("b")


def test_a_second_run_adds_no_materials(db):
    before = (Material.objects.count(), MaterialContributor.objects.count())

    report = Seeder(seed=1, scale="small").run()

    assert (Material.objects.count(), MaterialContributor.objects.count()) == before
    assert "material" not in report.created


def test_a_lost_volume_item_is_written_again_as_it_was(db):
    item = Material.objects.get(external_id=f"{EXTERNAL_PREFIX}volume:7")
    kept = (item.uid, item.title, item.body, item.kind, item.year, item.language)
    item.delete()

    MaterialSeeder(Seeder(seed=1, scale="small")).run()

    again = Material.objects.get(external_id=f"{EXTERNAL_PREFIX}volume:7")
    assert (again.uid, again.title, again.body, again.kind, again.year, again.language) == kept


def test_the_small_volume_is_valid_and_varied(db):
    items = volume()

    assert len(items) == SCALES["small"]
    low, high = BODY_WORDS
    for item in items:
        item.full_clean()
        assert item.title
        assert item.summary
        assert low <= len(item.body.split()) <= high + 45, item.body
        assert item.sectors.all()
        assert item.school_levels.all()
        assert 2000 <= item.year <= 2026
        if item.status in (Status.PUBLISHED, Status.ARCHIVED):
            assert item.published_at is not None
            assert item.published_at.year == item.year or item.year == timezone.now().year
        else:
            assert item.published_at is None
    languages = Counter(item.language for item in items)
    assert languages["fi"] > languages["sv"] > languages["en"] > 0
    assert {item.kind for item in items} == set(Kind.values)
    assert len({item.year for item in items}) >= 20
    assert Counter(len(item.themes.all()) for item in items).keys() >= {0, 1, 2}
    assert any(c.organisation_id for item in items for c in item.contributors.all())
    assert any(item.isbn for item in items)


def test_the_volume_is_written_in_inflected_finnish_compounds(db):
    finnish = " ".join(
        f"{item.title} {item.summary} {item.body}" for item in volume() if item.language == "fi"
    ).lower()

    patterns = [
        # compounds, inflected: erityisopetuksessa, sairaalaopettajalle
        r"\b(erityis|sairaala|perus|esi|pienryhmä)opetu(ksen|sta|ksessa|ksesta|kseen|ksella)\b",
        r"\b(erityis|luokan|aine|sairaala)opettaja(n|a|ssa|sta|an|lla|lle|t)\b",
        # inflections with consonant gradation: luokan, luokalla; tuen, tuesta; lasten
        r"\b\w*luoka(n|ssa|sta|lla|lle)\b",
        r"\b\w*tue(n|ssa|sta|lla|lle)\b",
        r"\b\w*poissaolo(n|a|ssa|sta|on|jen|ja|issa)\b",
    ]
    for pattern in patterns:
        assert re.search(pattern, finnish), pattern
    assert compound("toiminta", "alue") == "toiminta-alue"
    assert compound("erityis", "opettaja") == "erityisopettaja"


def test_the_volume_is_the_same_for_a_seed_and_differs_between_seeds():
    def planner(seed: int) -> VolumePlanner:
        return VolumePlanner(
            seed=seed,
            themes=["school-non-attendance", "behavioural-symptoms"],
            sectors=["rector", "pupil-welfare"],
            publishers=[1, 2],
            places=["Tampere"],
            people=["Aino Virtanen"],
            now=timezone.now(),
            domain="demo.vip.example",
        )

    first = [planner(1).plan(i) for i in range(50)]
    assert first == [planner(1).plan(i) for i in range(50)]
    assert [p.body for p in first] != [planner(2).plan(i).body for i in range(50)]


def test_the_seeded_bank_is_searchable(db):
    from vip.materials.index import parse_params, search

    results = search(parse_params({"q": "poissaolo"}))

    titles = [hit.material.title_fi for hit in results.hits]
    assert results.total > 10
    assert any("poissaolo" in title.lower() for title in titles[:10])
    assert sum(v.count for v in results.facets["kind"]) >= results.total
