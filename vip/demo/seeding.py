"""Synthetic demo data: deterministic for a seed, idempotent, at two scales.

``national`` keeps real proportions: an education provider in each of the 309
municipalities, about 2,100 basic-education schools and 2,000 early-childhood
units spread by population, Valteri units, about 10 Elmeri schools, about 30
hospital schools, 5 state reform schools, OT centres, the AVIs and the
universities with teacher education and their teacher-training schools, a few
private providers and the wellbeing services counties. ``small`` has the same
national actors and providers but schools and units only in proportion to a
twentieth of that. The network's people, groups and VIPU contacts
(``vip.demo.network``) have the real, national size at both scales.

Every generated organisation has a stable OID derived from what it is (its kind
and position), so a second run finds it again instead of adding a copy. Later
features add their own steps to ``Seeder.run``.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from vip.accounts import services as account_services
from vip.accounts.models import RoleGrant, User
from vip.accounts.roles import Role
from vip.audit import audit
from vip.audit.models import AuditAction
from vip.demo import names
from vip.network.reference_data import ensure_themes_and_sectors
from vip.registry import services as registry_services
from vip.registry.models import Area, County, Municipality, Organisation

Kind = Organisation.Kind
Lang = Organisation.Languages

SCALES = {
    "small": {"schools": 110, "ecec_units": 100},
    "national": {"schools": 2100, "ecec_units": 2000},
}

DEMO_EMAIL_DOMAIN = "demo.vip.example"
# The share of a provider's schools and units that teach in Swedish.
SWEDISH_SHARE: dict[str, float] = {Lang.SWEDISH: 1.0, Lang.BILINGUAL: 0.25}


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    # (role, label, e-mail, password) of each demo user
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Lines for the command to print (what a step did besides counting, how long it took).
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1


def stable_oid(key: str) -> str:
    """A fixed OPH-style OID for a demo organisation, derived from its key."""
    digits = int(hashlib.sha256(f"vip-demo:{key}".encode()).hexdigest(), 16) % 10**12
    return f"1.2.246.562.10.99{digits:012d}"


class Seeder:
    def __init__(self, *, seed: int, scale: str) -> None:
        if scale not in SCALES:
            raise ValueError(f"Unknown scale {scale!r}; use one of {', '.join(SCALES)}")
        self.seed = seed
        self.scale = scale
        self.report = SeedReport()
        self._existing: dict[str | None, int] = {}
        self.municipalities: list[Municipality] = []
        self.by_code: dict[str, Municipality] = {}

    def _read_existing(self) -> None:
        if not Municipality.objects.exists():
            registry_services.load_reference_data(actor=None)
        self._existing = dict(
            Organisation.objects.filter(oid__startswith="1.2.246.562.10.99").values_list(
                "oid", "pk"
            )
        )
        self.municipalities = list(
            Municipality.objects.select_related("county__area").order_by("code")
        )
        self.by_code = {m.code: m for m in self.municipalities}

    def rng(self, *parts: object) -> random.Random:
        """A generator of its own for each part, so one part's draws never shift another's."""
        return random.Random(f"{self.seed}:" + ":".join(str(p) for p in parts))

    # --- Organisations -----------------------------------------------------------------------

    def existing(self, key: str) -> Organisation:
        """A demo organisation an earlier step created."""
        return Organisation.objects.get(pk=self._existing[stable_oid(key)])

    def organisation(self, key: str, **values: Any) -> Organisation:
        oid = values.pop("oid", None) or stable_oid(key)
        if oid in self._existing:
            return Organisation.objects.get(pk=self._existing[oid])
        organisation = registry_services.organisation_create(actor=None, oid=oid, **values)
        self._existing[oid] = organisation.pk
        self.report.count(values["kind"])
        return organisation

    def national_actors(self) -> None:
        helsinki = self.by_code["091"]
        self.organisation(
            "okm",
            kind=Kind.MINISTRY,
            name_fi="Opetus- ja kulttuuriministeriö",
            name_sv="Undervisnings- och kulturministeriet",
            name_en="Ministry of Education and Culture",
            municipality=helsinki,
            languages=Lang.BILINGUAL,
        )
        oph = self.organisation(
            "oph",
            kind=Kind.NATIONAL_AGENCY,
            name_fi="Opetushallitus",
            name_sv="Utbildningsstyrelsen",
            name_en="Finnish National Agency for Education",
            municipality=helsinki,
            languages=Lang.BILINGUAL,
        )
        valteri = self.organisation(
            "valteri",
            kind=Kind.NATIONAL_AGENCY,
            name_fi="Oppimis- ja ohjauskeskus Valteri",
            name_sv="Inlärnings- och handledningscentret Valteri",
            name_en="Valteri Centre for Learning and Consulting",
            parent=oph,
            municipality=helsinki,
        )
        for code in ("091", "179", "297", "491", "564", "837"):
            municipality = self.by_code[code]
            self.organisation(
                f"valteri:{code}",
                kind=Kind.VALTERI_UNIT,
                name_fi=f"Valteri, {municipality.name_fi}",
                name_sv=f"Valteri, {municipality.name_sv}",
                name_en=f"Valteri, {municipality.name_fi}",
                parent=valteri,
                municipality=municipality,
            )
        avis = [
            ("109", "Etelä-Suomen aluehallintovirasto", "Regionförvaltningsverket i Södra Finland"),
            (
                "853",
                "Lounais-Suomen aluehallintovirasto",
                "Regionförvaltningsverket i Sydvästra Finland",
            ),
            (
                "905",
                "Länsi- ja Sisä-Suomen aluehallintovirasto",
                "Regionförvaltningsverket i Västra och Inre Finland",
            ),
            ("491", "Itä-Suomen aluehallintovirasto", "Regionförvaltningsverket i Östra Finland"),
            (
                "564",
                "Pohjois-Suomen aluehallintovirasto",
                "Regionförvaltningsverket i Norra Finland",
            ),
            ("698", "Lapin aluehallintovirasto", "Regionförvaltningsverket i Lappland"),
        ]
        for code, name_fi, name_sv in avis:
            self.organisation(
                f"avi:{code}",
                kind=Kind.AVI,
                name_fi=name_fi,
                name_sv=name_sv,
                municipality=self.by_code[code],
                languages=Lang.BILINGUAL,
            )
        universities = [
            (
                "091",
                "Helsingin yliopisto",
                "Helsingfors universitet",
                "University of Helsinki",
                Lang.BILINGUAL,
            ),
            (
                "179",
                "Jyväskylän yliopisto",
                "Jyväskylä universitet",
                "University of Jyväskylä",
                Lang.FINNISH,
            ),
            ("564", "Oulun yliopisto", "Uleåborgs universitet", "University of Oulu", Lang.FINNISH),
            (
                "837",
                "Tampereen yliopisto",
                "Tammerfors universitet",
                "Tampere University",
                Lang.FINNISH,
            ),
            ("853", "Turun yliopisto", "Åbo universitet", "University of Turku", Lang.FINNISH),
            (
                "167",
                "Itä-Suomen yliopisto",
                "Östra Finlands universitet",
                "University of Eastern Finland",
                Lang.FINNISH,
            ),
            (
                "698",
                "Lapin yliopisto",
                "Lapplands universitet",
                "University of Lapland",
                Lang.FINNISH,
            ),
            ("905", "Åbo Akademi", "Åbo Akademi", "Åbo Akademi University", Lang.SWEDISH),
        ]
        for code, name_fi, name_sv, name_en, languages in universities:
            self.organisation(
                f"university:{code}",
                kind=Kind.UNIVERSITY,
                name_fi=name_fi,
                name_sv=name_sv,
                name_en=name_en,
                municipality=self.by_code[code],
                languages=languages,
            )

    def providers(self) -> dict[str, Organisation]:
        providers = {}
        for municipality in self.municipalities:
            bilingual = municipality.name_fi != municipality.name_sv
            aland = municipality.county_id is None
            providers[municipality.code] = self.organisation(
                f"provider:{municipality.code}",
                kind=Kind.MUNICIPALITY,
                name_fi=f"{municipality.name_fi}, sivistystoimi",
                name_sv=f"{municipality.name_sv}, bildningsväsendet",
                name_en=f"{municipality.name_fi}, education services",
                municipality=municipality,
                languages=Lang.SWEDISH
                if aland
                else (Lang.BILINGUAL if bilingual else Lang.FINNISH),
            )
        return providers

    def _largest(self, count: int, *, per_area: bool = False) -> list[Municipality]:
        ranked = sorted(
            (m for m in self.municipalities if m.county_id),
            key=lambda m: (-m.population, m.code),
        )
        if not per_area:
            return ranked[:count]
        chosen: list[Municipality] = []
        for area in Area.objects.order_by("code"):
            chosen += [m for m in ranked if m.area and m.area.pk == area.pk][:count]
        return chosen

    def vaatu_actors(self) -> None:
        # School codes 993xx-995xx lie above every "municipality code + index" code.
        for index, municipality in enumerate(self._largest(30)):
            self.organisation(
                f"hospital-school:{municipality.code}",
                kind=Kind.HOSPITAL_SCHOOL,
                name_fi=f"Sairaalakoulu, {municipality.name_fi}",
                name_sv=f"Sjukhusskola, {municipality.name_sv}",
                name_en=f"Hospital school, {municipality.name_fi}",
                municipality=municipality,
                school_code=f"993{index:02d}",
            )
        for index, municipality in enumerate(self._largest(2, per_area=True)):
            word = names.NATURE_WORDS_FI[index % len(names.NATURE_WORDS_FI)]
            self.organisation(
                f"elmeri:{municipality.code}",
                kind=Kind.ELMERI_SCHOOL,
                name_fi=f"{word}koulu (Elmeri)",
                name_sv=f"{word}skolan (Elmeri)",
                name_en=f"{word} School (Elmeri)",
                municipality=municipality,
                school_code=f"994{index:02d}",
            )
        for index, area in enumerate(Area.objects.order_by("code")):
            candidates = [m for m in self.municipalities if m.area and m.area.pk == area.pk]
            municipality = self.rng("reform", area.code).choice(candidates)
            word = names.NATURE_WORDS_FI[(index + 5) % len(names.NATURE_WORDS_FI)]
            self.organisation(
                f"state-reform-school:{area.code}",
                kind=Kind.STATE_REFORM_SCHOOL,
                name_fi=f"Valtion koulukoti {word}",
                name_sv=f"Statens skolhem {word}",
                name_en=f"State reform school {word}",
                municipality=municipality,
                school_code=f"995{index:02d}",
            )
        for county in County.objects.order_by("code"):
            seat = max(
                (m for m in self.municipalities if m.county_id == county.pk),
                key=lambda m: m.population,
            )
            self.organisation(
                f"ot-centre:{county.code}",
                kind=Kind.OT_CENTRE,
                name_fi=f"OT-keskus, {county.name_fi}",
                name_sv=f"OT-center, {county.name_sv}",
                name_en=f"OT centre, {county.name_en or county.name_fi}",
                municipality=seat,
            )

    def network_actors(self) -> None:
        """Teacher-training schools, private providers and the wellbeing services counties."""
        training_schools = [
            (
                "091",
                "Helsingin normaalilyseo",
                "Helsingfors normallyceum",
                "Helsinki Normal Lyceum",
                Lang.FINNISH,
            ),
            (
                "179",
                "Jyväskylän normaalikoulu",
                "Jyväskylä normalskola",
                "Jyväskylä Teacher Training School",
                Lang.FINNISH,
            ),
            (
                "564",
                "Oulun normaalikoulu",
                "Uleåborgs normalskola",
                "Oulu Teacher Training School",
                Lang.FINNISH,
            ),
            (
                "837",
                "Tampereen normaalikoulu",
                "Tammerfors normalskola",
                "Tampere Teacher Training School",
                Lang.FINNISH,
            ),
            (
                "853",
                "Turun normaalikoulu",
                "Åbo normalskola",
                "Turku Teacher Training School",
                Lang.FINNISH,
            ),
            (
                "167",
                "Itä-Suomen yliopiston harjoittelukoulu",
                "Östra Finlands universitets övningsskola",
                "University of Eastern Finland Teacher Training School",
                Lang.FINNISH,
            ),
            (
                "698",
                "Lapin yliopiston harjoittelukoulu",
                "Lapplands universitets övningsskola",
                "University of Lapland Teacher Training School",
                Lang.FINNISH,
            ),
            (
                "905",
                "Vaasan harjoittelukoulu",
                "Vasa övningsskola",
                "Vaasa Teacher Training School",
                Lang.SWEDISH,
            ),
        ]
        # School codes 996xx lie above every "municipality code + index" code.
        for index, (code, name_fi, name_sv, name_en, languages) in enumerate(training_schools):
            self.organisation(
                f"training-school:{code}",
                kind=Kind.TEACHER_TRAINING_SCHOOL,
                name_fi=name_fi,
                name_sv=name_sv,
                name_en=name_en,
                parent=self.existing(f"university:{code}"),
                municipality=self.by_code[code],
                languages=languages,
                school_code=f"996{index:02d}",
            )
        for code, word in (("049", "Kanerva"), ("837", "Louhi"), ("564", "Revontuli")):
            self.organisation(
                f"private-provider:{code}",
                kind=Kind.PRIVATE_PROVIDER,
                name_fi=f"Koulusäätiö {word} sr",
                name_sv=f"Skolstiftelsen {word}",
                name_en=f"{word} School Foundation",
                municipality=self.by_code[code],
            )
        # Specialised health care, child protection and pupil welfare work in the
        # wellbeing services counties (and, in Helsinki, in the city).
        for county in County.objects.order_by("code"):
            members = [m for m in self.municipalities if m.county_id == county.pk]
            seat = max(members, key=lambda m: (m.population, m.code))
            bilingual = any(m.is_bilingual for m in members)
            if county.code == "HEL":
                names_ = (
                    "Helsingin kaupunki, sosiaali-, terveys- ja pelastustoimiala",
                    "Helsingfors stad, social-, hälsovårds- och räddningssektorn",
                    "City of Helsinki, Social Services, Health Care and Rescue Services",
                )
            else:
                names_ = (county.name_fi, county.name_sv, county.name_en)
            self.organisation(
                f"county:{county.code}",
                kind=Kind.OTHER,
                name_fi=names_[0],
                name_sv=names_[1],
                name_en=names_[2],
                municipality=seat,
                languages=Lang.BILINGUAL if bilingual else Lang.FINNISH,
            )

    @staticmethod
    def _allocate(total: int, weights: dict[str, int]) -> dict[str, int]:
        """Split ``total`` by population (largest remainder), at least one each where possible."""
        whole = sum(weights.values())
        shares = {code: total * weight / whole for code, weight in weights.items()}
        counts = {code: int(share) for code, share in shares.items()}
        rest = total - sum(counts.values())
        for code in sorted(shares, key=lambda c: (counts[c] - shares[c], c))[:rest]:
            counts[code] += 1
        return counts

    def _school_names(
        self, municipality: Municipality, swedish: bool
    ) -> Iterator[tuple[str, str, str]]:
        rng = self.rng("school-names", municipality.code, swedish)
        if swedish:
            stems = list(names.SCHOOL_STEMS_SV)
            rng.shuffle(stems)
            for round_ in range(100):
                for stem in stems:
                    suffix = f" {round_ + 1}" if round_ else ""
                    yield (
                        f"{stem}{suffix} skola",
                        f"{stem}{suffix} skola",
                        f"{stem}{suffix} School",
                    )
        combos = [(s, t) for s in names.SCHOOL_STEMS_FI for t in names.SCHOOL_TYPES_FI]
        rng.shuffle(combos)
        for round_ in range(100):
            for (nominative, genitive), (fi, sv, en) in combos:
                suffix = f" {round_ + 1}" if round_ else ""
                yield (
                    f"{genitive} {fi}{suffix}",
                    f"{nominative} {sv}{suffix}",
                    f"{nominative} {en}{suffix}",
                )

    def schools(self, providers: dict[str, Organisation]) -> None:
        weights = {m.code: m.population for m in self.municipalities}
        counts = self._allocate(SCALES[self.scale]["schools"], weights)
        for municipality in self.municipalities:
            provider = providers[municipality.code]
            swedish_share = SWEDISH_SHARE.get(provider.languages, 0.0)
            rng = self.rng("schools", municipality.code)
            finnish_names = self._school_names(municipality, swedish=False)
            swedish_names = self._school_names(municipality, swedish=True)
            for index in range(counts[municipality.code]):
                swedish = rng.random() < swedish_share
                name_fi, name_sv, name_en = next(swedish_names if swedish else finnish_names)
                self.organisation(
                    f"school:{municipality.code}:{index}",
                    kind=Kind.SCHOOL,
                    name_fi=name_fi,
                    name_sv=name_sv,
                    name_en=name_en,
                    parent=provider,
                    municipality=municipality,
                    languages=Lang.SWEDISH if swedish else Lang.FINNISH,
                    # Codes fit five digits only for the first hundred schools of a municipality.
                    school_code=f"{municipality.code}{index:02d}" if index < 100 else None,
                )

    def ecec_units(self, providers: dict[str, Organisation]) -> None:
        weights = {m.code: m.population for m in self.municipalities}
        counts = self._allocate(SCALES[self.scale]["ecec_units"], weights)
        for municipality in self.municipalities:
            provider = providers[municipality.code]
            rng = self.rng("ecec", municipality.code)
            words = list(names.ECEC_WORDS_FI)
            rng.shuffle(words)
            swedish_words = list(names.ECEC_WORDS_SV)
            rng.shuffle(swedish_words)
            swedish_share = SWEDISH_SHARE.get(provider.languages, 0.0)
            for index in range(counts[municipality.code]):
                district = names.DISTRICTS_FI[(index // len(words)) % len(names.DISTRICTS_FI)]
                lap = index // (len(words) * len(names.DISTRICTS_FI))
                qualifier = f", {district}" if index >= len(words) else ""
                qualifier += f" {lap + 1}" if lap else ""
                if rng.random() < swedish_share:
                    word = swedish_words[index % len(swedish_words)]
                    name_fi = name_sv = f"Daghemmet {word}{qualifier}"
                    name_en = f"{word} day-care centre{qualifier}"
                    languages = Lang.SWEDISH
                else:
                    word = words[index % len(words)]
                    name_fi = f"Päiväkoti {word}{qualifier}"
                    name_sv = f"Daghemmet {word}{qualifier}"
                    name_en = f"{word} day-care centre{qualifier}"
                    languages = Lang.FINNISH
                self.organisation(
                    f"ecec:{municipality.code}:{index}",
                    kind=Kind.EARLY_CHILDHOOD_UNIT,
                    name_fi=name_fi,
                    name_sv=name_sv,
                    name_en=name_en,
                    parent=provider,
                    municipality=municipality,
                    languages=languages,
                )

    # --- People ------------------------------------------------------------------------------

    def demo_user(
        self,
        key: str,
        role: str,
        *,
        area: Area | None = None,
        organisation: Organisation | None = None,
    ) -> User:
        rng = self.rng("user", key)
        given, family = rng.choice(names.GIVEN_NAMES_FI), rng.choice(names.FAMILY_NAMES_FI)
        email = f"{key}@{DEMO_EMAIL_DOMAIN}"
        password = secrets.token_urlsafe(12)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = account_services.user_create(
                actor=None, email=email, given_name=given, family_name=family, password=password
            )
            self.report.count("user")
        else:
            # A fresh password on every run: demo passwords are never stored anywhere.
            user.set_password(password)
            user.save(update_fields=["password"])
        has_grant = (
            RoleGrant.objects.active()
            .filter(user=user, role=role, area=area, organisation=organisation)
            .exists()
        )
        if not has_grant:
            account_services.role_grant(
                actor=None, user=user, role=role, area=area, organisation=organisation
            )
        scope = organisation or area
        label = f"{Role(role).label}" + (f" – {scope}" if scope else "")
        self.report.logins.append((role, label, email, password))
        return user

    def users(self, providers: dict[str, Organisation]) -> dict[str, User]:
        tampere = providers["837"]
        school = (
            Organisation.objects.filter(parent=tampere, kind=Kind.SCHOOL).order_by("id").first()
            or tampere
        )
        return {
            "paakayttaja": self.demo_user("paakayttaja", Role.NATIONAL_ADMIN),
            "aluekoordinaattori": self.demo_user(
                "aluekoordinaattori", Role.AREA_COORDINATOR, area=Area.objects.get(code="TAYS")
            ),
            # Tampere's VIPU contacts are left incomplete, so its reminders show something.
            "kuntapaakayttaja": self.demo_user(
                "kuntapaakayttaja", Role.MUNICIPAL_ADMIN, organisation=tampere
            ),
            "opettaja": self.demo_user("opettaja", Role.STAFF, organisation=school),
        }

    # --- The whole run -----------------------------------------------------------------------

    def run(self) -> SeedReport:
        from vip.demo.events import EventSeeder
        from vip.demo.materials import MaterialSeeder
        from vip.demo.network import NetworkSeeder

        with transaction.atomic():
            ensure_themes_and_sectors()
            self._read_existing()
            self.national_actors()
            providers = self.providers()
            self.vaatu_actors()
            self.network_actors()
            self.schools(providers)
            self.ecec_units(providers)
            users = self.users(providers)
            NetworkSeeder(self, users).run()
            EventSeeder(self, users).run()
            MaterialSeeder(self, users).run()
            audit.record(
                AuditAction.DEMO_DATA_SEEDED,
                actor=None,
                details={"scale": self.scale, "seed": self.seed, "created": self.report.created},
            )
        return self.report
