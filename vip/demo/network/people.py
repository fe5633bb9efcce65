"""The network's people and their employments: names drawn once, e-mails kept unique."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator
from itertools import product
from typing import TYPE_CHECKING

from vip.demo import names
from vip.demo.network.base import SeederBase
from vip.demo.network.plans import PersonPlan
from vip.network import services as network_services
from vip.network.models import Person
from vip.registry.models import Organisation

if TYPE_CHECKING:
    from vip.accounts.models import User
    from vip.demo.seeding import Seeder


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class PeopleSeeder(SeederBase):
    def __init__(self, seeder: Seeder, users: dict[str, User]) -> None:
        super().__init__(seeder, users)
        self.people: dict[str, PersonPlan] = {}
        self._emails: set[str] = set()
        self._name_pools: dict[bool, Iterator[tuple[str, str]]] = {}
        self._reserved_names = {(u.given_name, u.family_name) for u in users.values()}

    # --- Planning -------------------------------------------------------------------------

    def _next_name(self, swedish: bool) -> tuple[str, str]:
        if swedish not in self._name_pools:
            given = names.GIVEN_NAMES_SV if swedish else names.GIVEN_NAMES_FI
            family = names.FAMILY_NAMES_SV if swedish else names.FAMILY_NAMES_FI
            combos = [pair for pair in product(given, family) if pair not in self._reserved_names]
            self.seeder.rng("people", swedish).shuffle(combos)
            self._name_pools[swedish] = iter(combos)
        return next(self._name_pools[swedish])

    def person(
        self,
        key: str,
        organisation: Organisation,
        title: str,
        *,
        swedish: bool = False,
        languages: str = "",
        user: User | None = None,
    ) -> PersonPlan:
        """The person planned under ``key``; the first call decides who they are."""
        if key in self.people:
            return self.people[key]
        rng = self.seeder.rng("person", key)
        if user is not None:
            given, family, email = user.given_name, user.family_name, user.email.lower()
        else:
            given, family = self._next_name(swedish)
            local = f"{_ascii(given)}.{_ascii(family)}"
            email, number = f"{local}@{self.domain}", 2
            while email in self._emails:
                email, number = f"{local}{number}@{self.domain}", number + 1
        self._emails.add(email)
        plan = PersonPlan(
            key=key,
            given_name=given,
            family_name=family,
            email=email,
            title=title,
            organisation=organisation,
            languages=languages or ("sv,fi" if swedish else "fi"),
            # Numbers of the form +358 50 000 xxxx: synthetic.
            phone=f"+358 50 000 {rng.randrange(10000):04d}",
            contact_details_public=rng.random() < 0.6,
            employment_start=datetime.date(rng.randint(2004, 2020), 8, 1)
            if rng.random() < 0.9
            else None,
            user=user,
        )
        self.people[key] = plan
        return plan

    def title(self, key: str, category: str) -> str:
        return self.seeder.rng("title", key).choice(names.TITLES_FI[category])

    def titled_person(self, key: str, organisation: Organisation, category: str) -> PersonPlan:
        """The person planned under ``key``, titled from the category's titles by that key."""
        return self.person(key, organisation, self.title(key, category))

    def person_in_post_of(self, key: str, other: PersonPlan) -> PersonPlan:
        """The person planned under ``key``, in ``other``'s organisation and title."""
        return self.person(key, other.organisation, other.title)

    # --- Writing --------------------------------------------------------------------------

    def _load_persons(self) -> None:
        """The demo's people already in the database, by e-mail and by user."""
        self._persons = {
            person.email: person
            for person in Person.objects.filter(email__endswith=f"@{self.domain}")
        }
        self._persons_by_user = {
            person.user_id: person
            for person in Person.objects.filter(user__in=list(self.users.values()))
        }

    def write_person(self, plan: PersonPlan) -> Person:
        person = self._persons.get(plan.email)
        if person is None and plan.user is not None:
            person = self._persons_by_user.get(plan.user.pk)
        if person is not None:
            return person
        person = network_services.person_create(
            actor=None,
            organisation=plan.organisation,
            employment_start=plan.employment_start,
            given_name=plan.given_name,
            family_name=plan.family_name,
            email=plan.email,
            phone=plan.phone,
            title=plan.title,
            languages=plan.languages,
            contact_details_public=plan.contact_details_public,
            user=plan.user,
        )
        self._persons[plan.email] = person
        self.report.count("person")
        return person
