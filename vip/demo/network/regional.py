"""The network's regional groups, the five areas' own, and the regional core groups.

Each regional group has most but not all of the eleven sectors filled, unevenly by area;
three areas run a core group piloting multi-professional support.
"""

from __future__ import annotations

import datetime

from vip.demo.network.people import PeopleSeeder
from vip.demo.network.plans import (
    DAY,
    DecisionPlan,
    GroupPlan,
    MeetingPlan,
    MemberPlan,
    PersonPlan,
    Role,
    fi_date,
    meeting_day,
)
from vip.network.models import Group
from vip.registry.models import Area, Organisation

Kind = Organisation.Kind
# Sectors each regional group lacks: at least one everywhere, unevenly on purpose (OYS worst).
SECTOR_GAPS = {"HYKS": 1, "KYS": 1, "TAYS": 2, "TYKS": 1, "OYS": 3}
# Never left empty: the chair's sector and the area's Vaatu chair.
KEPT_SECTORS = ("education-administration", "vaatu-chair")
CORE_GROUP_AREAS = ("KYS", "OYS", "TAYS")
# The regional state administrative agency serving each area.
AREA_AVI = {"HYKS": "109", "KYS": "491", "TAYS": "905", "TYKS": "853", "OYS": "564"}


class RegionalSeeder(PeopleSeeder):
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
                f"{fi_date(self.term_decided_on)}",
                description_fi="Alueryhmä suunnittelee, koordinoi ja edistää alueen "
                "VIP-työtä, kehittää kuntien yhteistyötä ja monialaisia rakenteita, levittää "
                "hyviä käytäntöjä sekä seuraa ja raportoi alueen verkostojen työtä.",
                description_sv="Regiongruppen planerar, samordnar och främjar VIP-arbetet i "
                "området och utvecklar samarbetet mellan kommunerna.",
                description_en="The regional group plans, coordinates and promotes the area's "
                "VIP work, develops municipal cooperation and multi-sector structures, "
                "spreads good practice and monitors the area's networks.",
            )
            schools = self.units[Kind.SCHOOL].get(area.pk) or [self.area_provider(area)]
            ecec = self.units[Kind.EARLY_CHILDHOOD_UNIT].get(area.pk) or [self.area_provider(area)]
            vaatu = (
                self.in_area(Kind.VALTERI_UNIT, area)
                + self.in_area(Kind.HOSPITAL_SCHOOL, area)
                + self.in_area(Kind.STATE_REFORM_SCHOOL, area)
            )
            training = self.in_area(Kind.TEACHER_TRAINING_SCHOOL, area)
            research = self.in_area(Kind.UNIVERSITY, area) or universities
            ot_centre = self.org(f"ot-centre:{self.county(area).code}")
            avi = self.org(f"avi:{AREA_AVI.get(area.code, '564')}")
            # Sector code -> [(organisation, title category)], one member each (rectors two).
            seats: dict[str, list[tuple[Organisation, str]]] = {
                "rector": [(schools[0], "rector"), (schools[-1], "rector")],
                "education-administration": [(self.area_provider(area), "provider")],
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
                seat = seats.get(sector.code) or [(self.area_provider(area, 3), "provider")]
                for n, (org, category) in enumerate(seat):
                    key = f"regional:{area.code}:{sector.code}:{n}"
                    person = self.titled_person(key, org, category)
                    if sector.code == "education-administration":
                        role = Role.CHAIR
                    elif sector.code == "vaatu-chair":
                        role = Role.VICE_CHAIR
                    else:
                        role = Role.MEMBER
                    members[f"{sector.code}:{n}"] = group.add(person, role, sector=sector)
            secretary = self._area_coordinator(area)
            group.add(secretary, Role.SECRETARY)
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
                leaving.end = self.left_on
                key = f"regional:{area.code}:{leaving.sector.code}:successor"
                successor = self.person_in_post_of(key, leaving.person)
                group.add(successor, start=self.left_on + DAY, sector=leaving.sector)
            chair = members["education-administration:0"]
            if area.code == "HYKS":
                # The chair changed during the term.
                chair_left = self.today - 200 * DAY
                chair.end = chair_left
                key = f"regional:{area.code}:education-administration:chair"
                new_chair = self.titled_person(key, self.area_provider(area, 1), "provider")
                chair = group.add(
                    new_chair, Role.CHAIR, start=chair_left + DAY, sector=chair.sector
                )
            if area.code in ("HYKS", "TAYS"):
                for code in ("rector:0", "specialised-health-care:0"):
                    principal = members.get(code)
                    if principal is None:
                        continue
                    key = f"regional:{area.code}:{code}:deputy"
                    deputy = self.person_in_post_of(key, principal.person)
                    group.add(deputy, Role.DEPUTY, sector=principal.sector, principal=principal)
            if area.code in ("TAYS", "HYKS"):
                group.meetings = self._regional_meetings(area, group, chair, secretary)
            groups.append(group)
        return groups

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
        place = self.area_provider(area).name_fi
        meetings = [
            MeetingPlan(
                meeting_day(self.today - 180 * DAY),
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
                meeting_day(self.today - 45 * DAY),
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
                f"{fi_date(meeting_day(datetime.date(start.year, 6, 10)))}",
                description_fi="Ydinryhmä pilotoi alueella monialaisen tuen mallia "
                "erityisavustuksen turvin.",
                description_sv="Kärngruppen pilotar en modell för mångprofessionellt stöd i "
                "området.",
                description_en="The core group pilots a multi-professional support model in "
                "the area with special funding.",
            )
            seats = [
                (self.area_provider(area), "provider", Role.CHAIR),
                (self.area_provider(area, 1), "provider", Role.MEMBER),
                ((vaatu or [self.org("valteri")])[0], "vaatu", Role.MEMBER),
                (self.county_org(area), "pupil_welfare", Role.MEMBER),
                (research[0], "research", Role.MEMBER),
            ]
            for n, (org, category, role) in enumerate(seats):
                key = f"core:{area.code}:{n}"
                group.add(self.titled_person(key, org, category), role)
            groups.append(group)
        return groups
