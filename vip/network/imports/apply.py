"""Applying the checked rows through the services, collecting their errors per row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vip.accounts import scopes
from vip.accounts.roles import Role
from vip.network import services
from vip.network.imports.report import ImportReport
from vip.network.imports.rows import Lookups, ParsedRow
from vip.network.models import ROLES_WITH_DEPUTIES, Group, Membership, Person
from vip.registry.models import Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User

_PERSON_COLUMNS = {name: name for name in services.PERSON_FIELDS} | {"user": "email"}
_MEMBERSHIP_COLUMNS = {
    "person": "role",
    "role": "role",
    "start": "start",
    "end": "end",
    "principal": "deputy_for_email",
    "sector": "sector",
    "organisation": "organisation",
    "group": "group",
}


@dataclass(slots=True)
class PersonPlan:
    first_row: int
    values: dict[str, Any]
    # The first organisation named for the person; employments from rows without a group.
    organisation: Organisation | None = None
    employments: list[ParsedRow] = field(default_factory=list)


class Importer:
    def __init__(
        self, actor: User, lookups: Lookups, report: ImportReport, failed_people: set[str]
    ) -> None:
        self.actor = actor
        self.lookups = lookups
        self.report = report
        self.people: dict[str, Person] = {}
        # People whose rows failed: deputies standing in for them are not reported again.
        self.failed_people = set(failed_people)

    def apply(self, rows: list[ParsedRow]) -> None:
        for person_key, plan in self._plan_people(rows).items():
            self._apply_person(person_key, plan)
        membership_rows = [row for row in rows if row.group is not None]
        # Principals first, so that a deputy may stand in for someone further down the file.
        membership_rows.sort(key=lambda row: (row.role == Membership.Role.DEPUTY, row.number))
        seen: dict[tuple[str, int, str, datetime.date | None], int] = {}
        for row in membership_rows:
            person = self.people.get(row.person_key)
            if person is None or row.group is None:
                continue  # the person's row has its own error
            key = (row.person_key, row.group.pk, row.role, row.start)
            if key in seen:
                self.report.add(
                    row.number,
                    "start",
                    _("The same membership is already on row %(row)s.") % {"row": seen[key]},
                )
                continue
            seen[key] = row.number
            self._apply_membership(row, row.group, person)

    def _plan_people(self, rows: list[ParsedRow]) -> dict[str, PersonPlan]:
        plans: dict[str, PersonPlan] = {}
        for row in rows:
            plan = plans.get(row.person_key)
            if plan is None:
                plan = plans[row.person_key] = PersonPlan(row.number, dict(row.person_values))
            else:
                for name, value in row.person_values.items():
                    if name not in plan.values:
                        plan.values[name] = value
                    elif not _same_person_value(name, plan.values[name], value):
                        self.report.add(
                            row.number,
                            name,
                            _("Differs from row %(row)s for the same person.")
                            % {"row": plan.first_row},
                        )
                        self.failed_people.add(row.person_key)
            if plan.organisation is None:
                plan.organisation = row.organisation
            # Without a group, the organisation and dates are an employment.
            if (
                row.group is None
                and row.organisation is not None
                and all(e.organisation != row.organisation for e in plan.employments)
            ):
                plan.employments.append(row)
        return plans

    def _apply_person(self, key: str, plan: PersonPlan) -> None:
        existing = (
            self.lookups.people.get(key) if not key.startswith("#") else self._person_by_id(key)
        )
        try:
            if existing is None:
                self.people[key] = self._create_person(plan)
            else:
                self.people[key] = self._update_person(existing, plan)
        except ValidationError as error:
            self.report.add_validation_error(plan.first_row, error, _PERSON_COLUMNS, "email")
            self.failed_people.add(key)
            self.people.pop(key, None)
        except _OutOfScope:
            self.report.add(plan.first_row, "email", _("You may not change this person's details."))
            self.failed_people.add(key)

    def _covers(self, organisation: Organisation) -> bool:
        """Employments are added only at organisations in the importer's scope."""
        return scopes.covers_organisation(
            self.actor, organisation, [Role.NATIONAL_ADMIN, Role.AREA_COORDINATOR]
        )

    def _create_person(self, plan: PersonPlan) -> Person:
        if not plan.employments:
            # The organisation a new member represents is also their employer, when it
            # is in the importer's scope; otherwise the person has no employment yet.
            organisation = plan.organisation
            if organisation is not None and not self._covers(organisation):
                organisation = None
            person = services.person_create(
                actor=self.actor, organisation=organisation, **plan.values
            )
        else:
            person = services.person_create(actor=self.actor, **plan.values)
            self._add_employments(person, plan.employments)
        self.report.people.created += 1
        return person

    def _update_person(self, person: Person, plan: PersonPlan) -> Person:
        changes = {
            name: value
            for name, value in plan.values.items()
            if not _same_person_value(name, getattr(person, name), value)
        }
        employments = [
            row
            for row in plan.employments
            if row.organisation is not None
            and (person.pk, row.organisation.pk) not in self.lookups.current_employers
        ]
        if not changes and not employments:
            self.report.people.unchanged += 1
            return person
        if person.pk not in self.lookups.changeable_person_ids:
            raise _OutOfScope
        if changes:
            services.person_update(actor=self.actor, person=person, **changes)
        self._add_employments(person, employments)
        self.report.people.updated += 1
        return person

    def _add_employments(self, person: Person, rows: list[ParsedRow]) -> None:
        for row in rows:
            assert row.organisation is not None
            if not self._covers(row.organisation):
                self.report.add(
                    row.number,
                    "organisation",
                    _(
                        "%(organisation)s is outside your area: only a national administrator "
                        "or the area's coordinator can record employments there."
                    )
                    % {"organisation": row.organisation.name_fi},
                )
                continue
            try:
                services.employment_add(
                    actor=self.actor,
                    person=person,
                    organisation=row.organisation,
                    start=row.start,
                    end=row.end,
                )
            except ValidationError as error:
                self.report.add_validation_error(
                    row.number, error, {"start": "start", "end": "end"}, "organisation"
                )

    def _person_by_id(self, key: str) -> Person | None:
        pk = int(key[1:])
        for people in self.lookups.people_without_email.values():
            for person in people:
                if person.pk == pk:
                    return person
        return None

    def _principal(
        self, row: ParsedRow, group: Group, existing: Membership | None
    ) -> Membership | None:
        """The membership a deputy stands in for; None when an error explains why not."""
        if not row.principal_email:
            if existing is not None:
                return existing.principal  # an empty cell keeps the stored principal
            self.report.add(
                row.number,
                "deputy_for_email",
                _("Enter the e-mail of the member this deputy stands in for."),
            )
            return None
        if row.principal_email in self.failed_people:
            return None  # that member's rows have their own errors
        person = self.people.get(row.principal_email) or self.lookups.people.get(
            row.principal_email
        )
        candidates = []
        if person is not None:
            candidates = [
                membership
                for membership in self.lookups.memberships_of.get((person.pk, group.pk), [])
                if membership.role in ROLES_WITH_DEPUTIES
            ]
        if not candidates:
            self.report.add(
                row.number,
                "deputy_for_email",
                _(
                    "%(email)s is not a member of this group in the file or in the "
                    "registry: a deputy needs a member to stand in for."
                )
                % {"email": row.principal_email},
            )
            return None
        assert row.start is not None
        end = row.end or (existing.end if existing is not None else group.term_end)
        for candidate in candidates:
            if candidate.overlaps(row.start, end):
                return candidate
        # None overlaps: the service explains why, with the dates.
        return candidates[-1]

    def _apply_membership(self, row: ParsedRow, group: Group, person: Person) -> None:
        assert row.start is not None
        counts = self.report.memberships
        existing = self.lookups.memberships.get((person.pk, group.pk, row.role, row.start))
        principal = None
        if row.role == Membership.Role.DEPUTY:
            principal = self._principal(row, group, existing)
            if principal is None:
                return
        try:
            if existing is None:
                membership = services.membership_add(
                    actor=self.actor,
                    group=group,
                    person=person,
                    role=row.role,
                    start=row.start,
                    end=row.end,
                    principal=principal,
                    sector=row.sector,
                    organisation=row.organisation,
                )
                self.lookups.add_membership(membership)
                counts.created += 1
                return
            # Empty cells keep what is stored; only differences are written.
            changes: dict[str, Any] = {}
            if row.end is not None and row.end != existing.end:
                changes["end"] = row.end
            if row.sector is not None and row.sector.pk != existing.sector_id:
                changes["sector"] = row.sector
            if row.organisation is not None and row.organisation.pk != existing.organisation_id:
                changes["organisation"] = row.organisation
            if principal is not None and principal.pk != existing.principal_id:
                changes["principal"] = principal
            if not changes:
                counts.unchanged += 1
                return
            services.membership_update(actor=self.actor, membership=existing, **changes)
            counts.updated += 1
        except ValidationError as error:
            if row.role != Membership.Role.DEPUTY:
                self.failed_people.add(row.person_key)
            self.report.add_validation_error(row.number, error, _MEMBERSHIP_COLUMNS, "role")


class _OutOfScope(Exception):
    pass


def _same_person_value(name: str, stored: Any, value: Any) -> bool:
    if name == "languages":
        return set(str(stored).split(",")) == set(str(value).split(","))
    if name == "email":
        return str(stored).lower() == str(value).lower()
    return bool(stored == value)
