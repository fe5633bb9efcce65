"""Writing items: what is saved, what is refused, what is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from vip.audit.models import AuditAction, AuditEvent
from vip.core.models import DataVersion
from vip.materials.identifiers import isbn_is_valid, issn_is_valid
from vip.materials.models import MATERIALS_DATA, Material, StatusChange, Tag
from vip.materials.services import items
from vip.materials.tests.builders import (
    NON_ATTENDANCE,
    PLACED_CHILDREN,
    expert_member,
    make_material,
    theme,
)

pytestmark = pytest.mark.usefixtures("reference_data")
Status = Material.Status


def data(**values) -> items.MaterialData:
    values.setdefault("kind", Material.Kind.REPORT)
    values.setdefault("title_fi", "Koulupoissaolot Suomessa")
    values.setdefault("themes", [theme()])
    return items.MaterialData(**values)


def audit_actions() -> list[str]:
    """The materials actions audited (reference data loading audits its own)."""
    rows = AuditEvent.objects.filter(action__startswith="materials.").order_by("id")
    return list(rows.values_list("action", flat=True))


class TestIdentifiers:
    @pytest.mark.parametrize("value", ["978-952-13-6782-3", "9789521367823", "0-306-40615-2"])
    def test_valid_isbns_are_accepted_with_or_without_hyphens(self, value):
        assert isbn_is_valid(value)

    @pytest.mark.parametrize(
        "value", ["978-952-13-6782-6", "0-306-40615-3", "12345", "abc", "978952136782²"]
    )
    def test_a_wrong_check_digit_or_length_is_refused(self, value):
        assert not isbn_is_valid(value)

    def test_issn_check_digit(self):
        assert issn_is_valid("1798-6443")
        assert issn_is_valid("0317-8471")
        assert not issn_is_valid("1798-6444")
        assert not issn_is_valid("1798644")
        assert not issn_is_valid("179864²3")


class TestCreating:
    def test_an_item_is_saved_with_its_relations_and_audited(self):
        item = items.material_create(
            actor=None,
            data=data(
                tags=["poissaolot", "Poissaolot ", "seuranta"],
                contributors=[
                    items.Contributor(role="author", name="Anna Tutkija"),
                    items.Contributor(role="publisher", name="Opetushallitus"),
                ],
                year=2020,
                series="Raportit ja selvitykset",
                number="2020:9",
                isbn="978-952-13-6782-3",
            ),
        )
        assert item.status == Status.DRAFT
        assert item.published_at is None
        assert sorted(t.name for t in item.tags.all()) == ["poissaolot", "seuranta"]
        assert item.series_line == "Raportit ja selvitykset 2020:9"
        assert item.citation == (
            "Anna Tutkija (2020). Koulupoissaolot Suomessa. Raportit ja selvitykset 2020:9. "
            "Opetushallitus. ISBN 978-952-13-6782-3."
        )
        assert audit_actions() == [AuditAction.MATERIAL_CREATED]
        # A draft is nobody's business but its editors': the public pages stay cached.
        assert not DataVersion.objects.filter(key=MATERIALS_DATA).exists()

    def test_publishing_raises_the_public_pages_data_version(self):
        item = items.material_create(actor=None, data=data())
        items.material_transition(actor=None, material=item, to_status=Status.REVIEW)
        assert not DataVersion.objects.filter(key=MATERIALS_DATA).exists()
        items.material_transition(actor=None, material=item, to_status=Status.PUBLISHED)
        assert DataVersion.objects.get(key=MATERIALS_DATA).version == 1

    def test_the_same_tag_in_another_case_is_one_tag(self):
        make_material(tags=["Kiusaaminen"])
        make_material(tags=["kiusaaminen"])
        assert Tag.objects.count() == 1

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"isbn": "978-952-13-6782-6"}, "isbn"),
            ({"issn": "1798-6444"}, "issn"),
            ({"title_fi": ""}, "title_fi"),
            ({"year": 1800}, "year"),
            ({"kind": "poem"}, "kind"),
            ({"url": "javascript:alert(1)"}, "url"),
            ({"tags": ["x" * 61]}, "tags"),
            ({"contributors": [items.Contributor(role="author")]}, "contributors"),
        ],
    )
    def test_bad_input_is_refused_and_nothing_is_written(self, values, field):
        with pytest.raises(ValidationError) as error:
            items.material_create(actor=None, data=data(**values))
        assert field in error.value.message_dict
        assert not Material.objects.exists()
        assert not audit_actions()

    def test_a_duplicate_external_identifier_is_refused(self):
        make_material(external_id="oph:1")
        with pytest.raises(ValidationError) as error:
            items.material_create(actor=None, data=data(external_id="oph:1"))
        assert "external_id" in error.value.message_dict

    def test_an_expert_member_must_keep_one_of_their_themes(self):
        member = expert_member(NON_ATTENDANCE)
        with pytest.raises(ValidationError) as error:
            items.material_create(actor=member, data=data(themes=[theme(PLACED_CHILDREN)]))
        assert "themes" in error.value.message_dict
        item = items.material_create(actor=member, data=data())
        assert item.created_by == member


class TestTranslations:
    def test_a_translation_hangs_off_the_original(self):
        original = make_material(title_fi="Tilannekatsaus")
        english = make_material(
            title_en="Situation review", title_fi="", language="en", original=original
        )
        swedish = make_material(
            title_sv="Lägesöversikt", title_fi="", language="sv", original=english
        )
        assert english.original == original
        assert swedish.original == original, "a translation of a translation is the original's"
        assert set(original.translations.all()) == {english, swedish}

    def test_a_translation_in_the_language_of_its_original_is_refused(self):
        original = make_material()
        with pytest.raises(ValidationError) as error:
            make_material(original=original)
        assert "original" in error.value.message_dict

    def test_an_item_is_not_its_own_translation_nor_related_to_itself(self):
        item = make_material()
        with pytest.raises(ValidationError) as error:
            items.material_update(
                actor=None,
                material=item,
                data=data(original=item, related_items=[item]),
            )
        assert {"original", "related_items"} <= set(error.value.message_dict)


class TestUpdating:
    def test_a_published_item_stays_published_at_its_address(self):
        item = make_material()
        url = item.get_absolute_url()
        items.material_update(actor=None, material=item, data=data(title_fi="Uusi otsikko"))
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.get_absolute_url() == url
        updated = AuditEvent.objects.get(action=AuditAction.MATERIAL_UPDATED)
        assert "title_fi" in updated.details["fields"]

    def test_an_edit_from_a_stale_page_does_not_undo_a_status_move(self):
        item = make_material()
        stale = Material.objects.get(pk=item.pk)
        items.material_transition(actor=None, material=item, to_status=Status.ARCHIVED)
        items.material_update(actor=None, material=stale, data=data(title_fi="Korjattu"))
        item.refresh_from_db()
        assert item.status == Status.ARCHIVED
        assert item.title_fi == "Korjattu"

    def test_a_refused_change_leaves_the_item_as_it_was(self):
        item = make_material(title_fi="Vanha", tags=["vanha"])
        with pytest.raises(ValidationError):
            items.material_update(
                actor=None, material=item, data=data(title_fi="Uusi", isbn="123", tags=["uusi"])
            )
        item = Material.objects.get(pk=item.pk)
        assert item.title_fi == "Vanha"
        assert [t.name for t in item.tags.all()] == ["vanha"]


class TestWorkflow:
    def test_draft_to_review_to_published_to_archived(self):
        item = items.material_create(actor=None, data=data())
        for to_status in (Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED):
            items.material_transition(actor=None, material=item, to_status=to_status)
            item.refresh_from_db()
            assert item.status == to_status
        assert item.published_at is not None
        moves = list(StatusChange.objects.values_list("from_status", "to_status"))
        assert moves == [
            (Status.DRAFT, Status.REVIEW),
            (Status.REVIEW, Status.PUBLISHED),
            (Status.PUBLISHED, Status.ARCHIVED),
        ]
        assert audit_actions().count(AuditAction.MATERIAL_STATUS_CHANGED) == 3

    def test_a_draft_cannot_skip_the_review(self):
        item = items.material_create(actor=None, data=data())
        with pytest.raises(ValidationError) as error:
            items.material_transition(actor=None, material=item, to_status=Status.PUBLISHED)
        assert "to_status" in error.value.message_dict
        item.refresh_from_db()
        assert item.status == Status.DRAFT
        assert not StatusChange.objects.exists()

    def test_a_move_from_a_stale_page_is_refused(self):
        item = items.material_create(actor=None, data=data())
        items.material_transition(actor=None, material=item, to_status=Status.REVIEW)
        stale = Material.objects.get(pk=item.pk)
        items.material_transition(actor=None, material=item, to_status=Status.PUBLISHED)
        with pytest.raises(ValidationError) as error:
            items.material_transition(actor=None, material=stale, to_status=Status.DRAFT)
        assert "meanwhile" in error.value.messages[0]
        assert Material.objects.get(pk=item.pk).status == Status.PUBLISHED
