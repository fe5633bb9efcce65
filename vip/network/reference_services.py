"""Writes to the network's themes and sectors: adding and renaming them.

Themes and sectors are data: the steering group may found a thematic group on a new
theme without a code change. A row's code is fixed once it exists, because addresses
(/materials/themes/<code>/), filters (?theme=, ?sector=), the API and import files name
rows by it. Nothing deletes a row: groups, memberships, events and materials point at
them with protected keys, and their history must keep its meaning.

Every change raises NETWORK_DATA in its transaction: the cached group, event and
materials pages and the materials search's catalogue (facet names) are keyed by it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.network.models import NETWORK_DATA, Sector, Theme

if TYPE_CHECKING:
    from vip.accounts.models import User

# What may change after creation; the code may not.
REFERENCE_FIELDS = ("name_fi", "name_sv", "name_en", "position")
NAME_FIELDS = ("name_fi", "name_sv", "name_en")
CODE_MAX_LENGTH = 40
# Lowercase ASCII words joined by single hyphens: safe in addresses, as slugs are.
CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

type ReferenceRow = Theme | Sector


def _messages(model: type[ReferenceRow]) -> dict[str, str]:
    """The errors that name the kind of row, translated in the active language."""
    if model is Theme:
        return {
            "duplicate_code": _("A theme with the code “%(code)s” already exists."),
            "duplicate_name": _("Another theme is already called “%(name)s”."),
            "bad_code": _(
                "Use only lowercase letters a–z, digits and single hyphens between them, "
                "for example school-non-attendance."
            ),
        }
    return {
        "duplicate_code": _("A sector with the code “%(code)s” already exists."),
        "duplicate_name": _("Another sector is already called “%(name)s”."),
        "bad_code": _(
            "Use only lowercase letters a–z, digits and single hyphens between them, "
            "for example pupil-welfare."
        ),
    }


def _check_fields(values: dict[str, Any]) -> None:
    unknown = set(values) - set(REFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def _clean_names(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: (value or "").strip() if name in NAME_FIELDS else value
        for name, value in values.items()
    }


def code_error(model: type[ReferenceRow], code: str) -> str | None:
    """What is wrong with ``code`` for a new row of ``model``, or None: also asked by the
    form, so that a bad code shows beside the form's own errors."""
    messages = _messages(model)
    if not code:
        return _("Enter a code.")
    if len(code) > CODE_MAX_LENGTH:
        return _("The code can be at most %(limit)d characters long.") % {"limit": CODE_MAX_LENGTH}
    if not CODE_PATTERN.fullmatch(code):
        return messages["bad_code"]
    if model._default_manager.filter(code=code).exists():
        return messages["duplicate_code"] % {"code": code}
    return None


def _validate(row: ReferenceRow, *, new_code: bool) -> None:
    """Every error at once, each on its field; the model's own field checks included."""
    errors: dict[str, list[str]] = {}
    try:
        # Uniqueness of the code is checked below, with a message that names the code.
        row.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    if new_code and (message := code_error(type(row), row.code)):
        errors["code"] = [message]
    if not row.name_fi:
        errors["name_fi"] = [_("Enter the name in Finnish.")]
    # Two rows of one name could not be told apart in lists, filters and imports
    # (an import finds a sector by its name in any language). Compared in Python: the
    # tables are short, and SQLite folds the case of ASCII letters only (not ä, ö, å).
    others = type(row)._default_manager.exclude(pk=row.pk).values_list(*NAME_FIELDS)
    taken = [{name.casefold() for name in names if name} for names in zip(*others, strict=False)]
    for index, field in enumerate(NAME_FIELDS):
        name = getattr(row, field)
        if field in errors or not name or not taken:
            continue
        if name.casefold() in taken[index]:
            errors[field] = [_messages(type(row))["duplicate_name"] % {"name": name}]
    if errors:
        raise ValidationError(errors)


def _create[R: (Theme, Sector)](
    model: type[R],
    action: AuditAction,
    *,
    actor: User | None,
    code: str,
    values: dict[str, Any],
) -> R:
    _check_fields(values)
    values = _clean_names(values)
    code = (code or "").strip()
    with transaction.atomic():
        if values.get("position") is None:
            # Last in the lists unless told otherwise.
            last = model._default_manager.aggregate(last=Max("position"))["last"]
            values["position"] = 0 if last is None else last + 1
        row: R = model(code=code, **values)
        _validate(row, new_code=True)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            # Another administrator took the code between the check and the insert.
            raise ValidationError(
                {"code": _messages(model)["duplicate_code"] % {"code": code}}
            ) from None
        data_versions.bump(NETWORK_DATA)
        audit.record(
            action,
            actor=actor,
            target=row,
            details={
                "code": row.code,
                "created": True,
                "fields": ["code", *(name for name in REFERENCE_FIELDS if getattr(row, name))],
                "changes": {
                    name: {"from": None, "to": getattr(row, name)}
                    for name in ("code", *REFERENCE_FIELDS)
                },
            },
        )
    return row


def _update[R: (Theme, Sector)](
    model: type[R],
    action: AuditAction,
    *,
    actor: User | None,
    row: R,
    values: dict[str, Any],
) -> R:
    _check_fields(values)
    values = _clean_names(values)
    with transaction.atomic():
        stored = model._default_manager.select_for_update().get(pk=row.pk)
        before = {name: getattr(stored, name) for name in values}
        changed = [name for name, value in values.items() if before[name] != value]
        for name in changed:
            setattr(stored, name, values[name])
        _validate(stored, new_code=False)
        if changed:
            stored.save(update_fields=changed)
            data_versions.bump(NETWORK_DATA)
            # Names of themes and sectors are public, not personal data: the trail
            # keeps the old and new values.
            audit.record(
                action,
                actor=actor,
                target=stored,
                details={
                    "code": stored.code,
                    "created": False,
                    "fields": changed,
                    "changes": {
                        name: {"from": before[name], "to": values[name]} for name in changed
                    },
                },
            )
    row.refresh_from_db()
    return row


# --- Themes ---------------------------------------------------------------------------------


def theme_create(
    *,
    actor: User | None,
    code: str,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    position: int | None = None,
) -> Theme:
    """Add a theme; without a position it goes last."""
    values = {"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en, "position": position}
    return _create(Theme, AuditAction.THEME_SAVED, actor=actor, code=code, values=values)


def theme_update(*, actor: User | None, theme: Theme, **values: Any) -> Theme:
    """Rename or move a theme; its code stays (addresses and filters use it)."""
    return _update(Theme, AuditAction.THEME_SAVED, actor=actor, row=theme, values=values)


# --- Sectors --------------------------------------------------------------------------------


def sector_create(
    *,
    actor: User | None,
    code: str,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    position: int | None = None,
) -> Sector:
    """Add a sector; without a position it goes last."""
    values = {"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en, "position": position}
    return _create(Sector, AuditAction.SECTOR_SAVED, actor=actor, code=code, values=values)


def sector_update(*, actor: User | None, sector: Sector, **values: Any) -> Sector:
    """Rename or move a sector; its code stays (filters, the API and imports use it)."""
    return _update(Sector, AuditAction.SECTOR_SAVED, actor=actor, row=sector, values=values)
