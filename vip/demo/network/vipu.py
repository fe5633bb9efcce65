"""The VIPU campaign and its nominations.

About 80 % of the mainland municipalities have named their contacts, unevenly across
the areas; Åland is outside the network.
"""

from __future__ import annotations

from typing import Any

from vip.demo import names
from vip.demo.network.people import PeopleSeeder
from vip.demo.network.plans import DAY, NominationPlan, fi_date
from vip.registry.models import Municipality
from vip.vipu import services as vipu_services
from vip.vipu.models import Campaign, Nomination

LS, PW = Nomination.Responsibility.LEARNING_SUPPORT, Nomination.Responsibility.PUPIL_WELFARE
# Share of each area's municipalities that have named all their VIPU contacts.
VIPU_COMPLETE_SHARE = {"HYKS": 0.92, "KYS": 0.68, "TAYS": 0.87, "TYKS": 0.82, "OYS": 0.72}
# The municipality of the demo municipal administrator: left incomplete on purpose.
ADMIN_MUNICIPALITY = "837"


class VipuSeeder(PeopleSeeder):
    # --- Planning -------------------------------------------------------------------------

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
                f"Nimeämisten määräaika on **{fi_date(deadline)}**. Yhteyshenkilöiden on "
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
                    first.replaces = self.person_in_post_of(
                        f"vipu:{municipality.code}:{first.responsibility}:{first.language}:former",
                        first.person,
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

    # --- Writing --------------------------------------------------------------------------

    def write_campaign(self, values: dict[str, Any], nominations: list[NominationPlan]) -> None:
        """The campaign with its nominations, unless a campaign of that name exists."""
        if Campaign.objects.filter(name_fi=values["name_fi"]).exists():
            return
        campaign = vipu_services.campaign_save(actor=None, **values)
        self.report.count("campaign")
        for nomination in nominations:
            self.write_nomination(campaign, nomination)

    def write_nomination(self, campaign: Campaign, plan: NominationPlan) -> None:
        # A replaced contact is named first, then the one who replaces them.
        replaces = None
        for person in (plan.replaces, plan.person):
            if person is None:
                continue
            replaces = vipu_services.nomination_make(
                actor=None,
                campaign=campaign,
                municipality=plan.municipality,
                person=self.write_person(person),
                responsibility=plan.responsibility,
                language=plan.language,
                provider=plan.provider,
                replaces=replaces,
                notify=False,
            )
            self.report.count("nomination")
