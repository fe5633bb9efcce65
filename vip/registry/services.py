"""Writes to the registry: reference-data loading and organisation changes."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from vip.audit import audit
from vip.audit.models import AuditAction
from vip.core import data_versions
from vip.registry.models import REGISTRY_DATA, Area, County, Municipality, Organisation
from vip.registry.reference_data import AREAS, COUNTY_NAMES_EN

if TYPE_CHECKING:
    from vip.accounts.models import User

MUNICIPALITIES_CSV = Path(__file__).resolve().parent / "data" / "municipalities.csv"
LANGUAGE_STATUS_CSV = Path(__file__).resolve().parent / "data" / "municipal_language_status.csv"
_CSV_COLUMNS = (
    "code",
    "name_fi",
    "name_sv",
    "population_2020",
    "wellbeing_county",
    "wellbeing_county_fi",
    "wellbeing_county_sv",
    "collaboration_area",
    "vip_area",
)


class ReferenceDataError(Exception):
    """The reference file is invalid; ``errors`` names each bad row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool, changed: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.updated[kind] = self.updated.get(kind, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(model: type[Any], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[bool, bool]:
    """Create or update one row; returns (created, changed). Unchanged rows are not written."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return True, False
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return False, changed


def _read_municipality_rows(path: Path) -> list[dict[str, str]]:
    """Read and validate every row before anything is written."""
    errors: list[str] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in _CSV_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError([_("Missing columns: %s") % ", ".join(missing)])
            rows = list(reader)
    except UnicodeDecodeError as error:
        raise ReferenceDataError(
            [_("The file is not UTF-8 encoded; save it as UTF-8 and try again.")]
        ) from error
    area_codes = {area.code for area in AREAS}
    collaboration = {area.code: area.collaboration_area_code for area in AREAS}
    seen: set[str] = set()
    county_area: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        # DictReader fills missing cells with None and puts extra ones under None.
        if None in row or None in row.values():
            errors.append(
                _("Row %(row)d: expected %(count)d values separated by commas.")
                % {"row": number, "count": len(_CSV_COLUMNS)}
            )
            continue
        code = row["code"].strip()
        if not (len(code) == 3 and code.isdigit()):
            errors.append(
                _("Row %(row)d: municipality code %(code)r is not three digits.")
                % {"row": number, "code": code}
            )
        elif code in seen:
            errors.append(
                _("Row %(row)d: municipality code %(code)s appears twice.")
                % {"row": number, "code": code}
            )
        seen.add(code)
        if not row["name_fi"].strip() or not row["name_sv"].strip():
            errors.append(
                _("Row %(row)d: the Finnish and Swedish names are required.") % {"row": number}
            )
        if not row["population_2020"].strip().isdigit():
            errors.append(_("Row %(row)d: population must be a whole number.") % {"row": number})
        county, area = row["wellbeing_county"].strip(), row["vip_area"].strip()
        if bool(county) != bool(area):
            errors.append(
                _("Row %(row)d: county and area must both be given or both empty.")
                % {"row": number}
            )
        if area and area not in area_codes:
            errors.append(
                _("Row %(row)d: unknown VIP area %(area)r.") % {"row": number, "area": area}
            )
        elif area and row["collaboration_area"].strip() != collaboration[area]:
            errors.append(
                _("Row %(row)d: collaboration area does not match VIP area %(area)s.")
                % {"row": number, "area": area}
            )
        if county and county_area.setdefault(county, area) != area:
            errors.append(
                _("Row %(row)d: county %(county)s lies in two areas.")
                % {"row": number, "county": county}
            )
    if errors:
        raise ReferenceDataError(errors)
    return rows


def _read_language_statuses(path: Path, codes: set[str]) -> dict[str, str]:
    """Municipality code -> official language status, every code accounted for."""
    valid = set(Municipality.LanguageStatus.values)
    statuses: dict[str, str] = {}
    errors: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            code, status = (
                (row.get("code") or "").strip(),
                (row.get("language_status") or "").strip(),
            )
            if status not in valid:
                errors.append(
                    _("Row %(row)d: unknown language status %(status)r.")
                    % {"row": number, "status": status}
                )
            statuses[code] = status
    missing = sorted(codes - statuses.keys())
    if missing:
        errors.append(_("No language status for municipalities %s.") % ", ".join(missing))
    if errors:
        raise ReferenceDataError(errors)
    return statuses


def load_reference_data(
    *,
    actor: User | None,
    path: Path = MUNICIPALITIES_CSV,
    language_path: Path = LANGUAGE_STATUS_CSV,
) -> LoadReport:
    """Load areas, counties and municipalities; a second run changes nothing."""
    rows = _read_municipality_rows(path)
    language_statuses = _read_language_statuses(
        language_path, {row["code"].strip() for row in rows}
    )
    report = LoadReport()
    with transaction.atomic():
        areas: dict[str, Area] = {}
        for data in AREAS:
            created, changed = _upsert(
                Area,
                {"code": data.code},
                {
                    "collaboration_area_code": data.collaboration_area_code,
                    "name_fi": data.name_fi,
                    "name_sv": data.name_sv,
                    "name_en": data.name_en,
                },
            )
            report.count("areas", created, changed)
            areas[data.code] = Area.objects.get(code=data.code)

        counties: dict[str, County] = {}
        for row in rows:
            code = row["wellbeing_county"].strip()
            if not code or code in counties:
                continue
            created, changed = _upsert(
                County,
                {"code": code},
                {
                    "name_fi": row["wellbeing_county_fi"].strip(),
                    "name_sv": row["wellbeing_county_sv"].strip(),
                    "name_en": COUNTY_NAMES_EN.get(code, ""),
                    "area": areas[row["vip_area"].strip()],
                },
            )
            report.count("counties", created, changed)
            counties[code] = County.objects.get(code=code)

        for row in rows:
            county_code = row["wellbeing_county"].strip()
            created, changed = _upsert(
                Municipality,
                {"code": row["code"].strip()},
                {
                    "name_fi": row["name_fi"].strip(),
                    "name_sv": row["name_sv"].strip(),
                    "population": int(row["population_2020"]),
                    "language_status": language_statuses[row["code"].strip()],
                    "county": counties[county_code] if county_code else None,
                },
            )
            report.count("municipalities", created, changed)

        if report.changed_anything:
            data_versions.bump(REGISTRY_DATA)
        audit.record(
            AuditAction.REFERENCE_DATA_LOADED,
            actor=actor,
            target_type="registry.municipality",
            details={"file": path.name, "created": report.created, "updated": report.updated},
        )
    return report


# --- Organisations --------------------------------------------------------------------------

ORGANISATION_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "kind",
    "parent",
    "municipality",
    "languages",
    "active_from",
    "active_to",
    "school_code",
    "oid",
)


def _clean_identifiers(values: dict[str, Any]) -> None:
    # Empty identifiers are stored as NULL so that uniqueness applies to real values only.
    for name in ("school_code", "oid"):
        if name in values and not values[name]:
            values[name] = None


def _current_path(organisation_id: int) -> str:
    return Organisation.objects.values_list("tree_path", flat=True).get(pk=organisation_id)


def organisation_create(*, actor: User | None, **values: Any) -> Organisation:
    unknown = set(values) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    _clean_identifiers(values)
    organisation = Organisation(**values)
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        # The parent's path is read inside the transaction: it may have moved since loading.
        parent_path = _current_path(organisation.parent_id) if organisation.parent_id else "/"
        organisation.tree_path = f"{parent_path}{organisation.pk}/"
        Organisation.objects.filter(pk=organisation.pk).update(tree_path=organisation.tree_path)
        data_versions.bump(REGISTRY_DATA)
        audit.record(
            AuditAction.ORGANISATION_CREATED,
            actor=actor,
            target=organisation,
            organisation=organisation,
            details={"kind": organisation.kind},
        )
    return organisation


def organisation_update(
    *, actor: User | None, organisation: Organisation, **values: Any
) -> Organisation:
    """Change an organisation; moving it moves its whole subtree.

    The caller's instance is refreshed from the database afterwards.
    """
    unknown = set(values) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    _clean_identifiers(values)
    with transaction.atomic():
        # Work from the locked, stored row: a bound form may already have changed the
        # caller's instance, and another editor may have moved an ancestor meanwhile.
        stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
        old_path = stored.tree_path
        changed = [name for name, value in values.items() if getattr(stored, name) != value]
        for name in changed:
            setattr(stored, name, values[name])
        stored.full_clean()
        if stored.parent_id is not None:
            parent_path = _current_path(stored.parent_id)
            if parent_path.startswith(old_path):
                raise ValidationError(
                    {"parent": _("An organisation cannot be placed under itself or its own unit.")}
                )
        else:
            parent_path = "/"
        if not changed:
            organisation.refresh_from_db()
            return organisation
        stored.save(update_fields=[*changed, "search_text"])
        if "parent" in changed:
            new_path = f"{parent_path}{stored.pk}/"
            # Re-root the whole subtree in one statement.
            Organisation.objects.filter(tree_path__startswith=old_path).update(
                tree_path=Concat(Value(new_path), Substr("tree_path", len(old_path) + 1))
            )
            stored.refresh_from_db(fields=["tree_path"])
        data_versions.bump(REGISTRY_DATA)
        audit.record(
            AuditAction.ORGANISATION_UPDATED,
            actor=actor,
            target=stored,
            organisation=stored,
            details={"fields": sorted(changed)},
        )
    organisation.refresh_from_db()
    return organisation
