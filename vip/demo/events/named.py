"""The events the seed documents name, the network days, and a showcase around today.

History (domain §3): the remote rally "Älä luovuta meistä!" on 15.9.2020; the webinar
series on activity-area teaching organised with the regional state administrative
agencies (4.2., 18.2., 16.3. and 13.4.2021); a remote seminar on children placed outside
their home; a paid national seminar on school non-attendance; the VIPU contacts'
trainings from autumn 2021; and the network days, five regional ones and one national
one a year.

Around today, so that the calendar and the organiser tools always have something to
show: a webinar open for registration, a regional day that is full with people on the
waiting list, a training whose waiting list is full too, a paid two-day seminar with
billing details, a cancelled event, a draft, VIPU trainings (one not open yet), and a
training held a few days ago with attendance marked and feedback in.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from vip.demo.events import catalogue
from vip.demo.events.base import EventSeederBase
from vip.demo.events.plans import (
    DAY,
    HOUR,
    EventPlan,
    PriceGroupPlan,
    SeriesPlan,
    local,
    vat_rate_on,
    weekday_on_or_after,
)
from vip.events.models import Event
from vip.registry.models import Area, Organisation

Kind = Event.Kind
Mode = Event.Mode
OrgKind = Organisation.Kind

# Events went remote for the epidemic.
REMOTE_FROM, REMOTE_UNTIL = datetime.date(2020, 3, 16), datetime.date(2021, 8, 31)
FIRST_YEAR = 2020
# Regional network days: (area, month, day) they are held on or after, each year.
REGIONAL_DAYS = [("HYKS", 2, 10), ("KYS", 3, 10), ("TAYS", 4, 14), ("TYKS", 9, 22), ("OYS", 11, 17)]
NATIONAL_DAY = (10, 6)


def price_groups(day: datetime.date, member: int, other: int) -> list[PriceGroupPlan]:
    vat = vat_rate_on(day)
    return [
        PriceGroupPlan(
            "VIP-verkoston jäsenorganisaatio",
            "Medlemsorganisation i VIP-nätverket",
            "VIP network member organisation",
            Decimal(member),
            vat,
        ),
        PriceGroupPlan("Muut", "Övriga", "Others", Decimal(other), vat),
    ]


class NamedEventPlanner(EventSeederBase):
    def _plan(
        self,
        key: str,
        kind: str,
        titles: tuple[str, str, str],
        day: datetime.date,
        start: tuple[int, int],
        duration: datetime.timedelta,
        *,
        descriptions: tuple[str, str, str] = ("", "", ""),
        opens_days_before: int | None = 50,
        **values: Any,
    ) -> EventPlan:
        starts_at = local(day, *start)
        mode = values.get("mode", Mode.ON_SITE)
        if mode != Mode.ON_SITE:
            values.setdefault("join_url", f"https://meet.{self.domain}/{key.replace(':', '-')}")
        return EventPlan(
            key=key,
            kind=kind,
            title_fi=titles[0],
            title_sv=titles[1],
            title_en=titles[2],
            description_fi=descriptions[0],
            description_sv=descriptions[1],
            description_en=descriptions[2],
            starts_at=starts_at,
            ends_at=starts_at + duration,
            registration_opens_at=(
                starts_at - opens_days_before * DAY if opens_days_before is not None else None
            ),
            **values,
        )

    # --- History ----------------------------------------------------------------------------

    def rally(self) -> EventPlan:
        return self._plan(
            "rally:2020-09-15",
            Kind.RALLY,
            (
                "Älä luovuta meistä! – etätempaus",
                "Ge inte upp om oss! – distansevenemang",
                "Don't give up on us! – remote rally",
            ),
            datetime.date(2020, 9, 15),
            (9, 0),
            6 * HOUR,
            descriptions=(
                "Valtakunnallinen etätempaus vaativaa erityistä tukea tarvitsevien lasten ja "
                "nuorten puolesta. Puheenvuoroja nuorilta, perheiltä ja ammattilaisilta.",
                "Ett riksomfattande distansevenemang för barn och unga som behöver krävande "
                "särskilt stöd. Inlägg av unga, familjer och yrkesfolk.",
                "A national remote rally for children and young people who need demanding "
                "special support, with voices of young people, families and professionals.",
            ),
            organising_group=self.steering,
            organisation=self.org("oph"),
            partners=[self.org("valteri"), *self.orgs_of_kind(OrgKind.STATE_REFORM_SCHOOL)[:1]],
            themes=[
                self.themes["school-non-attendance"],
                self.themes["children-placed-outside-home"],
            ],
            audience=self.sectors_of("rector", "pupil-welfare", "child-protection"),
            languages="fi,sv",
            mode=Mode.REMOTE,
            demand=620,
            no_show_rate=0.25,
            feedback_rate=0.3,
        )

    def activity_area_webinars(self) -> list[EventPlan]:
        series = SeriesPlan(
            key="avi-activity-area-2021",
            name_fi="Toiminta-alueittain järjestetty opetus – webinaarisarja "
            "aluehallintovirastojen kanssa 2021",
            name_sv="Undervisning ordnad enligt verksamhetsområden – webbinarieserie med "
            "regionförvaltningsverken 2021",
            name_en="Teaching organised by activity areas – webinar series with the regional "
            "state administrative agencies, 2021",
            description_fi="Neljän webinaarin sarja toiminta-alueittain järjestetystä opetuksesta "
            "(perusopetuksen opetussuunnitelman perusteet 7.4.6).",
            description_sv="En serie med fyra webbinarier om undervisning ordnad enligt "
            "verksamhetsområden.",
            description_en="Four webinars on teaching organised by activity areas.",
        )
        parts = [
            (
                datetime.date(2021, 2, 4),
                "Normit ja ohjaus",
                "Normer och styrning",
                "Norms and guidance",
            ),
            (
                datetime.date(2021, 2, 18),
                "Pedagogiset ratkaisut",
                "Pedagogiska lösningar",
                "Pedagogical solutions",
            ),
            (
                datetime.date(2021, 3, 16),
                "Digipedagogiikka",
                "Digital pedagogik",
                "Digital pedagogy",
            ),
            (
                datetime.date(2021, 4, 13),
                "Oppilaan tavoitteiden asettaminen ja arviointi",
                "Att ställa upp och bedöma elevens mål",
                "Setting and assessing the pupil's goals",
            ),
        ]
        avis = self.orgs_of_kind(OrgKind.AVI)
        plans = []
        for number, (day, fi, sv, en) in enumerate(parts, start=1):
            plans.append(
                self._plan(
                    f"avi-webinar:{day.isoformat()}",
                    Kind.WEBINAR,
                    (
                        f"Toiminta-alueittain järjestetty opetus {number}/4: {fi}",
                        f"Undervisning enligt verksamhetsområden {number}/4: {sv}",
                        f"Teaching by activity areas {number}/4: {en}",
                    ),
                    day,
                    (14, 0),
                    90 * datetime.timedelta(minutes=1),
                    descriptions=(
                        f"Sarjan {number}. webinaari: **{fi}**. Järjestäjinä "
                        "aluehallintovirastot ja VIP-verkoston teemaryhmä.",
                        f"Seriens webbinarium nummer {number}: **{sv}**.",
                        f"Webinar {number} of the series: **{en}**.",
                    ),
                    series=series,
                    organising_group=self.thematic.get("activity-area-teaching"),
                    organisation=self.org("avi:905"),
                    partners=[org for org in avis if org.oid != self.stable_oid("avi:905")]
                    + [self.org("oph")],
                    themes=[self.themes["activity-area-teaching"]],
                    audience=self.sectors_of("rector", "education-administration", "avi"),
                    mode=Mode.REMOTE,
                    capacity=500,
                    # The first part drew more than the seats: the rest were turned away.
                    demand=(560, 430, 390, 410)[number - 1],
                    no_show_rate=0.2,
                )
            )
        return plans

    def placed_children_seminar(self) -> EventPlan:
        reform = self.orgs_of_kind(OrgKind.STATE_REFORM_SCHOOL)
        return self._plan(
            "placed-children-seminar:2021-05-18",
            Kind.SEMINAR,
            (
                "Sijoitetut lapset ja koulunkäynti – etäseminaari",
                "Placerade barn och skolgången – distansseminarium",
                "Children placed outside their home and school – remote seminar",
            ),
            datetime.date(2021, 5, 18),
            (12, 30),
            3.5 * HOUR,
            descriptions=(
                "Miten koulu, lastensuojelu ja valtion koulukodit tukevat sijoitetun lapsen "
                "koulunkäyntiä yhdessä?",
                "Hur stöder skolan, barnskyddet och statens skolhem tillsammans placerade "
                "barns skolgång?",
                "How schools, child protection and the state reform schools support the "
                "schooling of placed children together.",
            ),
            organising_group=self.thematic.get("children-placed-outside-home"),
            organisation=reform[0] if reform else self.org("oph"),
            partners=[self.org("valteri"), *reform[1:3]],
            themes=[self.themes["children-placed-outside-home"]],
            audience=self.sectors_of("child-protection", "pupil-welfare", "rector"),
            mode=Mode.REMOTE,
            demand=260,
        )

    def paid_seminar(self, key: str, day: datetime.date, *, upcoming: bool) -> EventPlan:
        year = day.year
        values: dict[str, Any] = {}
        if upcoming:
            # Two days in Tampere; registration opened a month ago.
            values.update(
                mode=Mode.ON_SITE,
                venue="Tampere-talo",
                address="Yliopistonkatu 55, 33100 Tampere",
                opens_days_before=(local(day, 9) - self.now).days + 30,
                registration_closes_at=local(day, 9) - 7 * DAY,
                cancellation_deadline=local(day, 9) - 14 * DAY,
                demand=230,
            )
            duration = 24 * HOUR + 6 * HOUR
        else:
            values.update(
                mode=Mode.HYBRID,
                venue="Paasitorni",
                address="Paasivuorenkatu 5 A, 00530 Helsinki",
                cancellation_deadline=local(day, 9) - 14 * DAY,
                demand=200,
            )
            duration = 7 * HOUR
        return self._plan(
            key,
            Kind.SEMINAR,
            (
                f"Koulua käymättömät {year} – valtakunnallinen seminaari",
                f"Elever som inte går i skolan {year} – riksomfattande seminarium",
                f"School non-attendance {year} – national seminar",
            ),
            day,
            (9, 0),
            duration,
            descriptions=(
                "Valtakunnallinen seminaari koulupoissaoloista: tutkimusta "
                "(Kouluakäymättömyys Suomessa, OPH 2020:9), kuntien puuttumisen mallit ja "
                "poissaolojen seuranta. **Seminaari on maksullinen**; lasku lähetetään "
                "ilmoittautumisessa annettuun osoitteeseen.",
                "Ett riksomfattande seminarium om skolfrånvaro. **Seminariet är "
                "avgiftsbelagt**; fakturan skickas till adressen i anmälan.",
                "A national seminar on school non-attendance: research, municipal models for "
                "intervening and monitoring absences. **There is a fee**; the invoice goes to "
                "the address given when registering.",
            ),
            organising_group=self.thematic.get("school-non-attendance"),
            organisation=self.org("oph"),
            partners=[self.org("university:853")],
            themes=[self.themes["school-non-attendance"]],
            audience=self.sectors_of("rector", "pupil-welfare", "education-administration"),
            capacity=180 if not upcoming else 200,
            waiting_list_capacity=20 if not upcoming else 30,
            price_groups=price_groups(day, 90, 150)
            if not upcoming
            else price_groups(day, 120, 180),
            questions=[
                catalogue.DIET_QUESTION,
                catalogue.CERTIFICATE_QUESTION,
                *([catalogue.ATTENDANCE_MODE_QUESTION] if not upcoming else []),
            ],
            cancel_rate=0.05,
            **values,
        )

    def vipu_trainings(self) -> list[EventPlan]:
        series = SeriesPlan(
            key="vipu-training-2021",
            name_fi="VIPU-yhteyshenkilöiden koulutus 2021",
            name_sv="Utbildning för VIPU-kontaktpersoner 2021",
            name_en="Training for VIPU contact persons, 2021",
            description_fi="Maksuton koulutussarja kuntien VIPU-yhteyshenkilöille.",
            description_sv="En avgiftsfri utbildningsserie för kommunernas VIPU-kontaktpersoner.",
            description_en="A free training series for the municipalities' VIPU contacts.",
        )
        parts = [
            (
                datetime.date(2021, 9, 23),
                "VIP-verkosto ja vaativa erityinen tuki",
                "VIP-nätverket och krävande särskilt stöd",
                "The VIP network and demanding special support",
            ),
            (
                datetime.date(2021, 10, 21),
                "Vaativa konsultaatio",
                "Krävande konsultation",
                "Demanding consultation",
            ),
            (
                datetime.date(2021, 11, 25),
                "Koulupoissaolojen tunnistaminen ja seuranta",
                "Att känna igen och följa upp skolfrånvaro",
                "Recognising and monitoring school absences",
            ),
        ]
        plans = [
            self._vipu_training(f"vipu-training:{day.isoformat()}", day, fi, sv, en, series)
            for day, fi, sv, en in parts
        ]
        year = self.today.year
        upcoming = SeriesPlan(
            key=f"vipu-training-{year}",
            name_fi=f"VIPU-yhteyshenkilöiden koulutus {year}",
            name_sv=f"Utbildning för VIPU-kontaktpersoner {year}",
            name_en=f"Training for VIPU contact persons, {year}",
            description_fi=series.description_fi,
            description_sv=series.description_sv,
            description_en=series.description_en,
        )
        soon = weekday_on_or_after(self.today + 12 * DAY)
        later = weekday_on_or_after(self.today + 75 * DAY)
        plans.append(
            self._vipu_training(
                "vipu-training:upcoming:1",
                soon,
                "Tuen järjestäminen ja yhteistyö",
                "Att ordna stöd och samarbeta",
                "Organising support and cooperation",
                upcoming,
                demand=150,
                opens_days_before=40,
            )
        )
        plans.append(
            self._vipu_training(
                "vipu-training:upcoming:2",
                later,
                "Poissaolojen seuranta kunnassa",
                "Uppföljning av frånvaro i kommunen",
                "Monitoring absences in the municipality",
                upcoming,
                demand=150,
                # Registration opens in three weeks: the page says when.
                opens_days_before=(later - self.today).days - 21,
            )
        )
        return plans

    def _vipu_training(
        self,
        key: str,
        day: datetime.date,
        fi: str,
        sv: str,
        en: str,
        series: SeriesPlan,
        **values: Any,
    ) -> EventPlan:
        values.setdefault("demand", 210)
        return self._plan(
            key,
            Kind.TRAINING,
            (f"VIPU-koulutus: {fi}", f"VIPU-utbildning: {sv}", f"VIPU training: {en}"),
            day,
            (13, 0),
            2 * HOUR,
            descriptions=(
                f"Koulutus VIPU-yhteyshenkilöille: **{fi}**. Maksuton.",
                f"Utbildning för VIPU-kontaktpersoner: **{sv}**. Avgiftsfri.",
                f"Training for VIPU contacts: **{en}**. Free of charge.",
            ),
            series=series,
            organisation=self.org("oph"),
            organising_group=self.steering,
            audience=self.sectors_of("education-administration", "pupil-welfare", "rector"),
            languages="fi,sv",
            mode=Mode.REMOTE,
            capacity=300,
            no_show_rate=0.12,
            feedback_rate=0.45,
            **values,
        )

    def network_days(self) -> list[EventPlan]:
        plans = []
        last = self.today + 330 * DAY
        for year in range(FIRST_YEAR, self.today.year + 2):
            for code, month, day_of_month in REGIONAL_DAYS:
                day = weekday_on_or_after(datetime.date(year, month, day_of_month))
                if day <= last:
                    plans.append(self._regional_network_day(self.area_by_code[code], day))
            day = weekday_on_or_after(datetime.date(year, *NATIONAL_DAY))
            if day <= last:
                plans.append(self._national_network_day(day))
        return plans

    def _network_day_values(self, day: datetime.date, venue: tuple[str, str]) -> dict[str, Any]:
        if REMOTE_FROM <= day <= REMOTE_UNTIL:
            return {"mode": Mode.REMOTE, "capacity": None}
        return {
            "mode": Mode.HYBRID if day.year >= 2022 else Mode.ON_SITE,
            "venue": venue[0],
            "address": venue[1],
            "registration_closes_at": local(day, 9) - 7 * DAY,
            "cancellation_deadline": local(day, 9) - 7 * DAY,
            "questions": [catalogue.DIET_QUESTION]
            + ([catalogue.ATTENDANCE_MODE_QUESTION] if day.year >= 2022 else []),
        }

    def _regional_network_day(self, area: Area, day: datetime.date) -> EventPlan:
        rng = self.rng("network-day", area.code, day)
        values = self._network_day_values(day, catalogue.VENUES[area.code][0])
        if values["mode"] != Mode.REMOTE:
            values.update(capacity=120, waiting_list_capacity=20)
        group = self.regional.get(area.code)
        return self._plan(
            f"network-day:{area.code}:{day.isoformat()}",
            Kind.NETWORK_DAY,
            (
                f"VIP-verkostopäivä {day.year}: {area.name_fi} ({area.code})",
                f"VIP-nätverksdag {day.year}: {area.name_sv} ({area.code})",
                f"VIP network day {day.year}: {area.name_en} ({area.code})",
            ),
            day,
            (9, 0),
            6.5 * HOUR,
            descriptions=(
                f"Alueen {area.name_fi} VIP-verkostopäivä: ajankohtaiset asiat, alueryhmän "
                "työ ja hyvät käytännöt alueen kunnista.",
                f"VIP-nätverksdagen för {area.name_sv}: aktuellt, regiongruppens arbete och "
                "goda exempel från områdets kommuner.",
                f"The VIP network day of {area.name_en}: news, the regional group's work and "
                "good practice from the area's municipalities.",
            ),
            organising_group=group,
            organisation=None if group else self.org("oph"),
            areas=[area],
            themes=[self.themes[code] for code in rng.sample(sorted(self.themes), 2)],
            audience=list(self.sectors.values()),
            languages="fi,sv" if area.code in {"HYKS", "TYKS"} else "fi",
            demand=rng.randint(90, 150),
            **values,
        )

    def _national_network_day(self, day: datetime.date) -> EventPlan:
        rng = self.rng("network-day", "national", day)
        values = self._network_day_values(day, catalogue.VENUES[""][1])
        if values["mode"] != Mode.REMOTE:
            values.update(capacity=250, waiting_list_capacity=30)
        return self._plan(
            f"network-day:national:{day.isoformat()}",
            Kind.NETWORK_DAY,
            (
                f"VIP-verkoston valtakunnallinen verkostopäivä {day.year}",
                f"VIP-nätverkets riksomfattande nätverksdag {day.year}",
                f"VIP network national day {day.year}",
            ),
            day,
            (9, 0),
            6.5 * HOUR,
            descriptions=(
                "Koko verkoston yhteinen päivä: johtoryhmän ja teemaryhmien katsaukset, "
                "alueiden puheenvuorot ja tulevan kauden painopisteet.",
                "Hela nätverkets gemensamma dag: översikter från ledningsgruppen och "
                "temagrupperna, inlägg från områdena och prioriteringarna för nästa period.",
                "The whole network's day: reviews by the steering and thematic groups, the "
                "areas' voices and the priorities of the coming period.",
            ),
            organising_group=self.steering,
            organisation=self.org("oph"),
            partners=[self.org("okm"), self.org("valteri")],
            themes=list(self.themes.values()),
            audience=list(self.sectors.values()),
            languages="fi,sv",
            demand=rng.randint(260, 340),
            **values,
        )

    # --- Around today ---------------------------------------------------------------------

    def showcase(self) -> list[EventPlan]:
        plans = self._showcase()
        for plan in plans:
            plan.scaled = False
        return plans

    def _showcase(self) -> list[EventPlan]:
        tays = self.area_by_code["TAYS"]
        tampere_venue = catalogue.VENUES["TAYS"][0]
        webinar_day = weekday_on_or_after(self.today + 6 * DAY)
        full_day = weekday_on_or_after(self.today + 18 * DAY)
        training_day = weekday_on_or_after(self.today + 10 * DAY)
        cancelled_day = weekday_on_or_after(self.today + 25 * DAY)
        draft_day = weekday_on_or_after(self.today + 60 * DAY)
        held_day = self.today - 4 * DAY
        behaviour = self.themes["behavioural-symptoms"]
        return [
            self._plan(
                "showcase:webinar",
                Kind.WEBINAR,
                (
                    "Webinaari: Käytöksellään oireilevan oppilaan kohtaaminen",
                    "Webbinarium: Att möta en elev med beteendesymtom",
                    "Webinar: Meeting a pupil with behavioural symptoms",
                ),
                webinar_day,
                (14, 0),
                1.5 * HOUR,
                descriptions=catalogue.describe(
                    Kind.WEBINAR,
                    (
                        "Käytöksellään oireilevan oppilaan kohtaaminen",
                        "Att möta en elev med beteendesymtom",
                        "Meeting a pupil with behavioural symptoms",
                    ),
                ),
                organising_group=self.thematic.get("behavioural-symptoms"),
                organisation=self.org("oph"),
                themes=[behaviour],
                audience=self.sectors_of("rector", "pupil-welfare", "specialised-health-care"),
                languages="fi,sv",
                mode=Mode.REMOTE,
                capacity=300,
                demand=140,
                opens_days_before=30,
            ),
            self._plan(
                "showcase:regional-day-full",
                Kind.REGIONAL_DAY,
                (
                    f"Alueellinen päivä, {tays.name_fi}: Vaativa tuki lähikoulussa",
                    f"Regional dag, {tays.name_sv}: Krävande stöd i närskolan",
                    f"Regional day, {tays.name_en}: Demanding support in the neighbourhood school",
                ),
                full_day,
                (9, 0),
                6 * HOUR,
                descriptions=catalogue.describe(
                    Kind.REGIONAL_DAY,
                    (
                        "Vaativa tuki lähikoulussa",
                        "Krävande stöd i närskolan",
                        "Demanding support in the neighbourhood school",
                    ),
                ),
                organising_group=self.regional.get("TAYS"),
                organisation=self.org("provider:837"),
                areas=[tays],
                themes=[self.themes["activity-area-teaching"], behaviour],
                audience=list(self.sectors.values()),
                venue=tampere_venue[0],
                address=tampere_venue[1],
                capacity=40,
                waiting_list_capacity=10,
                cancellation_deadline=local(full_day, 9) - 3 * DAY,
                questions=[catalogue.DIET_QUESTION],
                # Most have registered by now: the seats are taken, people are waiting.
                demand=70,
                opens_days_before=60,
            ),
            self._plan(
                "showcase:training-full",
                Kind.TRAINING,
                (
                    "Koulutus: Rauhoittumisen tukeminen luokassa",
                    "Utbildning: Stöd för lugn i klassrummet",
                    "Training: Supporting calm in the classroom",
                ),
                training_day,
                (12, 30),
                3.5 * HOUR,
                descriptions=catalogue.describe(
                    Kind.TRAINING,
                    (
                        "Rauhoittumisen tukeminen luokassa",
                        "Stöd för lugn i klassrummet",
                        "Supporting calm in the classroom",
                    ),
                ),
                organisation=self.org("valteri"),
                areas=[tays],
                themes=[behaviour],
                audience=self.sectors_of("rector", "early-childhood"),
                venue="Valteri, Jyväskylä",
                address="Kärjentie 22, 40630 Jyväskylä",
                capacity=25,
                waiting_list_capacity=5,
                questions=[catalogue.DIET_QUESTION, catalogue.CERTIFICATE_QUESTION],
                # Far more interest than places, and nobody has cancelled: the next one
                # to register is refused.
                demand=90,
                cancel_rate=0.0,
                opens_days_before=35,
            ),
            self.paid_seminar(
                "paid-seminar:upcoming",
                weekday_on_or_after(self.today + 45 * DAY, (1, 2)),
                upcoming=True,
            ),
            self._plan(
                "showcase:cancelled",
                Kind.SEMINAR,
                (
                    "Lastensuojelu ja koulu – seminaari",
                    "Barnskyddet och skolan – seminarium",
                    "Child protection and school: a seminar",
                ),
                cancelled_day,
                (9, 0),
                6 * HOUR,
                descriptions=catalogue.describe(
                    Kind.SEMINAR,
                    (
                        "Lastensuojelu ja koulu",
                        "Barnskyddet och skolan",
                        "Child protection and school",
                    ),
                ),
                organising_group=self.thematic.get("children-placed-outside-home"),
                organisation=self.org("oph"),
                themes=[self.themes["children-placed-outside-home"]],
                venue=catalogue.VENUES[""][0][0],
                address=catalogue.VENUES[""][0][1],
                capacity=120,
                waiting_list_capacity=10,
                status=Event.Status.CANCELLED,
                cancel_reason=catalogue.CANCEL_REASONS[0],
                demand=60,
                opens_days_before=40,
            ),
            self._plan(
                "showcase:draft",
                Kind.NETWORK_DAY,
                (
                    f"VIP-verkoston kevätpäivä {draft_day.year} (luonnos)",
                    f"VIP-nätverkets vårdag {draft_day.year} (utkast)",
                    f"VIP network spring day {draft_day.year} (draft)",
                ),
                draft_day,
                (9, 0),
                6 * HOUR,
                organising_group=self.steering,
                organisation=self.org("oph"),
                mode=Mode.HYBRID,
                venue=catalogue.VENUES[""][1][0],
                address=catalogue.VENUES[""][1][1],
                capacity=250,
                waiting_list_capacity=30,
                status=Event.Status.DRAFT,
                opens_days_before=None,
            ),
            self._plan(
                "showcase:held",
                Kind.TRAINING,
                (
                    "Koulutus: Toiminta-alueittain järjestetyn opetuksen suunnittelu",
                    "Utbildning: Planering av undervisning enligt verksamhetsområden",
                    "Training: Planning teaching by activity areas",
                ),
                held_day,
                (9, 0),
                5 * HOUR,
                descriptions=catalogue.describe(
                    Kind.TRAINING,
                    (
                        "Toiminta-alueittain järjestetyn opetuksen suunnittelu",
                        "Planering av undervisning enligt verksamhetsområden",
                        "Planning teaching by activity areas",
                    ),
                ),
                organising_group=self.regional.get("TAYS"),
                organisation=self.org("provider:837"),
                areas=[tays],
                themes=[self.themes["activity-area-teaching"]],
                audience=self.sectors_of("rector", "education-administration"),
                venue=tampere_venue[0],
                address=tampere_venue[1],
                capacity=60,
                waiting_list_capacity=10,
                questions=[catalogue.DIET_QUESTION, catalogue.CERTIFICATE_QUESTION],
                demand=70,
                no_show_rate=0.12,
                # Enough answers for the feedback averages to show (at least five).
                feedback_rate=0.5,
            ),
        ]

    def plan_named(self) -> list[EventPlan]:
        return [
            self.rally(),
            *self.activity_area_webinars(),
            self.placed_children_seminar(),
            self.paid_seminar(
                "paid-seminar:2021-11-30", datetime.date(2021, 11, 30), upcoming=False
            ),
            *self.vipu_trainings(),
            *self.network_days(),
            *self.showcase(),
        ]
