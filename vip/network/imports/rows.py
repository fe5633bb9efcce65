"""Checking every row of the file against the registry, before anything is written."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vip.network.imports.columns import (
    ROLE_LOOKUP,
    ROLE_WORDS,
    current_language,
    normalise,
    role_word,
)
from vip.network.imports.reading import RawRow, cell_date, cell_languages, cell_text
from vip.network.imports.report import ImportReport
from vip.network.models import Employment, Group, Membership, Person, Sector, phone_validator
from vip.network.policies import group_policy, person_policy
from vip.registry.models import Municipality, Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

# Lookups by value lists go to the database in slices: SQLite limits the
# number of parameters of one query.
CHUNK = 500


def chunks[T](values: Iterable[T]) -> Iterator[list[T]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# --- Lookups, loaded once ---------------------------------------------------------------------


class Lookups:
    """Everything the rows refer to, loaded with a fixed number of queries."""

    def __init__(self, actor: User, rows: list[RawRow]) -> None:
        self.today = timezone.localdate()
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.groups: dict[int, Group] = {}
        self.groups_by_name: dict[str, list[Group]] = {}
        for group in Group.objects.all():
            self.groups[group.pk] = group
            self.groups_by_name.setdefault(group.name_fi.strip().casefold(), []).append(group)
        self.managed_group_ids = set(
            group_policy.visible(actor, "manage").values_list("pk", flat=True)
        )
        self.sectors: dict[str, Sector] = {}
        for sector in Sector.objects.all():
            for name in (sector.code, sector.name_fi, sector.name_sv, sector.name_en):
                if name:
                    self.sectors.setdefault(normalise(name), sector)
        self._load_organisations({cell_text(row.get("organisation")) for row in rows} - {""})
        self._load_people(rows)
        self._load_memberships_and_employments(actor)

    def _load_organisations(self, values: set[str]) -> None:
        codes = {value.zfill(5) for value in values if value.isdigit() and len(value) <= 5}
        oids = {value for value in values if value.startswith("1.2.246.562.")}
        names = {
            value
            for value in values
            if not (value.isdigit() and len(value) <= 5) and value not in oids
        }
        self.organisations_by_code: dict[str, Organisation] = {}
        self.organisations_by_oid: dict[str, Organisation] = {}
        self.organisations_by_name: dict[str, list[Organisation]] = {}
        wanted = [("code", v) for v in codes] + [("oid", v) for v in oids]
        wanted += [("name", v) for v in names]
        for chunk in chunks(wanted):
            condition = Q(pk__in=[])
            for kind, values_of_kind in (
                ("school_code__in", [v for k, v in chunk if k == "code"]),
                ("oid__in", [v for k, v in chunk if k == "oid"]),
                ("name_fi__in", [v for k, v in chunk if k == "name"]),
            ):
                if values_of_kind:
                    condition |= Q(**{kind: values_of_kind})
            # Down to the area: employments are added only in the importer's scope.
            for organisation in Organisation.objects.filter(condition).select_related(
                "municipality__county__area"
            ):
                if organisation.school_code:
                    self.organisations_by_code[organisation.school_code] = organisation
                if organisation.oid:
                    self.organisations_by_oid[organisation.oid] = organisation
                if organisation.name_fi in names:
                    by_name = self.organisations_by_name.setdefault(organisation.name_fi, [])
                    if organisation not in by_name:
                        by_name.append(organisation)

    def _load_people(self, rows: list[RawRow]) -> None:
        emails = {cell_text(row.get("email")).lower() for row in rows}
        emails |= {cell_text(row.get("deputy_for_email")).lower() for row in rows}
        emails.discard("")
        self.people: dict[str, Person] = {}
        for chunk in chunks(emails):
            for person in Person.objects.filter(email__in=chunk):
                self.people[person.email] = person
        # People without an e-mail are matched by their exact name, when unique, so
        # that an exported file can be imported back.
        nameless = {
            cell_text(row.get("family_name")) for row in rows if not cell_text(row.get("email"))
        } - {""}
        self.people_without_email: dict[tuple[str, str], list[Person]] = {}
        for chunk in chunks(nameless):
            for person in Person.objects.filter(email="", family_name__in=chunk):
                key = (person.given_name, person.family_name)
                self.people_without_email.setdefault(key, []).append(person)

    def _load_memberships_and_employments(self, actor: User) -> None:
        person_ids = {person.pk for person in self.people.values()}
        person_ids |= {p.pk for people in self.people_without_email.values() for p in people}
        self.changeable_person_ids: set[int] = set()
        self.memberships: dict[tuple[int, int, str, datetime.date], Membership] = {}
        self.memberships_of: dict[tuple[int, int], list[Membership]] = {}
        self.current_employers: set[tuple[int, int]] = set()
        for chunk in chunks(person_ids):
            self.changeable_person_ids.update(
                person_policy.visible(actor, "change")
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )
            for membership in Membership.objects.filter(person_id__in=chunk):
                self.add_membership(membership)
            current = Employment.objects.filter(person_id__in=chunk).filter(
                Q(end__isnull=True) | Q(end__gte=self.today)
            )
            self.current_employers.update(current.values_list("person_id", "organisation_id"))

    def add_membership(self, membership: Membership) -> None:
        key = (membership.person_id, membership.group_id, membership.role, membership.start)
        self.memberships[key] = membership
        self.memberships_of.setdefault((membership.person_id, membership.group_id), []).append(
            membership
        )


# --- Parsing rows ----------------------------------------------------------------------------


@dataclass(slots=True)
class ParsedRow:
    number: int
    person_key: str  # the e-mail, or "#<id>" for a matched person without one
    person_values: dict[str, Any]
    organisation: Organisation | None = None
    group: Group | None = None
    role: str = ""
    principal_email: str = ""
    sector: Sector | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None


class RowParser:
    def __init__(self, lookups: Lookups, report: ImportReport) -> None:
        self.lookups = lookups
        self.report = report
        # People with a row in error: rows of their deputies are not reported again.
        self.failed_people: set[str] = set()

    def parse(self, row: RawRow) -> ParsedRow | None:
        """Check every cell of the row; None when any is wrong (errors are reported)."""
        errors_before = len(self.report.errors)
        add = self.report.add
        number = row.number
        values: dict[str, Any] = {}
        given, family = cell_text(row.get("given_name")), cell_text(row.get("family_name"))
        if not given:
            add(number, "given_name", _("Enter the given name."))
        if not family:
            add(number, "family_name", _("Enter the family name."))
        values.update(given_name=given, family_name=family)

        person_key = self._person_key(row, given, family)
        if person_key and not person_key.startswith("#"):
            values["email"] = person_key
        for key in ("phone", "title"):
            if text := cell_text(row.get(key)):
                values[key] = text
        if values.get("phone"):
            try:
                phone_validator(values["phone"])
            except ValidationError as error:
                add(number, "phone", error.messages[0])
        if text := cell_text(row.get("languages")):
            try:
                values["languages"] = cell_languages(text)
            except ValueError:
                add(
                    number,
                    "languages",
                    _("Enter language codes fi, sv or en separated by commas, e.g. fi,sv."),
                )

        parsed = ParsedRow(number=number, person_key=person_key, person_values=values)
        municipality = self._municipality(row)
        parsed.organisation = self._organisation(row, municipality)
        parsed.start = self._parse_date(row, "start")
        parsed.end = self._parse_date(row, "end")
        self._membership_cells(row, parsed)
        if len(self.report.errors) > errors_before:
            self.failed_people.add(person_key)
            return None
        return parsed

    def _person_key(self, row: RawRow, given: str, family: str) -> str:
        email = cell_text(row.get("email")).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.report.add(
                    row.number,
                    "email",
                    _("Enter an e-mail address in the form name@example.fi."),
                )
                return ""
            return email
        matches = self.lookups.people_without_email.get((given, family), [])
        if len(matches) == 1:
            return f"#{matches[0].pk}"
        self.report.add(
            row.number, "email", _("Enter the e-mail address: people are matched by it.")
        )
        return ""

    def _municipality(self, row: RawRow) -> Municipality | None:
        code = cell_text(row.get("municipality_code"))
        if not code:
            return None
        if code.isdigit() and len(code) < 3:
            code = code.zfill(3)  # spreadsheets drop leading zeros: 91 -> 091
        municipality = self.lookups.municipalities.get(code)
        if municipality is None:
            self.report.add(
                row.number,
                "municipality_code",
                _("Unknown municipality code “%(code)s”: use the three-digit code, e.g. 091.")
                % {"code": code},
            )
        return municipality

    def _organisation(self, row: RawRow, municipality: Municipality | None) -> Organisation | None:
        value = cell_text(row.get("organisation"))
        if not value:
            return None
        lookups, number = self.lookups, row.number
        if value.isdigit() and len(value) <= 5:
            organisation = lookups.organisations_by_code.get(value.zfill(5))
        elif value.startswith("1.2.246.562."):
            organisation = lookups.organisations_by_oid.get(value)
        else:
            candidates = lookups.organisations_by_name.get(value, [])
            if municipality is not None:
                candidates = [c for c in candidates if c.municipality_id == municipality.pk]
            if len(candidates) > 1:
                self.report.add(
                    number,
                    "organisation",
                    _(
                        "Several organisations are called “%(name)s”: add the municipality "
                        "code, or use the school code or OID."
                    )
                    % {"name": value},
                )
                return None
            organisation = candidates[0] if candidates else None
        if organisation is None:
            if municipality is not None:
                message = _("No organisation “%(value)s” in municipality %(code)s.") % {
                    "value": value,
                    "code": municipality.code,
                }
            else:
                message = _("No organisation “%(value)s” in the registry.") % {"value": value}
            self.report.add(number, "organisation", message)
            return None
        if municipality is not None and organisation.municipality_id != municipality.pk:
            self.report.add(
                number,
                "municipality_code",
                _("%(organisation)s is not in municipality %(code)s.")
                % {"organisation": organisation.name_fi, "code": municipality.code},
            )
            return None
        return organisation

    def _parse_date(self, row: RawRow, key: str) -> datetime.date | None:
        try:
            return cell_date(row.get(key))
        except ValueError:
            self.report.add(row.number, key, _("Enter a date as 31.12.2025 or 2025-12-31."))
            return None

    def _membership_cells(self, row: RawRow, parsed: ParsedRow) -> None:
        add, number = self.report.add, row.number
        group_value = cell_text(row.get("group"))
        role_value = cell_text(row.get("role"))
        principal_value = cell_text(row.get("deputy_for_email")).lower()
        sector_value = cell_text(row.get("sector"))
        if not group_value:
            if role_value or principal_value or sector_value:
                add(
                    number,
                    "group",
                    _("Enter the group, or leave the role, sector and deputy columns empty."),
                )
            elif (parsed.start or parsed.end) and parsed.organisation is None:
                add(
                    number,
                    "start",
                    _("Without a group or an organisation the dates have nothing to belong to."),
                )
            return
        parsed.group = self._group(number, group_value)
        if not role_value:
            add(number, "role", _("Enter the role in the group."))
        else:
            parsed.role = ROLE_LOOKUP.get(normalise(role_value), "")
            if not parsed.role:
                language = current_language()
                add(
                    number,
                    "role",
                    _("Unknown role. Use one of: %(roles)s.")
                    % {"roles": ", ".join(role_word(role, language) for role in ROLE_WORDS)},
                )
        if principal_value:
            if parsed.role and parsed.role != Membership.Role.DEPUTY:
                add(
                    number,
                    "deputy_for_email",
                    _("Only a deputy member stands in for someone: leave this empty."),
                )
            else:
                try:
                    validate_email(principal_value)
                except ValidationError:
                    add(
                        number,
                        "deputy_for_email",
                        _("Enter an e-mail address in the form name@example.fi."),
                    )
                parsed.principal_email = principal_value
        if sector_value:
            parsed.sector = self.lookups.sectors.get(normalise(sector_value))
            if parsed.sector is None:
                add(number, "sector", _("Unknown sector “%(value)s”.") % {"value": sector_value})
        if parsed.start is None and cell_text(row.get("start")) == "":
            add(number, "start", _("Enter the start date of the membership."))

    def _group(self, number: int, value: str) -> Group | None:
        lookups = self.lookups
        if value.isdigit():
            group = lookups.groups.get(int(value))
            candidates = [group] if group is not None else []
        else:
            candidates = lookups.groups_by_name.get(value.casefold(), [])
        if not candidates:
            self.report.add(
                number,
                "group",
                _("No group “%(value)s”: use its number or exact Finnish name.") % {"value": value},
            )
            return None
        if len(candidates) > 1:
            self.report.add(
                number,
                "group",
                _("Several groups are called “%(value)s”: use the group's number instead.")
                % {"value": value},
            )
            return None
        group = candidates[0]
        if group.pk not in lookups.managed_group_ids:
            self.report.add(number, "group", _("You may not change the members of this group."))
            return None
        return group
