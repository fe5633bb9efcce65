"""Writes of materials: creating, changing and moving an item through the workflow.

Every write validates first and saves in one transaction with its audit row and the
data version bump; the item is (re)indexed after the commit. An item's URL is its
primary key, so a published item keeps its address however it is edited.

Who may write is the views' question (``MaterialPolicy``); one rule sits here because
it depends on the data: an expert-group member's item must keep at least one of the
member's themes, or its author would lock it away from themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vip.accounts import scopes
from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.events.models import Event
from vip.materials.index import schedule_index
from vip.materials.models import (
    MATERIALS_DATA,
    Material,
    MaterialContributor,
    SchoolLevel,
    StatusChange,
    Tag,
)
from vip.materials.policies import TRANSITIONS, editable_theme_ids
from vip.network.models import Sector, Theme
from vip.registry.models import Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

# The plain fields of an item, as the form and the import give them.
FIELDS = (
    "kind", "language", "external_id",
    "title_fi", "title_sv", "title_en",
    "summary_fi", "summary_sv", "summary_en",
    "body_fi", "body_sv", "body_en",
    "year", "series", "number", "isbn", "issn", "url",
)  # fmt: skip
MAX_TAGS = 30
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length or 60
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Contributor:
    """An author or publisher: a registry organisation, or a name as written."""

    role: str
    organisation: Organisation | None = None
    name: str = ""


@dataclass(slots=True)
class MaterialData:
    """Everything an item is made of, as the form or an import line gives it."""

    kind: str
    title_fi: str = ""
    title_sv: str = ""
    title_en: str = ""
    summary_fi: str = ""
    summary_sv: str = ""
    summary_en: str = ""
    body_fi: str = ""
    body_sv: str = ""
    body_en: str = ""
    language: str = "fi"
    external_id: str | None = None
    year: int | None = None
    series: str = ""
    number: str = ""
    isbn: str = ""
    issn: str = ""
    url: str = ""
    original: Material | None = None
    themes: Sequence[Theme] = ()
    tags: Sequence[str] = ()
    sectors: Sequence[Sector] = ()
    school_levels: Sequence[SchoolLevel] = ()
    contributors: Sequence[Contributor] = ()
    related_items: Sequence[Material] = ()
    related_events: Sequence[Event] = ()


def _user(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def clean_tag(name: str) -> str:
    return _SPACES.sub(" ", name).strip()


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def validate(
    data: MaterialData, *, material: Material | None = None, actor: User | None = None
) -> Material:
    """The item ``data`` describes, checked but not saved; a ValidationError maps fields
    to messages. ``material`` is the item being changed (None for a new one)."""
    item = material if material is not None else Material()
    for name in FIELDS:
        setattr(item, name, _stripped(getattr(data, name)))
    item.external_id = item.external_id or None
    errors: dict[str, list[str]] = {}
    try:
        item.full_clean(validate_unique=False, validate_constraints=False, exclude=["original"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (item.title_fi or item.title_sv or item.title_en):
        errors.setdefault("title_fi", []).append(
            _("Give the item a title in at least one language.")
        )
    if item.external_id:
        duplicate = Material.objects.filter(external_id=item.external_id)
        if item.pk:
            duplicate = duplicate.exclude(pk=item.pk)
        if duplicate.exists():
            errors.setdefault("external_id", []).append(
                _("Another item already has this external identifier.")
            )
    _check_relations(data, item, errors)
    _check_tags(data.tags, errors)
    _check_contributors(data.contributors, errors)
    _check_themes(data, material, actor, errors)
    if errors:
        raise ValidationError(errors)
    item.original = _root(data.original)
    return item


def _root(original: Material | None) -> Material | None:
    """Translations hang off the original itself, never off another translation."""
    if original is not None and original.original_id is not None:
        return original.original
    return original


def _check_relations(data: MaterialData, item: Material, errors: dict[str, list[str]]) -> None:
    original = _root(data.original)
    if original is not None:
        if item.pk and original.pk == item.pk:
            errors.setdefault("original", []).append(
                _("An item cannot be a translation of itself.")
            )
        elif original.language == item.language:
            errors.setdefault("original", []).append(
                _("A translation is in another language than the original.")
            )
        elif item.pk and item.translations.exists():
            errors.setdefault("original", []).append(
                _("This item has translations of its own, so it cannot be a translation.")
            )
    if item.pk and any(related.pk == item.pk for related in data.related_items):
        errors.setdefault("related_items", []).append(_("An item cannot be related to itself."))


def _check_tags(tags: Iterable[str], errors: dict[str, list[str]]) -> None:
    cleaned = [clean_tag(tag) for tag in tags]
    if len(cleaned) > MAX_TAGS:
        errors.setdefault("tags", []).append(
            _("At most %(count)d tags are allowed.") % {"count": MAX_TAGS}
        )
    for tag in cleaned:
        if len(tag) > TAG_MAX_LENGTH:
            errors.setdefault("tags", []).append(
                _("The tag “%(tag)s…” is too long: at most %(limit)d characters.")
                % {"tag": tag[:20], "limit": TAG_MAX_LENGTH}
            )


def _check_contributors(contributors: Iterable[Contributor], errors: dict[str, list[str]]) -> None:
    roles = set(MaterialContributor.Role.values)
    limit = MaterialContributor._meta.get_field("name").max_length or 200
    for contributor in contributors:
        if contributor.role not in roles:
            errors.setdefault("contributors", []).append(_("Unknown role of a contributor."))
        elif contributor.organisation is None and not contributor.name.strip():
            errors.setdefault("contributors", []).append(
                _("Choose an organisation or type a name for every author and publisher.")
            )
        elif len(contributor.name.strip()) > limit:
            errors.setdefault("contributors", []).append(
                _("A name of an author or publisher is too long: at most %(limit)d characters.")
                % {"limit": limit}
            )


def _check_themes(
    data: MaterialData,
    material: Material | None,
    actor: User | None,
    errors: dict[str, list[str]],
) -> None:
    """An expert-group member's item keeps one of the member's themes."""
    user = _user(actor)
    if user is None or scopes.is_national_admin(user):
        return
    own = editable_theme_ids(user)
    if not own.intersection(theme.pk for theme in data.themes):
        errors.setdefault("themes", []).append(
            _("Choose at least one theme of your expert group, or you could not edit the item.")
        )


def _save_relations(item: Material, data: MaterialData) -> None:
    item.themes.set(data.themes)
    item.sectors.set(data.sectors)
    item.school_levels.set(data.school_levels)
    item.related_items.set([r for r in data.related_items if r.pk != item.pk])
    item.related_events.set(data.related_events)
    item.tags.set(tags_for(data.tags))
    item.contributors.all().delete()
    MaterialContributor.objects.bulk_create(
        MaterialContributor(
            material=item,
            role=contributor.role,
            organisation=contributor.organisation,
            name=contributor.name.strip(),
            position=position,
        )
        for position, contributor in enumerate(data.contributors)
    )


def tags_for(names: Iterable[str]) -> list[Tag]:
    """The tags of these names, created when new; the same word in any case is one tag."""
    tags: dict[str, Tag] = {}
    for name in names:
        cleaned = clean_tag(name)
        if not cleaned or cleaned.lower() in tags:
            continue
        tag = Tag.objects.filter(name__iexact=cleaned).first()
        if tag is None:
            tag = Tag.objects.create(name=cleaned)
        tags[cleaned.lower()] = tag
    return list(tags.values())


def _changed(before: dict[str, Any], item: Material) -> list[str]:
    return [name for name in FIELDS if before.get(name) != getattr(item, name)]


def _after_write(item: Material, *, public: bool) -> None:
    """Index the item after the commit; raise the public pages' data version only when
    the public can tell (a draft's edits leave every process's caches as they are)."""
    if public:
        data_versions.bump(MATERIALS_DATA)
    schedule_index(item.pk)


def material_create(
    *, actor: User | None, data: MaterialData, status: str = Material.Status.DRAFT
) -> Material:
    """A new item; imports may create it published at once, the forms create drafts."""
    item = validate(data, actor=actor)
    item.status = status
    item.created_by = _user(actor)
    if status == Material.Status.PUBLISHED:
        item.published_at = timezone.now()
    with transaction.atomic():
        item.save()
        _save_relations(item, data)
        audit.record(
            AuditAction.MATERIAL_CREATED,
            actor=_user(actor),
            target=item,
            details={"kind": item.kind, "status": item.status},
        )
        _after_write(item, public=item.is_public)
    return item


def material_update(*, actor: User | None, material: Material, data: MaterialData) -> Material:
    """Change an item's content; its status and address stay."""
    before = {name: getattr(material, name) for name in FIELDS}
    item = validate(data, material=material, actor=actor)
    with transaction.atomic():
        # The status is the workflow's: a move committed meanwhile must not be undone by
        # writing back the status this copy was loaded with.
        Material.objects.select_for_update().filter(pk=item.pk).exists()
        item.save(update_fields=[*FIELDS, "original", "updated_at"])
        _save_relations(item, data)
        audit.record(
            AuditAction.MATERIAL_UPDATED,
            actor=_user(actor),
            target=item,
            details={"fields": _changed(before, item)},
        )
        _after_write(item, public=item.is_public)
    return item


def material_transition(
    *, actor: User | None, material: Material, to_status: str, comment: str = ""
) -> Material:
    """Move an item along the workflow (draft -> in review -> published -> archived)."""
    from_status = material.status
    if to_status not in TRANSITIONS.get(from_status, ()):
        raise ValidationError(
            {
                "to_status": [
                    _("An item that is %(from)s cannot be moved to %(to)s.")
                    % {
                        "from": Material.Status(from_status).label.lower(),
                        "to": dict(Material.Status.choices).get(to_status, to_status),
                    }
                ]
            }
        )
    comment = comment.strip()
    with transaction.atomic():
        locked = Material.objects.select_for_update().get(pk=material.pk)
        if locked.status != from_status:
            raise ValidationError(
                {"to_status": [_("Someone changed the status meanwhile; reload the page.")]}
            )
        locked.status = to_status
        if to_status == Material.Status.PUBLISHED and locked.published_at is None:
            locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        StatusChange.objects.create(
            material=locked,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
            changed_by=_user(actor),
        )
        audit.record(
            AuditAction.MATERIAL_STATUS_CHANGED,
            actor=_user(actor),
            target=locked,
            details={"from": from_status, "to": to_status},
        )
        _after_write(locked, public=Material.Status.PUBLISHED in (from_status, to_status))
    material.status = locked.status
    material.published_at = locked.published_at
    return material
