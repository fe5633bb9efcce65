"""Who registers: a pool of synthetic people, and what happens to each registration.

The pool is drawn once per run: each person works in a municipality (drawn by
population, with the areas unevenly active and some small municipalities never
taking part), in a sector, and in an organisation of the registry that fits the sector
(a rector in a school, a child-protection worker in the wellbeing services county, a
researcher at a university); a few type an organisation the registry does not have.
People in Swedish-speaking and bilingual municipalities register in Swedish as often
as the municipality's language suggests. Regional events draw mostly from their area.

``simulate`` replays an event's registration window in time order: arrivals take a
seat while seats last, then a waiting-list place, and are refused after that; people
cancel before the deadline, and every freed seat goes to the first on the waiting
list, exactly as the registration service does. So capacities hold by construction.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vip.demo import names
from vip.demo.events import catalogue
from vip.events.models import Registration
from vip.registry.models import Municipality, Organisation

if TYPE_CHECKING:
    from vip.demo.events.plans import EventPlan
    from vip.network.models import Sector

Kind = Organisation.Kind
Status = Registration.Status

# How active each area's people are at events, relative to their population.
AREA_ACTIVITY = {"HYKS": 0.9, "KYS": 1.2, "TAYS": 1.15, "TYKS": 0.95, "OYS": 1.0}
# Åland is outside the network; a few of its people still come to national events.
ALAND_ACTIVITY = 0.1
# Share of small municipalities (under SMALL_POPULATION) that never send anyone.
SMALL_POPULATION = 6000
SMALL_ABSENT_SHARE = 0.2
# The share of a municipality's people who register in Swedish, by language status.
SWEDISH_SHARE = {"sv": 0.95, "sv+fi": 0.65, "fi+sv": 0.12, "fi": 0.005}
# Sectors by weight; None is a teacher or another role outside the eleven sectors.
SECTOR_WEIGHTS: list[tuple[str | None, int]] = [
    ("rector", 14),
    ("education-administration", 10),
    ("vaatu-chair", 1),
    ("early-childhood", 12),
    ("lape-ot-centre", 3),
    ("specialised-health-care", 4),
    ("pupil-welfare", 14),
    ("university-research", 2),
    ("teacher-education", 2),
    ("child-protection", 4),
    ("avi", 1),
    (None, 33),
]
TYPED_ORGANISATION_SHARE = 0.04
# Regional events: the share of registrants from the event's own areas.
HOME_AREA_SHARE = 0.9
VAATU_KINDS = (
    Kind.HOSPITAL_SCHOOL,
    Kind.ELMERI_SCHOOL,
    Kind.STATE_REFORM_SCHOOL,
    Kind.VALTERI_UNIT,
)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@dataclass(slots=True)
class Registrant:
    given_name: str
    family_name: str
    email: str
    municipality_id: int
    area_id: int | None
    sector_id: int | None
    organisation_id: int | None
    organisation_text: str
    language: str
    billing_organisation: str
    billing_address: str


@dataclass(slots=True)
class OrgRow:
    pk: int
    name: str
    municipality_id: int | None


class RegistrantPool:
    def __init__(
        self,
        rng: random.Random,
        size: int,
        municipalities: list[Municipality],
        sectors: dict[str, Sector],
        domain: str,
    ) -> None:
        self.domain = domain
        self._index_organisations(municipalities)
        self.people: list[Registrant] = []
        self._locals: dict[str, int] = {}
        weights = []
        for municipality in municipalities:
            area = municipality.area
            activity = AREA_ACTIVITY.get(area.code, 1.0) if area else ALAND_ACTIVITY
            if municipality.population < SMALL_POPULATION and rng.random() < SMALL_ABSENT_SHARE:
                activity = 0.0
            weights.append(municipality.population * activity)
        drawn = rng.choices(municipalities, weights=weights, k=size)
        sector_codes = [code for code, _weight in SECTOR_WEIGHTS]
        sector_weights = [weight for _code, weight in SECTOR_WEIGHTS]
        for municipality in drawn:
            code = rng.choices(sector_codes, weights=sector_weights)[0]
            self.people.append(self._person(rng, municipality, code, sectors))
        self.everyone = list(range(len(self.people)))
        self.by_area: dict[int | None, list[int]] = {}
        self.swedish: dict[int | None, list[int]] = {}
        for index, person in enumerate(self.people):
            self.by_area.setdefault(person.area_id, []).append(index)
            if person.language == "sv":
                self.swedish.setdefault(person.area_id, []).append(index)
                self.swedish.setdefault(None, []).append(index)

    # --- The registry, indexed ------------------------------------------------------------

    def _index_organisations(self, municipalities: list[Municipality]) -> None:
        self.area_of_municipality = {
            m.pk: (m.county.area_id if m.county else None) for m in municipalities
        }
        self.county_of_municipality = {m.pk: m.county_id for m in municipalities}
        self.municipality_name = {m.pk: m.name_fi for m in municipalities}
        by_kind: dict[str, list[OrgRow]] = {}
        rows = (
            Organisation.objects.filter(oid__startswith="1.2.246.562.10.99")
            .order_by("id")
            .values_list("pk", "kind", "name_fi", "municipality_id", "oid")
        )
        self.county_org: dict[int, OrgRow] = {}
        self.ot_centre: dict[int, OrgRow] = {}
        county_by_oid = self._county_oids(municipalities)
        for pk, kind, name, municipality_id, oid in rows:
            row = OrgRow(pk, name, municipality_id)
            by_kind.setdefault(kind, []).append(row)
            if oid in county_by_oid:
                county_id, which = county_by_oid[oid]
                (self.county_org if which == "county" else self.ot_centre)[county_id] = row
        self.by_kind = by_kind

        def per_municipality(kind: str) -> dict[int | None, list[OrgRow]]:
            found: dict[int | None, list[OrgRow]] = {}
            for row in by_kind.get(kind, []):
                found.setdefault(row.municipality_id, []).append(row)
            return found

        def per_area(*kinds: str) -> dict[int | None, list[OrgRow]]:
            found: dict[int | None, list[OrgRow]] = {}
            for kind in kinds:
                for row in by_kind.get(kind, []):
                    area_id = self.area_of_municipality.get(row.municipality_id or 0)
                    found.setdefault(area_id, []).append(row)
            return found

        self.schools = per_municipality(Kind.SCHOOL)
        self.ecec_units = per_municipality(Kind.EARLY_CHILDHOOD_UNIT)
        self.providers = {key: rows[0] for key, rows in per_municipality(Kind.MUNICIPALITY).items()}
        self.vaatu = per_area(*VAATU_KINDS)
        self.universities = per_area(Kind.UNIVERSITY)
        self.training = per_area(Kind.UNIVERSITY, Kind.TEACHER_TRAINING_SCHOOL)
        self.avis = per_area(Kind.AVI)

    @staticmethod
    def _county_oids(municipalities: list[Municipality]) -> dict[str, tuple[int, str]]:
        from vip.demo.seeding import stable_oid

        counties = {m.county.pk: m.county.code for m in municipalities if m.county}
        found = {}
        for county_id, code in counties.items():
            found[stable_oid(f"county:{code}")] = (county_id, "county")
            found[stable_oid(f"ot-centre:{code}")] = (county_id, "ot")
        return found

    def _organisation(
        self, rng: random.Random, municipality: Municipality, sector: str | None
    ) -> OrgRow | None:
        local = municipality.pk
        area_id = self.area_of_municipality.get(local)
        county_id = self.county_of_municipality.get(local)
        provider = self.providers.get(local)

        def pick(options: list[OrgRow] | None, fallback: OrgRow | None = provider) -> OrgRow | None:
            return rng.choice(options) if options else fallback

        def in_area(index: dict[int | None, list[OrgRow]]) -> OrgRow | None:
            options = index.get(area_id) or [row for rows in index.values() for row in rows]
            return pick(options)

        county = self.county_org.get(county_id) if county_id else None
        match sector:
            case "rector":
                return pick(self.schools.get(local))
            case "early-childhood":
                return pick(self.ecec_units.get(local))
            case "education-administration":
                return provider
            case "pupil-welfare":
                return county if county and rng.random() < 0.5 else provider
            case "specialised-health-care" | "child-protection":
                return county or provider
            case "lape-ot-centre":
                return (self.ot_centre.get(county_id) if county_id else None) or county
            case "vaatu-chair":
                return in_area(self.vaatu)
            case "university-research":
                return in_area(self.universities)
            case "teacher-education":
                return in_area(self.training)
            case "avi":
                return in_area(self.avis)
        roll = rng.random()
        if roll < 0.7:
            return pick(self.schools.get(local))
        if roll < 0.85:
            return pick(self.ecec_units.get(local))
        return provider

    def _person(
        self,
        rng: random.Random,
        municipality: Municipality,
        sector_code: str | None,
        sectors: dict[str, Sector],
    ) -> Registrant:
        swedish = rng.random() < SWEDISH_SHARE.get(municipality.language_status, 0.0)
        given = rng.choice(names.GIVEN_NAMES_SV if swedish else names.GIVEN_NAMES_FI)
        family = rng.choice(names.FAMILY_NAMES_SV if swedish else names.FAMILY_NAMES_FI)
        local_part = f"{_ascii(given)}.{_ascii(family)}"
        number = self._locals.get(local_part, 0) + 1
        self._locals[local_part] = number
        email = f"{local_part}{number if number > 1 else ''}@{self.domain}"
        organisation = None
        typed = ""
        if rng.random() < TYPED_ORGANISATION_SHARE:
            typed = rng.choice(catalogue.TYPED_ORGANISATIONS)
            sector_code = None
        else:
            organisation = self._organisation(rng, municipality, sector_code)
        invoiced = organisation or self.providers.get(municipality.pk)
        billing = invoiced.name if invoiced is not None else typed
        language = "sv" if swedish else ("en" if rng.random() < 0.004 else "fi")
        return Registrant(
            given_name=given,
            family_name=family,
            email=email,
            municipality_id=municipality.pk,
            area_id=self.area_of_municipality.get(municipality.pk),
            sector_id=sectors[sector_code].pk if sector_code in sectors else None,
            organisation_id=organisation.pk if organisation else None,
            organisation_text=typed,
            language=language,
            billing_organisation=billing,
            billing_address=(
                f"PL {rng.randint(1, 999)}, {rng.randint(10, 99)}{rng.choice('0123456789')}01 "
                f"{self.municipality_name[municipality.pk]}"
            ),
        )

    # --- Drawing an event's registrants ---------------------------------------------------

    def draw(
        self, rng: random.Random, count: int, area_ids: list[int], *, swedish: bool = False
    ) -> list[Registrant]:
        """``count`` different people, mostly from ``area_ids`` when the event has areas."""
        index = self.swedish if swedish else self.by_area
        home = [i for area_id in area_ids for i in index.get(area_id, [])]
        everyone = self.swedish.get(None, []) if swedish else self.everyone
        if not everyone:
            everyone = self.everyone
        count = min(count, len(everyone))
        chosen: set[int] = set()
        order: list[int] = []
        attempts = 0
        while len(order) < count and attempts < 4 * count + 20:
            attempts += 1
            source = home if home and rng.random() < HOME_AREA_SHARE else everyone
            person = source[rng.randrange(len(source))]
            if person not in chosen:
                chosen.add(person)
                order.append(person)
        return [self.people[i] for i in order]


@dataclass(slots=True)
class Outcome:
    registrant: Registrant
    created_at: datetime.datetime
    status: str
    promoted_at: datetime.datetime | None = None
    cancelled_at: datetime.datetime | None = None


def _moment(start: datetime.datetime, end: datetime.datetime, share: float) -> datetime.datetime:
    return (start + (end - start) * share).replace(microsecond=0)


def simulate(
    plan: EventPlan,
    rng: random.Random,
    people: list[Registrant],
    now: datetime.datetime,
) -> list[Outcome]:
    """Replay the registration window up to ``now``: who got a seat, waited, cancelled."""
    opens, closes = plan.window
    if opens >= now or opens >= closes:
        return []
    deadline = min(plan.cancellation_deadline or plan.starts_at, now)
    # (time, order, person index, action): arrivals, cancellations and removals.
    actions: list[tuple[datetime.datetime, int, int, str]] = []
    for index in range(len(people)):
        # Many register early, many just before closing, the rest in between.
        share = rng.betavariate(0.8, 1.1)
        arrival = _moment(opens, closes, share)
        if arrival >= now:
            continue
        actions.append((arrival, 0, index, "arrive"))
        roll = rng.random()
        if roll < plan.cancel_rate and arrival < deadline:
            actions.append((_moment(arrival, deadline, rng.random()), 1, index, Status.CANCELLED))
        elif roll < plan.cancel_rate + 0.004 and arrival < min(plan.starts_at, now):
            leaves = _moment(arrival, min(plan.starts_at, now), rng.random())
            actions.append((leaves, 1, index, Status.REMOVED))
    actions.sort()
    outcomes: dict[int, Outcome] = {}
    waiting: deque[int] = deque()
    confirmed = 0
    for moment, _order, index, action in actions:
        if action == "arrive":
            if plan.capacity is None or confirmed < plan.capacity:
                outcomes[index] = Outcome(people[index], moment, Status.CONFIRMED)
                confirmed += 1
            elif len(waiting) < plan.waiting_list_capacity:
                outcomes[index] = Outcome(people[index], moment, Status.WAITING)
                waiting.append(index)
            # else: refused, and nothing is stored.
            continue
        outcome = outcomes.get(index)
        if outcome is None or outcome.status not in (Status.CONFIRMED, Status.WAITING):
            continue
        held_seat = outcome.status == Status.CONFIRMED
        if not held_seat:
            waiting.remove(index)
        outcome.status = action
        outcome.cancelled_at = moment
        if held_seat:
            confirmed -= 1
            if waiting:
                promoted = outcomes[waiting.popleft()]
                promoted.status = Status.CONFIRMED
                promoted.promoted_at = moment
                confirmed += 1
    return sorted(outcomes.values(), key=lambda o: o.created_at)
