"""Importing materials from JSON Lines: all lines checked first, then all written or none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from vip.audit.models import AuditAction, AuditEvent
from vip.materials import imports
from vip.materials.models import Material, StatusChange
from vip.materials.services import items
from vip.materials.tests.builders import make_material
from vip.network.models import Sector

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status

REPORT = {
    "external_id": "oph-2020-9",
    "title": "Koulupoissaolot Suomessa: tilannekatsaus 2020",
    "title_en": "School non-attendance in Finland: situation survey 2020",
    "summary": "Selvitys koulupoissaolojen yleisyydestä.",
    "body": "## Tulokset\n\nPoissaoloja on **paljon**.",
    "kind": "report",
    "language": "fi",
    "themes": ["non-attendance", "behavioural-symptoms"],
    "tags": ["poissaolot", "Poissaolot", "tilastot"],
    "year": 2020,
    "series": "OPH Raportit ja selvitykset",
    "number": "2020:9",
    "isbn": "978-952-13-6782-3",
    "url": "https://www.oph.fi/fi/tilastot-ja-julkaisut/julkaisut",
    "status": "published",
    "authors": ["Opetushallitus"],
}
BRIEF = {
    "external_id": "sijoitetut-tietoisku-1",
    "title": "Tietoisku: sijoitettu lapsi koulussa",
    "kind": "info_brief",
    "themes": ["children-placed-outside-home"],
}


def jsonl(*rows: Any) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def write(tmp_path: Path, text: str | bytes, name: str = "materials.jsonl") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_materials", str(path), *args, stdout=out)
    return out.getvalue()


def refused(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as caught:
        run(path, *args)
    return str(caught.value)


def import_audits() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.MATERIALS_IMPORTED).order_by("id"))


def nothing_written() -> None:
    assert not Material.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="materials.").exists()


class TestAGoodFile:
    def test_it_creates_the_items_with_their_fields_and_relations(self, tmp_path):
        out = run(write(tmp_path, jsonl(REPORT, BRIEF)))

        assert "Created: 2, updated: 0 (published by the import: 0), unchanged: 0." in out
        report = Material.objects.get(external_id="oph-2020-9")
        assert report.status == Status.PUBLISHED
        assert report.published_at is not None
        assert report.title_fi == REPORT["title"]
        assert report.title_en == REPORT["title_en"]
        assert report.summary_fi.startswith("Selvitys")
        assert report.body_fi.startswith("## Tulokset")
        assert report.kind == "report"
        assert report.year == 2020
        assert report.series_line == "OPH Raportit ja selvitykset 2020:9"
        assert report.isbn == "978-952-13-6782-3"
        # The short slug and the registry code name the same kind of thing.
        assert sorted(report.themes.values_list("code", flat=True)) == [
            "behavioural-symptoms",
            "school-non-attendance",
        ]
        assert sorted(report.tags.values_list("name", flat=True)) == ["poissaolot", "tilastot"]
        assert [c.display_name for c in report.contributors_of("author")] == ["Opetushallitus"]
        brief = Material.objects.get(external_id="sijoitetut-tietoisku-1")
        assert brief.status == Status.DRAFT
        assert brief.language == "fi"
        assert list(brief.themes.values_list("code", flat=True)) == ["children-placed-outside-home"]

    def test_it_is_audited_once_with_the_counts_by_the_system(self, tmp_path):
        run(write(tmp_path, jsonl(REPORT, BRIEF)))

        [row] = import_audits()
        assert row.actor is None
        assert row.details["created"] == 2
        assert row.details["updated"] == 0
        assert row.details["file"] == "materials.jsonl"
        # Each item is also audited by the service that created it.
        assert AuditEvent.objects.filter(action=AuditAction.MATERIAL_CREATED).count() == 2

    def test_title_summary_and_body_are_in_the_items_own_language(self, tmp_path):
        swedish = {
            "external_id": "sv-1",
            "title": "Elever som inte går i skolan",
            "title_fi": "Koulua käymättömät",
            "body": "Text på svenska.",
            "kind": "material",
            "language": "sv",
        }
        run(write(tmp_path, jsonl(swedish)))

        item = Material.objects.get(external_id="sv-1")
        assert item.title_sv == "Elever som inte går i skolan"
        assert item.title_fi == "Koulua käymättömät"
        assert item.body_sv == "Text på svenska."
        assert item.body_fi == ""

    def test_a_byte_order_mark_and_empty_lines_are_tolerated(self, tmp_path):
        text = "\ufeff" + jsonl(REPORT) + "\n   \n" + jsonl(BRIEF) + "\n"
        out = run(write(tmp_path, text))

        assert "Items imported: 2." in out
        assert Material.objects.count() == 2


class TestReimporting:
    def test_the_same_external_id_updates_the_item_instead_of_duplicating(self, tmp_path):
        run(write(tmp_path, jsonl(REPORT)))
        item = Material.objects.get()
        changed = {**REPORT, "title": "Koulupoissaolot Suomessa (päivitetty)", "tags": ["uusi"]}

        out = run(write(tmp_path, jsonl(changed, BRIEF)))

        assert "Created: 1, updated: 1" in out
        assert Material.objects.count() == 2
        item.refresh_from_db()
        assert item.title_fi == "Koulupoissaolot Suomessa (päivitetty)"
        assert list(item.tags.values_list("name", flat=True)) == ["uusi"]
        [_first, second] = import_audits()
        assert second.details["created"] == 1
        assert second.details["updated"] == 1

    def test_an_identical_line_is_counted_unchanged_and_not_written(self, tmp_path):
        path = write(tmp_path, jsonl(REPORT, BRIEF))
        run(path)
        updates = AuditEvent.objects.filter(action=AuditAction.MATERIAL_UPDATED).count()

        out = run(path)

        assert "Created: 0, updated: 0 (published by the import: 0), unchanged: 2." in out
        assert AuditEvent.objects.filter(action=AuditAction.MATERIAL_UPDATED).count() == updates

    def test_a_published_item_stays_published_at_its_address(self, tmp_path):
        run(write(tmp_path, jsonl(REPORT)))
        item = Material.objects.get()
        url, published_at = item.get_absolute_url(), item.published_at

        run(write(tmp_path, jsonl({**REPORT, "status": "draft", "title": "Uusi otsikko"})))

        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.get_absolute_url() == url
        assert item.published_at == published_at
        assert item.title_fi == "Uusi otsikko"

    def test_a_published_line_publishes_an_existing_draft_with_its_history(self, tmp_path):
        run(write(tmp_path, jsonl(BRIEF)))

        out = run(write(tmp_path, jsonl({**BRIEF, "status": "published"})))

        assert "updated: 1 (published by the import: 1)" in out
        item = Material.objects.get()
        assert item.status == Status.PUBLISHED
        assert item.published_at is not None
        change = StatusChange.objects.get(material=item)
        assert (change.from_status, change.to_status) == (Status.DRAFT, Status.PUBLISHED)
        assert AuditEvent.objects.filter(action=AuditAction.MATERIAL_STATUS_CHANGED).count() == 1

    def test_an_item_its_editors_archived_stays_archived(self, tmp_path):
        run(write(tmp_path, jsonl(REPORT)))
        item = Material.objects.get()
        items.material_transition(actor=None, material=item, to_status=Status.ARCHIVED)

        run(write(tmp_path, jsonl({**REPORT, "title": "Uusi otsikko"})))

        item.refresh_from_db()
        assert item.status == Status.ARCHIVED
        assert item.title_fi == "Uusi otsikko"

    def test_what_the_format_cannot_carry_is_kept(self, tmp_path):
        item = make_material(external_id="oph-2020-9", status=Status.DRAFT)
        item.sectors.set([Sector.objects.get(code="pupil-welfare")])

        run(write(tmp_path, jsonl(REPORT)))

        item.refresh_from_db()
        assert item.title_fi == REPORT["title"]
        assert list(item.sectors.values_list("code", flat=True)) == ["pupil-welfare"]


class TestDryRun:
    def test_it_checks_and_counts_but_writes_nothing(self, tmp_path):
        out = run(write(tmp_path, jsonl(REPORT, BRIEF)), "--dry-run")

        assert "Dry run, nothing written" in out
        assert "Would be created: 2, updated: 0" in out
        nothing_written()

    def test_it_reports_the_errors_of_a_bad_file(self, tmp_path):
        message = refused(write(tmp_path, jsonl(REPORT, {**BRIEF, "kind": "poem"})), "--dry-run")

        assert "Line 2: kind" in message
        nothing_written()


def bad_line(**changes: Any) -> dict[str, Any]:
    row = {**BRIEF, "external_id": "bad", **changes}
    return {key: value for key, value in row.items() if value is not None}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(bad_line(kind="poem"), "Line 2: kind: Unknown value “poem”", id="kind"),
        pytest.param(
            bad_line(themes=["juggling"]), "Line 2: themes: Unknown theme “juggling”", id="theme"
        ),
        pytest.param(
            '{"external_id": "x", "title": ',
            "Line 2: The line is not valid JSON: a value is missing at column 31.",
            id="json",
        ),
        pytest.param(
            "{external_id: 1}",
            "Line 2: The line is not valid JSON: a field name must be in double quotes at "
            "column 2.",
            id="json-unquoted-name",
        ),
        pytest.param(
            '{"title": "Kesken}',
            "Line 2: The line is not valid JSON: a text is not closed with a double quote",
            id="json-open-text",
        ),
        pytest.param('["a", "list"]', "Line 2: The line must be a JSON object", id="not-object"),
        pytest.param(bad_line(title=None), "Line 2: title: This field is required.", id="no-title"),
        pytest.param(
            bad_line(title="  "), "Line 2: title: This field is required.", id="blank-title"
        ),
        pytest.param(bad_line(kind=None), "Line 2: kind: This field is required.", id="no-kind"),
        pytest.param(
            bad_line(external_id=None), "Line 2: external_id: This field is required.", id="no-id"
        ),
        pytest.param(
            bad_line(isbn="978-952-13-6782-4"), "Line 2: isbn: This is not a valid ISBN", id="isbn"
        ),
        pytest.param(
            {**REPORT, "title": "Toinen"},
            "Line 2: external_id: The external identifier “oph-2020-9” is also on line 1.",
            id="duplicate-id",
        ),
        pytest.param(
            bad_line(status="archived"), "Line 2: status: Unknown value “archived”", id="status"
        ),
        pytest.param(
            bad_line(language="de"), "Line 2: language: Unknown value “de”", id="language"
        ),
        pytest.param(bad_line(colour="red"), "Line 2: colour: Unknown field.", id="unknown-field"),
        pytest.param(bad_line(year="2020"), "Line 2: year: Must be a whole number", id="year-type"),
        pytest.param(bad_line(year=1850), "Line 2: year:", id="year-range"),
        pytest.param(bad_line(tags="a,b"), "Line 2: tags: Must be a list of texts", id="tags-type"),
        pytest.param(bad_line(title=5), "Line 2: title: Must be text", id="title-type"),
        pytest.param(bad_line(url="not a url"), "Line 2: url:", id="url"),
        pytest.param(
            bad_line(title_fi="Kaksi kertaa"),
            "Line 2: title_fi: Give either “title”",
            id="title-twice",
        ),
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_reason_and_nothing_is_written(
    tmp_path, line, expected
):
    message = refused(write(tmp_path, jsonl(REPORT, line, BRIEF)))

    assert "Nothing was imported. Lines with errors: 1 of 3." in message
    assert expected in message
    nothing_written()


def test_a_json_error_is_explained_in_the_users_language(tmp_path):
    with translation.override("fi"):
        message = refused(write(tmp_path, jsonl(REPORT, '{"title": "x",}')))

    assert "Rivi 2: Rivi ei ole kelvollista JSONia: pilkun jälkeen ei tule mitään" in message
    assert "Illegal" not in message
    nothing_written()


def test_every_error_of_every_line_is_listed(tmp_path):
    lines = jsonl(
        bad_line(kind="poem", themes=["juggling"], isbn="123"),
        REPORT,
        "not json",
    )
    message = refused(write(tmp_path, lines))

    assert "Lines with errors: 2 of 3." in message
    assert "Line 1: kind: Unknown value “poem”" in message
    assert "Line 1: themes: Unknown theme “juggling”" in message
    assert "Line 1: isbn: This is not a valid ISBN" in message
    assert "Line 3: The line is not valid JSON" in message
    nothing_written()


def test_an_existing_item_is_left_as_it_was_when_the_file_is_refused(tmp_path):
    run(write(tmp_path, jsonl(REPORT)))
    audits = AuditEvent.objects.count()

    refused(write(tmp_path, jsonl({**REPORT, "title": "Muutettu"}, bad_line(kind="poem"))))

    assert Material.objects.get().title_fi == REPORT["title"]
    assert AuditEvent.objects.count() == audits


def test_an_overlong_line_is_refused_and_the_rest_still_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LINE_BYTES", 300)
    long_line = bad_line(body="x" * 400)

    message = refused(write(tmp_path, jsonl(long_line, bad_line(kind="poem"))))

    assert "Line 1: The line is too long: at most 300 bytes." in message
    assert "Line 2: kind" in message
    nothing_written()


def test_a_file_with_too_many_items_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LINES", 2)
    rows = [bad_line(external_id=f"item-{n}") for n in range(3)]

    message = refused(write(tmp_path, jsonl(*rows)))

    assert "The file has more than 2 items; split it into smaller files." in message
    nothing_written()


def test_text_that_is_not_utf8_is_refused(tmp_path):
    message = refused(write(tmp_path, jsonl(REPORT).encode() + "ÄÖ\n".encode("latin-1")))

    assert "Line 2: The line is not UTF-8 text." in message
    nothing_written()


def test_json_nested_beyond_reason_is_refused(tmp_path):
    message = refused(write(tmp_path, "[" * 100_000 + "]" * 100_000 + "\n"))

    assert "Line 1: The line is not valid JSON: it is nested too deeply." in message
    nothing_written()


def test_imported_published_items_are_searchable_after_the_commit(
    tmp_path, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, jsonl(REPORT, BRIEF)))

    found = client.get("/api/v1/materials", {"q": "tilannekatsaus"}).json()["items"]
    assert [hit["id"] for hit in found] == [Material.objects.get(external_id="oph-2020-9").pk]
    # The draft is imported but not public.
    assert client.get("/api/v1/materials", {"q": "tietoisku"}).json()["count"] == 0


def test_a_missing_file_is_a_clear_error(tmp_path):
    assert "No such file" in refused(tmp_path / "missing.jsonl")


def test_messages_are_in_the_language_asked_for(tmp_path):
    message = refused(write(tmp_path, jsonl(bad_line(title=None))), "--lang", "fi")

    assert "title: Tämä kenttä on pakollinen." in message
