"""The national groups planned, and any group written with its meetings and decisions.

The national groups are the steering group (2021-2022 as history, and the current
term), the thematic groups each with its expert group, and the Vaatu work group with
deputies. Regional and core groups are planned in ``regional`` and written here too.
"""

from __future__ import annotations

import datetime

from vip.demo.network.people import PeopleSeeder
from vip.demo.network.plans import (
    DAY,
    DecisionPlan,
    GroupPlan,
    MeetingPlan,
    Role,
    fi_date,
    meeting_day,
)
from vip.network import services as network_services
from vip.network.models import Group, Membership
from vip.registry.models import Organisation

Kind = Organisation.Kind
BEHAVIOURAL_THEME = "behavioural-symptoms"


class GroupSeeder(PeopleSeeder):
    # --- Planning the national groups -----------------------------------------------------

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
            f"{fi_date(meeting_day(datetime.date(start.year - 1, 12, 10)))}",
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
        current.add(new_chair, Role.CHAIR)
        vice_member = current.add(vice, Role.VICE_CHAIR)
        okm_member = current.add(okm_3)
        oph_member = current.add(oph_2)
        current.add(oph_3, end=self.left_on)
        current.add(self.person("steering:oph:4", oph, "opetusneuvos"), start=self.left_on + DAY)
        current.add(valteri_director, Role.PERMANENT_EXPERT)
        current.add(admin, Role.SECRETARY)
        deputies = [
            (vice_member, self.person("steering:oph:5", oph, "erityisasiantuntija")),
            (okm_member, self.person("steering:okm:5", okm, "erityisasiantuntija")),
            (oph_member, self.person("steering:oph:6", oph, "opetusneuvos")),
        ]
        for principal, deputy in deputies:
            current.add(deputy, Role.DEPUTY, principal=principal)
        first = meeting_day(start + 40 * DAY)
        middle = meeting_day(self.today - 200 * DAY)
        recent = meeting_day(self.today - 60 * DAY)
        upcoming = meeting_day(self.today + 30 * DAY)
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
            decision = f"Johtoryhmän päätös {fi_date(founded)}"
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
                newcomer = self.person_in_post_of(f"thematic:{theme.code}:successor", people[-1])
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
                expert.add(self.titled_person(key, org, cat))
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
                        meeting_day(self.today - 90 * DAY),
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
                        meeting_day(self.today - 120 * DAY),
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
            founding_decision=f"Johtoryhmän päätös {fi_date(self.term_decided_on)}",
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
            person = self.titled_person(key, org, "vaatu")
            principals.append(group.add(person, Role.CHAIR if n == 0 else Role.MEMBER))
        for n, (principal, (_org, deputy_org)) in enumerate(zip(principals, seats, strict=True)):
            key = f"vaatu:{n}:deputy"
            deputy = self.titled_person(key, deputy_org, "vaatu")
            if n == len(seats) - 1:
                # This seat's deputy changed during the term.
                group.add(deputy, Role.DEPUTY, principal=principal, end=self.left_on)
                key = f"vaatu:{n}:deputy:successor"
                deputy = self.titled_person(key, deputy_org, "vaatu")
                group.add(deputy, Role.DEPUTY, principal=principal, start=self.left_on + DAY)
            else:
                group.add(deputy, Role.DEPUTY, principal=principal)
        group.add(self.people["steering:oph:2"], Role.PERMANENT_EXPERT)
        group.add(self.people["steering:okm:3"], Role.PERMANENT_EXPERT)
        chair = principals[0].person
        group.meetings = [
            MeetingPlan(
                meeting_day(self.today - 100 * DAY),
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

    # --- Writing any group ----------------------------------------------------------------

    def _load_groups(self) -> None:
        self._groups = {group.name_fi: group for group in Group.objects.all()}

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
