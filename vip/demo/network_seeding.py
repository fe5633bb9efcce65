"""The network's people, groups, meetings and VIPU contacts for the demo.

The structure follows the domain: the steering group of 2021-2022 (history) and the
current one, the four thematic groups each with its expert group, the five regional
groups with most but not all of the eleven sectors filled (unevenly), the Vaatu work
group with deputies, regional core groups in three areas, meetings with attendance and
decisions, and a VIPU campaign in which about 80 % of the mainland municipalities have
named their contacts, unevenly across the areas. Åland is outside the network.

Everything is planned first and written second. The plan is a pure function of the
seed, the organisations and today's date, so every run draws the same names in the same
order; writing looks rows up by their natural keys (a group's Finnish name, a person's
e-mail, the campaign's Finnish name) and skips what exists, so a second run adds nothing.
Rows go through the services with no actor, so the membership and nomination rules hold
for demo data too. Terms are placed around today, so the groups stay current whenever
the demo is built; only the steering group of 2021-2022 is history.

The network has its real, national size at both scales: about twenty groups, a few
hundred memberships and about six hundred VIPU contacts.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from vip.demo import names
from vip.network import services as network_services
from vip.network.models import Group, Membership, Person, Sector, Theme
from vip.registry.models import Area, County, Municipality, Organisation
from vip.vipu import services as vipu_services
from vip.vipu.models import Campaign, Nomination

if TYPE_CHECKING:
    from vip.accounts.models import User
    from vip.demo.seeding import Seeder

Kind = Organisation.Kind
Role = Membership.Role
Responsibility = Nomination.Responsibility
DAY = datetime.timedelta(days=1)

# Sectors each regional group lacks: uneven on purpose (HYKS complete, OYS worst).
SECTOR_GAPS = {"HYKS": 0, "KYS": 1, "TAYS": 2, "TYKS": 1, "OYS": 3}
# Never left empty: the chair's sector and the area's Vaatu chair.
KEPT_SECTORS = ("education-administration", "vaatu-chair")
# Share of each area's municipalities that have named all their VIPU contacts.
VIPU_COMPLETE_SHARE = {"HYKS": 0.92, "KYS": 0.68, "TAYS": 0.87, "TYKS": 0.82, "OYS": 0.72}
CORE_GROUP_AREAS = ("KYS", "OYS", "TAYS")
# The regional state administrative agency serving each area.
AREA_AVI = {"HYKS": "109", "KYS": "491", "TAYS": "905", "TYKS": "853", "OYS": "564"}
BEHAVIOURAL_THEME = "behavioural-symptoms"
# The municipality of the demo municipal administrator: left incomplete on purpose.
ADMIN_MUNICIPALITY = "837"
LS, PW = Responsibility.LEARNING_SUPPORT, Responsibility.PUPIL_WELFARE


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _fi(value: datetime.date) -> str:
    """A date as Finns write it: 6.4.2021."""
    return f"{value.day}.{value.month}.{value.year}"


def _weekday(value: datetime.date) -> datetime.date:
    """The first Tuesday to Thursday on or after ``value``: when groups meet."""
    while value.weekday() not in (1, 2, 3):
        value += DAY
    return value


# --- The plan ---------------------------------------------------------------------------


@dataclass(eq=False)
class PersonPlan:
    key: str
    given_name: str
    family_name: str
    email: str
    title: str
    organisation: Organisation
    languages: str
    phone: str
    contact_details_public: bool
    employment_start: datetime.date | None
    user: User | None = None


@dataclass(eq=False)
class MemberPlan:
    person: PersonPlan
    role: str
    start: datetime.date
    end: datetime.date | None = None
    sector: Sector | None = None
    principal: MemberPlan | None = None


@dataclass(eq=False)
class DecisionPlan:
    text: str
    status: str
    responsible: PersonPlan | None = None
    due_date: datetime.date | None = None


@dataclass(eq=False)
class MeetingPlan:
    date: datetime.date
    topics: list[str]
    decisions: list[DecisionPlan] = field(default_factory=list)
    mode: str = "on_site"
    place: str = ""
    start_time: datetime.time | None = datetime.time(13, 0)
    minutes_public: bool = False
    # Person keys of members away; their deputies stand in.
    absent: frozenset[str] = frozenset()


@dataclass(eq=False)
class GroupPlan:
    kind: str
    name_fi: str
    name_sv: str
    name_en: str
    term_start: datetime.date
    term_end: datetime.date | None = None
    area: Area | None = None
    parent: GroupPlan | None = None
    theme: Theme | None = None
    founding_decision: str = ""
    status: str = Group.Status.ACTIVE
    description_fi: str = ""
    description_sv: str = ""
    description_en: str = ""
    members: list[MemberPlan] = field(default_factory=list)
    meetings: list[MeetingPlan] = field(default_factory=list)
    group: Group | None = None

    def add(
        self,
        person: PersonPlan,
        role: str = Role.MEMBER,
        *,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        sector: Sector | None = None,
        principal: MemberPlan | None = None,
    ) -> MemberPlan:
        member = MemberPlan(
            person=person,
            role=role,
            start=start or self.term_start,
            end=end,
            sector=sector,
            principal=principal,
        )
        self.members.append(member)
        return member


@dataclass(eq=False)
class NominationPlan:
    municipality: Municipality
    person: PersonPlan
    responsibility: str
    language: str
    provider: Organisation | None = None
    # A contact named first and then replaced by this one: the history.
    replaces: PersonPlan | None = None


# --- The seeder -------------------------------------------------------------------------


class NetworkSeeder:
    def __init__(self, seeder: Seeder, users: dict[str, User]) -> None:
        from vip.demo.seeding import DEMO_EMAIL_DOMAIN, stable_oid

        self.seeder = seeder
        self.report = seeder.report
        self.users = users
        self.domain = DEMO_EMAIL_DOMAIN
        self.stable_oid = stable_oid
        self.today = timezone.localdate()
        # The current term of office: last year to the end of next year.
        self.term_start = datetime.date(self.today.year - 1, 1, 1)
        self.term_end = datetime.date(self.today.year + 1, 12, 31)
        self.people: dict[str, PersonPlan] = {}
        self._emails: set[str] = set()
        self._name_pools: dict[bool, Iterator[tuple[str, str]]] = {}
        self._reserved_names = {(u.given_name, u.family_name) for u in users.values()}

    # --- Reading what exists --------------------------------------------------------------

    def _load(self) -> None:
        demo = (
            Organisation.objects.filter(oid__startswith="1.2.246.562.10.99")
            .exclude(kind__in=(Kind.SCHOOL, Kind.EARLY_CHILDHOOD_UNIT))
            .select_related("municipality__county")
            .order_by("id")
        )
        self.by_oid = {org.oid: org for org in demo}
        self.by_kind: dict[str, list[Organisation]] = {}
        for org in self.by_oid.values():
            self.by_kind.setdefault(org.kind, []).append(org)
        self.areas = list(Area.objects.order_by("code"))
        self.sectors = list(Sector.objects.order_by("position", "code"))
        self.themes = list(Theme.objects.order_by("position", "code"))
        self.counties = list(County.objects.order_by("code"))
        self.area_municipalities: dict[int, list[Municipality]] = {}
        for municipality in self.seeder.municipalities:
            if municipality.county is not None:
                area_id = municipality.county.area_id
                self.area_municipalities.setdefault(area_id, []).append(municipality)
        self.units = {
            kind: self._first_units_per_area(kind)
            for kind in (Kind.SCHOOL, Kind.EARLY_CHILDHOOD_UNIT)
        }

    def _first_units_per_area(self, kind: str) -> dict[int, list[Organisation]]:
        """The first few schools (or units) of each area, from different municipalities."""
        chosen: dict[int, list[int]] = {}
        seen: set[tuple[int, int]] = set()
        rows = (
            Organisation.objects.filter(kind=kind, municipality__county__isnull=False)
            .order_by("id")
            .values_list("pk", "municipality_id", "municipality__county__area_id")
        )
        for pk, municipality_id, area_id in rows:
            if len(chosen.get(area_id, [])) < 3 and (area_id, municipality_id) not in seen:
                chosen.setdefault(area_id, []).append(pk)
                seen.add((area_id, municipality_id))
        found = Organisation.objects.in_bulk([pk for pks in chosen.values() for pk in pks])
        return {area_id: [found[pk] for pk in pks] for area_id, pks in chosen.items()}

    def org(self, key: str) -> Organisation:
        return self.by_oid[self.stable_oid(key)]

    def area_of(self, org: Organisation) -> int | None:
        county = org.municipality.county if org.municipality else None
        return county.area_id if county else None

    def in_area(self, kind: str, area: Area) -> list[Organisation]:
        return [org for org in self.by_kind.get(kind, []) if self.area_of(org) == area.pk]

    def largest(self, area: Area, index: int = 0) -> Municipality:
        ranked = sorted(self.area_municipalities[area.pk], key=lambda m: (-m.population, m.code))
        return ranked[min(index, len(ranked) - 1)]

    def provider(self, municipality: Municipality) -> Organisation:
        return self.org(f"provider:{municipality.code}")

    def county_org(self, area: Area, index: int = 0) -> Organisation:
        """The wellbeing services county of the area's ``index``-th largest municipality."""
        county_id = self.largest(area, index).county_id
        county = next(c for c in self.counties if c.pk == county_id)
        return self.org(f"county:{county.code}")

    # --- People ---------------------------------------------------------------------------

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

    # --- Groups ---------------------------------------------------------------------------

    def plan_groups(self) -> list[GroupPlan]:
        return [
            *self.steering_groups(),
            *self.thematic_groups(),
            *self.regional_groups(),
            self.vaatu_group(),
            *self.core_groups(),
        ]

    def steering_groups(self) -> list[GroupPlan]:
        okm, oph, valteri = self.org("okm"), self.org("oph"), self.org("valteri")
        past = GroupPlan(
            kind=Group.Kind.STEERING,
            name_fi="VIP-verkoston johtoryhmä 2021–2022",
            name_sv="VIP-nätverkets ledningsgrupp 2021–2022",
            name_en="VIP network steering group 2021–2022",
            term_start=datetime.date(2021, 1, 1),
            term_end=datetime.date(2022, 12, 31),
            founding_decision="Opetus- ja kulttuuriministeriön asettamispäätös 17.12.2020",
            status=Group.Status.ENDED,
            description_fi="Johtoryhmä linjaa verkoston kehittämistavoitteet ja perustaa "
            "teemaryhmät. Jäsenet ovat opetus- ja kulttuuriministeriöstä ja Opetushallituksesta.",
            description_sv="Ledningsgruppen drar upp nätverkets utvecklingsmål och tillsätter "
            "temagrupperna.",
            description_en="The steering group sets the network's development goals and "
            "founds the thematic groups.",
        )
        chair = self.person("steering:okm:1", okm, "opetusneuvos")
        vice = self.person("steering:oph:1", oph, "opetusneuvos")
        okm_2 = self.person("steering:okm:2", okm, "neuvotteleva virkamies")
        okm_3 = self.person("steering:okm:3", okm, "erityisasiantuntija")
        oph_2 = self.person("steering:oph:2", oph, "opetusneuvos")
        oph_3 = self.person("steering:oph:3", oph, "erityisasiantuntija")
        valteri_director = self.person("steering:valteri", valteri, "johtaja")
        secretary = self.person("steering:oph:secretary", oph, "erityisasiantuntija")
        past.add(chair, Role.CHAIR)
        past.add(vice, Role.VICE_CHAIR)
        past.add(okm_2, end=datetime.date(2021, 12, 31))
        past.add(okm_3, start=datetime.date(2022, 1, 1))
        past.add(oph_2)
        past.add(oph_3)
        past.add(valteri_director, Role.PERMANENT_EXPERT)
        past.add(secretary, Role.SECRETARY)
        place = "Opetushallitus, Helsinki"
        past.meetings = [
            MeetingPlan(
                datetime.date(2021, 2, 2),
                ["Verkoston toimintasuunnitelma 2021", "Teemaryhmien perustaminen"],
                [
                    DecisionPlan(
                        "Hyväksytään verkoston toimintasuunnitelma vuodelle 2021.",
                        "done",
                        chair,
                    ),
                    DecisionPlan(
                        "Perustetaan teemaryhmät: koulua käymättömät, toiminta-alueittain "
                        "järjestetty opetus ja sijoitetut lapset.",
                        "done",
                        vice,
                        datetime.date(2021, 3, 31),
                    ),
                ],
                mode="remote",
                minutes_public=True,
                absent=frozenset({okm_2.key}),
            ),
            MeetingPlan(
                datetime.date(2021, 4, 6),
                ["Teemaryhmien tilanne", "Uuden teemaryhmän perustaminen"],
                [
                    DecisionPlan(
                        "Perustetaan uusi teemaryhmä: käytöksellään oireilevat lapset ja nuoret",
                        "done",
                        vice,
                        datetime.date(2021, 6, 8),
                    ),
                ],
                mode="remote",
                minutes_public=True,
            ),
            MeetingPlan(
                datetime.date(2021, 9, 14),
                ["Vaativa konsultaatio", "Vaatu-työnyrkin vuosisuunnitelma"],
                [
                    DecisionPlan(
                        "Käynnistetään vaativan konsultaation pilotointi kaikilla viidellä "
                        "alueella syksyllä 2021.",
                        "done",
                        oph_2,
                        datetime.date(2022, 12, 31),
                    ),
                    DecisionPlan(
                        "Merkitään tiedoksi Vaatu-työnyrkin vuosisuunnitelma.", "done", secretary
                    ),
                ],
                mode="hybrid",
                place=place,
                minutes_public=True,
                absent=frozenset({valteri_director.key}),
            ),
            MeetingPlan(
                datetime.date(2022, 3, 15),
                ["Koulupoissaolojen tiedonkeruu"],
                [
                    DecisionPlan(
                        "Toteutetaan kouluille kysely poissaoloista ja niihin liittyvästä "
                        "kehittämistyöstä keväällä 2022.",
                        "done",
                        oph_3,
                        datetime.date(2022, 6, 15),
                    ),
                ],
                place=place,
                minutes_public=True,
            ),
            MeetingPlan(
                datetime.date(2022, 12, 13),
                ["Toimintakauden 2021–2022 loppuraportti"],
                [
                    DecisionPlan(
                        "Hyväksytään toimintakauden 2021–2022 loppuraportti.", "done", chair
                    ),
                ],
                place=place,
                minutes_public=False,
            ),
        ]

        start, end = self.term_start, self.term_end
        current = GroupPlan(
            kind=Group.Kind.STEERING,
            name_fi=f"VIP-verkoston johtoryhmä {start.year}–{end.year}",
            name_sv=f"VIP-nätverkets ledningsgrupp {start.year}–{end.year}",
            name_en=f"VIP network steering group {start.year}–{end.year}",
            term_start=start,
            term_end=end,
            founding_decision=f"Opetus- ja kulttuuriministeriön asettamispäätös "
            f"{_fi(_weekday(datetime.date(start.year - 1, 12, 10)))}",
            description_fi=past.description_fi,
            description_sv=past.description_sv,
            description_en=past.description_en,
        )
        new_chair = self.person("steering:okm:4", okm, "opetusneuvos")
        admin = self.person(
            "user:paakayttaja",
            oph,
            "erityisasiantuntija",
            languages="fi,sv,en",
            user=self.users.get("paakayttaja"),
        )
        left_on = self.today - 150 * DAY
        current.add(new_chair, Role.CHAIR)
        vice_member = current.add(vice, Role.VICE_CHAIR)
        okm_member = current.add(okm_3)
        oph_member = current.add(oph_2)
        current.add(oph_3, end=left_on)
        current.add(self.person("steering:oph:4", oph, "opetusneuvos"), start=left_on + DAY)
        current.add(valteri_director, Role.PERMANENT_EXPERT)
        current.add(admin, Role.SECRETARY)
        deputies = [
            (vice_member, self.person("steering:oph:5", oph, "erityisasiantuntija")),
            (okm_member, self.person("steering:okm:5", okm, "erityisasiantuntija")),
            (oph_member, self.person("steering:oph:6", oph, "opetusneuvos")),
        ]
        for principal, deputy in deputies:
            current.add(deputy, Role.DEPUTY, principal=principal)
        first = _weekday(start + 40 * DAY)
        middle = _weekday(self.today - 200 * DAY)
        recent = _weekday(self.today - 60 * DAY)
        upcoming = _weekday(self.today + 30 * DAY)
        current.meetings = [
            MeetingPlan(
                first,
                ["Toimikauden järjestäytyminen", "Toimintasuunnitelma"],
                [
                    DecisionPlan(
                        f"Hyväksytään verkoston toimintasuunnitelma {start.year}–{end.year}.",
                        "done",
                        new_chair,
                    ),
                    DecisionPlan(
                        "Vaatu-työnyrkki esittelee suunnitelmansa johtoryhmälle vuosittain.",
                        "done",
                        admin,
                    ),
                ],
                place=place,
                minutes_public=True,
            ),
            MeetingPlan(
                middle,
                ["Alueryhmien edustavuus", "Teemaryhmien raportit"],
                [
                    DecisionPlan(
                        "Alueryhmien sektoriedustus tarkistetaan; puuttuvat sektorit "
                        "täydennetään kutsumalla edustajat.",
                        "in_progress",
                        admin,
                        self.today + 60 * DAY,
                    ),
                ],
                mode="remote",
                minutes_public=True,
                absent=frozenset({vice.key}),
            ),
            MeetingPlan(
                recent,
                ["VIPU-yhteyshenkilöiden nimeäminen", "Talousarvio"],
                [
                    DecisionPlan(
                        "Käynnistetään VIPU-yhteyshenkilöiden nimeäminen: kunnat nimeävät "
                        "kaksi yhteyshenkilöä, kaksikielisissä kunnissa molemmille kielille.",
                        "in_progress",
                        new_chair,
                        self.today + 10 * DAY,
                    ),
                    DecisionPlan(
                        "Valmistellaan esitys vaativan konsultaation vakiinnuttamisesta.",
                        "open",
                        oph_2,
                        self.today + 120 * DAY,
                    ),
                ],
                mode="hybrid",
                place=place,
                absent=frozenset({okm_3.key}),
            ),
            # A coming meeting: agenda only, no attendance yet.
            MeetingPlan(upcoming, ["VIPU-kampanjan tilanne", "Alueryhmien raportit"]),
        ]
        return [past, current]

    def thematic_groups(self) -> list[GroupPlan]:
        oph = self.org("oph")
        hospital = self.by_kind[Kind.HOSPITAL_SCHOOL]
        reform = self.by_kind[Kind.STATE_REFORM_SCHOOL]
        elmeri = self.by_kind[Kind.ELMERI_SCHOOL]
        by_code = self.seeder.by_code
        # (organisation, title category) of the chair first, then the members.
        compositions: dict[str, list[tuple[Organisation, str]]] = {
            "school-non-attendance": [
                (oph, "agency"),
                (self.org("university:853"), "research"),
                (self.provider(by_code["853"]), "provider"),
                (hospital[0], "vaatu"),
                (self.org("county:VS"), "pupil_welfare"),
                (self.org("valteri:297"), "vaatu"),
            ],
            "activity-area-teaching": [
                (self.org("valteri:179"), "vaatu"),
                (elmeri[0], "vaatu"),
                (self.org("university:179"), "research"),
                (self.org("training-school:179"), "teacher_education"),
                (self.provider(by_code["564"]), "provider"),
            ],
            "children-placed-outside-home": [
                (reform[0], "vaatu"),
                (self.org("county:PI"), "child_protection"),
                (hospital[2 % len(hospital)], "vaatu"),
                (self.provider(by_code["179"]), "provider"),
                (self.org("university:698"), "research"),
            ],
            BEHAVIOURAL_THEME: [
                (reform[1 % len(reform)], "vaatu"),
                (hospital[1 % len(hospital)], "vaatu"),
                (self.org("county:PP"), "health_care"),
                (self.org("valteri:564"), "vaatu"),
                (self.org("university:564"), "research"),
                (self.provider(by_code["091"]), "provider"),
            ],
        }
        expert_extra: dict[str, list[tuple[Organisation, str]]] = {
            "school-non-attendance": [
                (self.org("university:091"), "research"),
                (self.org("county:HEL"), "pupil_welfare"),
            ],
            "activity-area-teaching": [(elmeri[1 % len(elmeri)], "vaatu")],
            "children-placed-outside-home": [
                (reform[2 % len(reform)], "vaatu"),
                (self.org("county:VS"), "child_protection"),
            ],
            BEHAVIOURAL_THEME: [(self.org("university:837"), "research")],
        }
        groups: list[GroupPlan] = []
        for index, theme in enumerate(self.themes):
            code = theme.code if theme.code in compositions else list(compositions)[index % 4]
            behavioural = theme.code == BEHAVIOURAL_THEME
            founded = datetime.date(2021, 4, 6) if behavioural else datetime.date(2021, 2, 2)
            decision = f"Johtoryhmän päätös {_fi(founded)}"
            thematic = GroupPlan(
                kind=Group.Kind.THEMATIC,
                name_fi=f"Teemaryhmä: {theme.name_fi}",
                name_sv=f"Temagrupp: {theme.name_sv or theme.name_fi}",
                name_en=f"Thematic group: {theme.name_en or theme.name_fi}",
                term_start=founded,
                theme=theme,
                founding_decision=decision,
                description_fi=f"Teemaryhmä kokoaa tietoa ja hyviä käytäntöjä teemasta "
                f"”{theme.name_fi}” ja levittää niitä alueille.",
                description_sv=f"Temagruppen samlar kunskap och goda praxis inom temat "
                f"”{theme.name_sv or theme.name_fi}”.",
                description_en=f"The thematic group gathers knowledge and good practice on "
                f"“{theme.name_en or theme.name_fi}” and spreads it to the areas.",
            )
            people = [
                self.person(f"thematic:{theme.code}:{n}", org, self.title(f"{theme.code}:{n}", cat))
                for n, (org, cat) in enumerate(compositions[code])
            ]
            thematic.add(people[0], Role.CHAIR)
            for person in people[1:]:
                thematic.add(person)
            if index % 2 == 0:
                # A member who left, and who came in their place: history.
                thematic.members[-1].end = datetime.date(self.today.year - 2, 12, 31)
                newcomer = self.person(
                    f"thematic:{theme.code}:successor",
                    people[-1].organisation,
                    people[-1].title,
                )
                thematic.add(newcomer, start=datetime.date(self.today.year - 1, 1, 1))
            thematic.add(
                self.person(f"thematic:{theme.code}:secretary", oph, "erityisasiantuntija"),
                Role.SECRETARY,
            )
            expert = GroupPlan(
                kind=Group.Kind.EXPERT,
                name_fi=f"Asiantuntijaryhmä: {theme.name_fi}",
                name_sv=f"Expertgrupp: {theme.name_sv or theme.name_fi}",
                name_en=f"Expert group: {theme.name_en or theme.name_fi}",
                term_start=founded,
                parent=thematic,
                theme=theme,
                founding_decision=decision,
                description_fi="Asiantuntijaryhmä suunnittelee ja koordinoi teemaryhmän työtä.",
                description_sv="Expertgruppen planerar och samordnar temagruppens arbete.",
                description_en="The expert group plans and coordinates the thematic group's work.",
            )
            expert.add(people[1], Role.CHAIR)
            expert.add(people[2])
            expert.add(people[3])
            for n, (org, cat) in enumerate(expert_extra[code]):
                key = f"expert:{theme.code}:{n}"
                expert.add(self.person(key, org, self.title(key, cat)))
            if behavioural:
                thematic.meetings = [
                    MeetingPlan(
                        datetime.date(2021, 6, 8),
                        ["Järjestäytyminen", "Ryhmän tavoitteet ja työskentelytavat"],
                        [
                            DecisionPlan(
                                "Laaditaan teemaryhmän toimintasuunnitelma syksyyn 2021 mennessä.",
                                "done",
                                people[0],
                                datetime.date(2021, 10, 31),
                            ),
                        ],
                        mode="remote",
                        minutes_public=True,
                    ),
                    MeetingPlan(
                        _weekday(self.today - 90 * DAY),
                        ["Alueiden kokemukset", "Koulutustarpeet"],
                        [
                            DecisionPlan(
                                "Kootaan alueilta esimerkit käytöksellään oireilevien oppilaiden "
                                "tuen malleista.",
                                "in_progress",
                                people[1],
                                self.today + 90 * DAY,
                            ),
                        ],
                        absent=frozenset({people[2].key}),
                    ),
                ]
            if theme.code == "school-non-attendance":
                expert.meetings = [
                    MeetingPlan(
                        _weekday(self.today - 120 * DAY),
                        ["Suositukset poissaoloihin puuttumisesta"],
                        [
                            DecisionPlan(
                                "Laaditaan kouluille suositukset poissaoloihin puuttumisesta.",
                                "in_progress",
                                people[1],
                                self.today + 75 * DAY,
                            ),
                        ],
                        mode="remote",
                        minutes_public=True,
                    ),
                ]
            groups += [thematic, expert]
        return groups

    def regional_groups(self) -> list[GroupPlan]:
        universities = self.by_kind.get(Kind.UNIVERSITY, [])
        groups = []
        for area in self.areas:
            rng = self.seeder.rng("regional", area.code)
            candidates = [s for s in self.sectors if s.code not in KEPT_SECTORS]
            gaps = set(rng.sample(candidates, min(SECTOR_GAPS.get(area.code, 1), len(candidates))))
            group = GroupPlan(
                kind=Group.Kind.REGIONAL,
                name_fi=f"VIP-alueryhmä, {area.name_fi} ({area.code})",
                name_sv=f"VIP-regiongrupp, {area.name_sv or area.name_fi} ({area.code})",
                name_en=f"VIP regional group, {area.name_en or area.name_fi} ({area.code})",
                term_start=self.term_start,
                term_end=self.term_end,
                area=area,
                founding_decision="Johtoryhmän päätös alueryhmien kokoonpanoista "
                f"{_fi(_weekday(datetime.date(self.term_start.year - 1, 11, 20)))}",
                description_fi="Alueryhmä suunnittelee, koordinoi ja edistää alueen "
                "VIP-työtä, kehittää kuntien yhteistyötä ja monialaisia rakenteita, levittää "
                "hyviä käytäntöjä sekä seuraa ja raportoi alueen verkostojen työtä.",
                description_sv="Regiongruppen planerar, samordnar och främjar VIP-arbetet i "
                "området och utvecklar samarbetet mellan kommunerna.",
                description_en="The regional group plans, coordinates and promotes the area's "
                "VIP work, develops municipal cooperation and multi-sector structures, "
                "spreads good practice and monitors the area's networks.",
            )
            schools = self.units[Kind.SCHOOL].get(area.pk) or [self.provider(self.largest(area))]
            ecec = self.units[Kind.EARLY_CHILDHOOD_UNIT].get(area.pk) or [
                self.provider(self.largest(area))
            ]
            vaatu = (
                self.in_area(Kind.VALTERI_UNIT, area)
                + self.in_area(Kind.HOSPITAL_SCHOOL, area)
                + self.in_area(Kind.STATE_REFORM_SCHOOL, area)
            )
            training = self.in_area(Kind.TEACHER_TRAINING_SCHOOL, area)
            research = self.in_area(Kind.UNIVERSITY, area) or universities
            ot_centre = self.org(f"ot-centre:{self._county_code(area)}")
            avi = self.org(f"avi:{AREA_AVI.get(area.code, '564')}")
            # Sector code -> [(organisation, title category)], one member each (rectors two).
            seats: dict[str, list[tuple[Organisation, str]]] = {
                "rector": [(schools[0], "rector"), (schools[-1], "rector")],
                "education-administration": [(self.provider(self.largest(area)), "provider")],
                "vaatu-chair": [((vaatu or [self.org("valteri")])[0], "vaatu")],
                "early-childhood": [(ecec[0], "early_childhood")],
                "lape-ot-centre": [(ot_centre, "ot_centre")],
                "specialised-health-care": [(self.county_org(area), "health_care")],
                "pupil-welfare": [(self.county_org(area, 1), "pupil_welfare")],
                "university-research": [(research[0], "research")],
                "teacher-education": [
                    (training[0] if training else research[0], "teacher_education")
                ],
                "child-protection": [(self.county_org(area, 2), "child_protection")],
                "avi": [(avi, "avi")],
            }
            members: dict[str, MemberPlan] = {}
            for sector in self.sectors:
                if sector in gaps:
                    continue
                # A sector coordinators added later gets an education-provider seat.
                seat = seats.get(sector.code) or [
                    (self.provider(self.largest(area, 3)), "provider")
                ]
                for n, (org, category) in enumerate(seat):
                    key = f"regional:{area.code}:{sector.code}:{n}"
                    person = self.person(key, org, self.title(key, category))
                    if sector.code == "education-administration":
                        role = Role.CHAIR
                    elif sector.code == "vaatu-chair":
                        role = Role.VICE_CHAIR
                    else:
                        role = Role.MEMBER
                    members[f"{sector.code}:{n}"] = group.add(person, role, sector=sector)
            secretary = self._area_coordinator(area)
            group.add(secretary, Role.SECRETARY)
            left_on = self.today - 150 * DAY
            # One member in each area left and was replaced in the same sector: history.
            leaving = next(
                (
                    members[f"{code}:0"]
                    for code in ("pupil-welfare", "child-protection", "early-childhood", "avi")
                    if f"{code}:0" in members
                ),
                None,
            )
            if leaving is not None and leaving.sector is not None:
                leaving.end = left_on
                key = f"regional:{area.code}:{leaving.sector.code}:successor"
                successor = self.person(key, leaving.person.organisation, leaving.person.title)
                group.add(successor, start=left_on + DAY, sector=leaving.sector)
            chair = members["education-administration:0"]
            if area.code == "HYKS":
                # The chair changed during the term.
                chair_left = self.today - 200 * DAY
                chair.end = chair_left
                key = f"regional:{area.code}:education-administration:chair"
                new_chair = self.person(
                    key, self.provider(self.largest(area, 1)), self.title(key, "provider")
                )
                chair = group.add(
                    new_chair, Role.CHAIR, start=chair_left + DAY, sector=chair.sector
                )
            if area.code in ("HYKS", "TAYS"):
                for code in ("rector:0", "specialised-health-care:0"):
                    principal = members.get(code)
                    if principal is None:
                        continue
                    key = f"regional:{area.code}:{code}:deputy"
                    deputy = self.person(key, principal.person.organisation, principal.person.title)
                    group.add(deputy, Role.DEPUTY, sector=principal.sector, principal=principal)
            if area.code in ("TAYS", "HYKS"):
                group.meetings = self._regional_meetings(area, group, chair, secretary)
            groups.append(group)
        return groups

    def _county_code(self, area: Area) -> str:
        county_id = self.largest(area).county_id
        return next(c.code for c in self.counties if c.pk == county_id)

    def _area_coordinator(self, area: Area) -> PersonPlan:
        """The area's coordinator; in TAYS the demo area coordinator's own record."""
        valteri = self.in_area(Kind.VALTERI_UNIT, area)
        universities = self.in_area(Kind.UNIVERSITY, area)
        org = (valteri or universities or [self.org("oph")])[0]
        if area.code == "TAYS" and "aluekoordinaattori" in self.users:
            return self.person(
                "user:aluekoordinaattori",
                org,
                "aluekoordinaattori",
                user=self.users["aluekoordinaattori"],
            )
        return self.person(f"coordinator:{area.code}", org, "aluekoordinaattori")

    def _regional_meetings(
        self, area: Area, group: GroupPlan, chair: MemberPlan, secretary: PersonPlan
    ) -> list[MeetingPlan]:
        place = self.provider(self.largest(area)).name_fi
        meetings = [
            MeetingPlan(
                _weekday(self.today - 180 * DAY),
                ["Alueen tilannekatsaus", "VIPU-yhteyshenkilöiden verkostopäivä"],
                [
                    DecisionPlan(
                        "Järjestetään alueen VIPU-yhteyshenkilöille verkostopäivä.",
                        "done",
                        secretary,
                        self.today - 60 * DAY,
                    ),
                ],
                place=place,
                minutes_public=True,
            ),
            MeetingPlan(
                _weekday(self.today - 45 * DAY),
                ["Sektoriedustus", "Vaativan konsultaation kokemukset"],
                [
                    DecisionPlan(
                        "Kutsutaan puuttuvien sektorien edustajat alueryhmään.",
                        "open",
                        chair.person,
                        self.today + 45 * DAY,
                    ),
                ],
                mode="remote",
                absent=frozenset({group.members[0].person.key}),
            ),
        ]
        return meetings if area.code == "TAYS" else meetings[1:]

    def vaatu_group(self) -> GroupPlan:
        hospital = self.by_kind[Kind.HOSPITAL_SCHOOL]
        reform = self.by_kind[Kind.STATE_REFORM_SCHOOL]
        elmeri = self.by_kind[Kind.ELMERI_SCHOOL]
        group = GroupPlan(
            kind=Group.Kind.VAATU,
            name_fi="Vaatu-työnyrkki",
            name_sv="Vaatu-arbetsgruppen",
            name_en="Vaatu work group",
            term_start=self.term_start,
            term_end=self.term_end,
            founding_decision="Johtoryhmän päätös "
            f"{_fi(_weekday(datetime.date(self.term_start.year - 1, 11, 20)))}",
            description_fi="Vaatu-työnyrkki suunnittelee ja koordinoi Vaatu-toimijoiden "
            "(Valteri, Elmeri-koulut, sairaalaopetus, valtion koulukotikoulut) työtä viidellä "
            "alueella ja esittelee suunnitelmansa johtoryhmälle vuosittain.",
            description_sv="Vaatu-arbetsgruppen planerar och samordnar Vaatu-aktörernas "
            "arbete i de fem områdena.",
            description_en="The Vaatu work group plans and coordinates the Vaatu actors' "
            "work in the five areas and presents its plan to the steering group every year.",
        )
        seats = [
            (self.org("valteri:179"), self.org("valteri:091")),
            (elmeri[0], elmeri[1 % len(elmeri)]),
            (hospital[0], hospital[1 % len(hospital)]),
            (reform[0], reform[1 % len(reform)]),
        ]
        principals = []
        for n, (org, _deputy_org) in enumerate(seats):
            key = f"vaatu:{n}"
            person = self.person(key, org, self.title(key, "vaatu"))
            principals.append(group.add(person, Role.CHAIR if n == 0 else Role.MEMBER))
        left_on = self.today - 150 * DAY
        for n, (principal, (_org, deputy_org)) in enumerate(zip(principals, seats, strict=True)):
            key = f"vaatu:{n}:deputy"
            deputy = self.person(key, deputy_org, self.title(key, "vaatu"))
            if n == len(seats) - 1:
                # This seat's deputy changed during the term.
                group.add(deputy, Role.DEPUTY, principal=principal, end=left_on)
                key = f"vaatu:{n}:deputy:successor"
                deputy = self.person(key, deputy_org, self.title(key, "vaatu"))
                group.add(deputy, Role.DEPUTY, principal=principal, start=left_on + DAY)
            else:
                group.add(deputy, Role.DEPUTY, principal=principal)
        group.add(self.people["steering:oph:2"], Role.PERMANENT_EXPERT)
        group.add(self.people["steering:okm:3"], Role.PERMANENT_EXPERT)
        chair = principals[0].person
        group.meetings = [
            MeetingPlan(
                _weekday(self.today - 100 * DAY),
                ["Tilastopäivä", "Vuosisuunnitelma johtoryhmälle"],
                [
                    DecisionPlan(
                        "Vaatu-toimijoiden tilastopäivä pidetään marraskuussa; oppilas- ja "
                        "henkilöstöprofiili kootaan kaikista yksiköistä.",
                        "in_progress",
                        chair,
                        self.today + 40 * DAY,
                    ),
                    DecisionPlan(
                        "Vuosisuunnitelma esitellään johtoryhmälle.",
                        "done",
                        chair,
                    ),
                ],
                mode="remote",
                minutes_public=True,
                absent=frozenset({principals[2].person.key}),
            ),
        ]
        return group

    def core_groups(self) -> list[GroupPlan]:
        start = datetime.date(self.today.year - 1, 8, 1)
        end = datetime.date(self.today.year + 1, 7, 31)
        groups = []
        for area in self.areas:
            if area.code not in CORE_GROUP_AREAS:
                continue
            vaatu = self.in_area(Kind.VALTERI_UNIT, area) + self.in_area(Kind.HOSPITAL_SCHOOL, area)
            research = self.in_area(Kind.UNIVERSITY, area) or self.by_kind[Kind.UNIVERSITY]
            group = GroupPlan(
                kind=Group.Kind.CORE,
                name_fi=f"Alueellinen ydinryhmä, {area.name_fi} ({area.code})",
                name_sv=f"Regional kärngrupp, {area.name_sv or area.name_fi} ({area.code})",
                name_en=f"Regional core group, {area.name_en or area.name_fi} ({area.code})",
                term_start=start,
                term_end=end,
                area=area,
                founding_decision="Opetushallituksen erityisavustuspäätös "
                f"{_fi(_weekday(datetime.date(start.year, 6, 10)))}",
                description_fi="Ydinryhmä pilotoi alueella monialaisen tuen mallia "
                "erityisavustuksen turvin.",
                description_sv="Kärngruppen pilotar en modell för mångprofessionellt stöd i "
                "området.",
                description_en="The core group pilots a multi-professional support model in "
                "the area with special funding.",
            )
            seats = [
                (self.provider(self.largest(area)), "provider", Role.CHAIR),
                (self.provider(self.largest(area, 1)), "provider", Role.MEMBER),
                ((vaatu or [self.org("valteri")])[0], "vaatu", Role.MEMBER),
                (self.county_org(area), "pupil_welfare", Role.MEMBER),
                (research[0], "research", Role.MEMBER),
            ]
            for n, (org, category, role) in enumerate(seats):
                key = f"core:{area.code}:{n}"
                group.add(self.person(key, org, self.title(key, category)), role)
            groups.append(group)
        return groups

    # --- VIPU ----------------------------------------------------------------------------

    def campaign_values(self) -> dict[str, Any]:
        starts = self.today - 21 * DAY
        deadline = starts + 30 * DAY
        return {
            "name_fi": f"VIPU-yhteyshenkilöt {starts.year}",
            "name_sv": f"VIPU-kontaktpersoner {starts.year}",
            "name_en": f"VIPU contact persons {starts.year}",
            "starts_on": starts,
            "deadline": deadline,
            "ends_on": starts + 91 * DAY,
            "requirements": (
                "Jokainen kunta nimeää kaksi VIPU-yhteyshenkilöä:\n\n"
                "1. **oppimisen tuen koordinoinnista vastaavan** yhteyshenkilön ja\n"
                "2. **oppilashuollon palveluja edustavan** yhteyshenkilön.\n\n"
                "Kaksikielisissä kunnissa yhteyshenkilöiden on katettava sekä suomi että "
                "ruotsi. Yksityiset opetuksen järjestäjät ja harjoittelukoulut nimeävät yhden "
                "yhteyshenkilön; toinen on vapaaehtoinen.\n\n"
                f"Nimeämisten määräaika on **{_fi(deadline)}**. Yhteyshenkilöiden on "
                "työskenneltävä kunnassa tai sen yksikössä.\n\n"
                "---\n\n"
                "Varje kommun utser två VIPU-kontaktpersoner: en som samordnar stödet för "
                "lärande och en som företräder elevhälsan. I tvåspråkiga kommuner ska "
                "kontaktpersonerna täcka både finska och svenska."
            ),
        }

    def plan_nominations(self) -> list[NominationPlan]:
        plans: list[NominationPlan] = []
        replaced_in: str | None = None
        for area in self.areas:
            municipalities = sorted(self.area_municipalities.get(area.pk, []), key=lambda m: m.code)
            rng = self.seeder.rng("vipu", area.code)
            rng.shuffle(municipalities)
            total = len(municipalities)
            complete = round(VIPU_COMPLETE_SHARE.get(area.code, 0.8) * total)
            partial = (total - complete + 1) // 2
            statuses = ["complete"] * complete + ["partial"] * partial
            statuses += ["missing"] * (total - len(statuses))
            codes = [m.code for m in municipalities]
            if ADMIN_MUNICIPALITY in codes:
                # The demo municipal administrator has something left to do.
                index = codes.index(ADMIN_MUNICIPALITY)
                if statuses[index] != "partial":
                    swap = statuses.index("partial")
                    statuses[index], statuses[swap] = statuses[swap], statuses[index]
            bilingual = [i for i, m in enumerate(municipalities) if m.is_bilingual]
            if (
                bilingual
                and "partial" in statuses
                and not any(statuses[i] == "partial" for i in bilingual)
            ):
                # A bilingual municipality that named its majority-language contacts only.
                swap = next(
                    i
                    for i, status in enumerate(statuses)
                    if status == "partial" and codes[i] != ADMIN_MUNICIPALITY
                )
                statuses[bilingual[0]], statuses[swap] = statuses[swap], statuses[bilingual[0]]
            for municipality, status in zip(municipalities, statuses, strict=True):
                if status == "missing":
                    continue
                slots = self._slots(municipality, status, rng.random(), rng.random())
                for responsibility, language in slots:
                    plans.append(self._nomination(municipality, responsibility, language))
                if (
                    replaced_in is None
                    and area.code == "KYS"
                    and status == "complete"
                    and municipality.language_status == "fi"
                ):
                    replaced_in = municipality.code
                    first = plans[-len(slots)]
                    first.replaces = self.person(
                        f"vipu:{municipality.code}:{first.responsibility}:{first.language}:former",
                        first.person.organisation,
                        first.person.title,
                    )
        for key, responsibility in (
            ("private-provider:049", LS),
            ("training-school:179", PW),
        ):
            provider = self.org(key)
            assert provider.municipality is not None
            plans.append(
                NominationPlan(
                    municipality=provider.municipality,
                    person=self.person(
                        f"vipu:{key}",
                        provider,
                        "rehtori" if responsibility == LS else "erityisopettaja",
                    ),
                    responsibility=responsibility,
                    language="fi",
                    provider=provider,
                )
            )
        return plans

    @staticmethod
    def _slots(
        municipality: Municipality, status: str, draw: float, second_draw: float
    ) -> list[tuple[str, str]]:
        """The (responsibility, language) pairs named, by completeness and language status."""
        if municipality.code == ADMIN_MUNICIPALITY:
            return [(LS, "fi")]
        language_status = municipality.language_status
        main = "sv" if language_status.startswith("sv") else "fi"
        other = "fi" if main == "sv" else "sv"
        bilingual = "+" in language_status
        if status == "complete":
            slots: list[tuple[str, str]] = [(LS, main), (PW, main)]
            if bilingual:
                slots.append((PW if main == "sv" else LS, other))
                if draw < 0.4:
                    slots.append((LS if main == "sv" else PW, other))
            return slots
        if bilingual:
            # Both tasks named, but only in the majority language.
            return [(LS, main), (PW, main)]
        return [(LS if second_draw < 0.6 else PW, main)]

    def _nomination(
        self, municipality: Municipality, responsibility: str, language: str
    ) -> NominationPlan:
        key = f"vipu:{municipality.code}:{responsibility}:{language}"
        provider = self.provider(municipality)
        user = None
        if municipality.code == ADMIN_MUNICIPALITY and responsibility == LS:
            key, user = "user:kuntapaakayttaja", self.users.get("kuntapaakayttaja")
        swedish = language == "sv"
        if responsibility == LS:
            titles = (
                names.LEARNING_SUPPORT_TITLES_SV if swedish else names.LEARNING_SUPPORT_TITLES_FI
            )
        else:
            titles = names.PUPIL_WELFARE_TITLES_SV if swedish else names.PUPIL_WELFARE_TITLES_FI
        bilingual = municipality.is_bilingual
        person = self.person(
            key,
            provider,
            self.seeder.rng("title", key).choice(titles),
            swedish=swedish and user is None,
            languages=("sv,fi" if swedish else "fi,sv") if bilingual else ("sv" if swedish else ""),
            user=user,
        )
        return NominationPlan(municipality, person, responsibility, language)

    # --- Writing -------------------------------------------------------------------------

    def run(self) -> None:
        self._load()
        groups = self.plan_groups()
        campaign_values = self.campaign_values()
        nominations = self.plan_nominations()

        self._persons = {
            person.email: person
            for person in Person.objects.filter(email__endswith=f"@{self.domain}")
        }
        self._persons_by_user = {
            person.user_id: person
            for person in Person.objects.filter(user__in=list(self.users.values()))
        }
        self._groups = {group.name_fi: group for group in Group.objects.all()}
        for plan in groups:
            self.write_group(plan)
        if not Campaign.objects.filter(name_fi=campaign_values["name_fi"]).exists():
            campaign = vipu_services.campaign_save(actor=None, **campaign_values)
            self.report.count("campaign")
            for nomination in nominations:
                self.write_nomination(campaign, nomination)

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

    def write_group(self, plan: GroupPlan) -> None:
        existing = self._groups.get(plan.name_fi)
        if existing is not None:
            plan.group = existing
            return
        group = network_services.group_create(
            actor=None,
            kind=plan.kind,
            name_fi=plan.name_fi,
            name_sv=plan.name_sv,
            name_en=plan.name_en,
            description_fi=plan.description_fi,
            description_sv=plan.description_sv,
            description_en=plan.description_en,
            area=plan.area,
            parent=plan.parent.group if plan.parent else None,
            theme=plan.theme,
            term_start=plan.term_start,
            term_end=plan.term_end,
            founding_decision=plan.founding_decision,
            status=plan.status,
        )
        plan.group = self._groups[plan.name_fi] = group
        self.report.count("group")
        made: dict[int, Membership] = {}
        for member in plan.members:
            made[id(member)] = network_services.membership_add(
                actor=None,
                group=group,
                person=self.write_person(member.person),
                role=member.role,
                start=member.start,
                end=member.end,
                principal=made[id(member.principal)] if member.principal else None,
                sector=member.sector,
                organisation=member.person.organisation,
            )
            self.report.count("membership")
        numbers: dict[int, int] = {}
        for meeting in sorted(plan.meetings, key=lambda m: m.date):
            self.write_meeting(group, plan, meeting, made, numbers)

    def write_meeting(
        self,
        group: Group,
        plan: GroupPlan,
        meeting: MeetingPlan,
        made: dict[int, Membership],
        numbers: dict[int, int],
    ) -> None:
        held = meeting.date <= self.today
        present: list[int] = []
        absent: list[int] = []
        if held:
            active = [m for m in plan.members if made[id(m)].is_active_on(meeting.date)]
            away = {id(m) for m in active if m.person.key in meeting.absent}
            for member in active:
                membership_id = made[id(member)].pk
                if member.role == Role.DEPUTY:
                    # A deputy comes when the member they stand in for is away.
                    if member.principal is not None and id(member.principal) in away:
                        present.append(membership_id)
                elif id(member) in away:
                    absent.append(membership_id)
                else:
                    present.append(membership_id)
        decisions = []
        for decision in meeting.decisions:
            numbers[meeting.date.year] = numbers.get(meeting.date.year, 0) + 1
            decisions.append((f"{numbers[meeting.date.year]}/{meeting.date.year}", decision))
        agenda = "\n".join(
            f"{n}. {topic}"
            for n, topic in enumerate(
                ["Kokouksen avaus", "Edellisen kokouksen pöytäkirja", *meeting.topics,
                 "Muut asiat", "Kokouksen päättäminen"],
                start=1,
            )
        )  # fmt: skip
        minutes = ""
        if held:
            opened = f" klo {meeting.start_time:%H.%M}" if meeting.start_time else ""
            lines = [
                f"Puheenjohtaja avasi kokouksen{opened}.",
                "",
                "Edellisen kokouksen pöytäkirja hyväksyttiin.",
                "",
            ]
            for topic in meeting.topics:
                lines += [f"**{topic}**", "", "Asiasta keskusteltiin.", ""]
            for number, decision in decisions:
                lines += [f"**Päätös {number}:** {decision.text}", ""]
            lines.append("Puheenjohtaja päätti kokouksen.")
            minutes = "\n".join(lines)
        stored = network_services.meeting_save(
            actor=None,
            group=group,
            present=present if held else None,
            absent=absent if held else None,
            date=meeting.date,
            start_time=meeting.start_time,
            mode=meeting.mode,
            place=meeting.place if meeting.mode != "remote" else "Teams",
            agenda=agenda,
            minutes=minutes,
            minutes_public=meeting.minutes_public and held,
        )
        self.report.count("meeting")
        for number, decision in decisions:
            network_services.decision_save(
                actor=None,
                group=group,
                meeting=stored,
                number=number,
                date=meeting.date,
                text=decision.text,
                responsible=self.write_person(decision.responsible)
                if decision.responsible
                else None,
                due_date=decision.due_date,
                status=decision.status,
            )
            self.report.count("decision")

    def write_nomination(self, campaign: Campaign, plan: NominationPlan) -> None:
        replaces = None
        if plan.replaces is not None:
            replaces = vipu_services.nomination_make(
                actor=None,
                campaign=campaign,
                municipality=plan.municipality,
                person=self.write_person(plan.replaces),
                responsibility=plan.responsibility,
                language=plan.language,
                provider=plan.provider,
                notify=False,
            )
            self.report.count("nomination")
        vipu_services.nomination_make(
            actor=None,
            campaign=campaign,
            municipality=plan.municipality,
            person=self.write_person(plan.person),
            responsibility=plan.responsibility,
            language=plan.language,
            provider=plan.provider,
            replaces=replaces,
            notify=False,
        )
        self.report.count("nomination")
