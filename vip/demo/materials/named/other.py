"""Checklists, recordings of demo events and news."""

from __future__ import annotations

from vip.demo.materials.named.common import (
    ACTIVITY_AREAS,
    BASIC,
    BEHAVIOUR,
    ECEC,
    NON_ATTENDANCE,
    OPH,
    PLACED,
    PRE_PRIMARY,
    author,
    publisher,
)
from vip.demo.materials.plans import NamedItem


def checklists() -> list[NamedItem]:
    return [
        NamedItem(
            key="checklist:kun-poissaolot-lisaantyvat",
            kind="checklist",
            language="fi",
            title="Tarkistuslista: kun oppilaan poissaolot lisääntyvät",
            other_titles={"sv": "Checklista: när elevens frånvaro ökar"},
            summary=(
                "Tarkistuslista koulun henkilöstölle poissaolojen seurantaan, "
                "puuttumiseen ja huoltajien informointiin 1.8.2023 voimaan tulleiden "
                "säännösten mukaisesti."
            ),
            body="""## Seuranta

- [ ] Poissaolot kirjataan samana päivänä, myös myöhästymiset.
- [ ] Huoltajalle ilmoitetaan selvittämättömästä poissaolosta viipymättä.
- [ ] Poissaolokertymä tarkistetaan vähintään kuukausittain.

## Puuttuminen

- [ ] Kunnan poissaolorajat (tunteina tai osuutena oppitunneista) ovat koko henkilöstön tiedossa.
- [ ] Rajan ylittyessä kutsutaan koolle moniammatillinen palaveri.
- [ ] Poissaolojen syyt kartoitetaan yhdessä oppilaan ja huoltajan kanssa.

## Kirjaaminen

- [ ] Sovitut toimet, vastuuhenkilöt ja seuraava tarkistuspäivä on kirjattu.
""",
            year=2023,
            themes=(NON_ATTENDANCE,),
            tags=("poissaolot", "tarkistuslista", "huoltajat"),
            sectors=("rector", "pupil-welfare"),
            levels=(BASIC,),
            parties=(author(name="VIP-verkoston koulua käymättömien teemaryhmä"), OPH),
            related=("model:poissaolojen-porrastettu-puuttuminen",),
            published_on=(8, 14),
        ),
        NamedItem(
            key="checklist:vaativa-konsultaatio",
            kind="checklist",
            language="fi",
            title="Vaativan konsultaation pyyntö – tarkistuslista ennen yhteydenottoa",
            summary=(
                "Ennen kuin koulu pyytää vaativaa konsultaatiota: paikallinen "
                "moniammatillinen tuki on käytössä, huoltajan suostumus ja koulun lupa "
                "ovat kunnossa ja pyyntö on kuvattu."
            ),
            body="""## Ennen pyyntöä

- [ ] Paikallinen moniammatillinen tuki on käytössä, ja tarve jatkuu.
- [ ] Huoltajan suostumus on pyydetty kirjallisesti.
- [ ] Koulun tai yksikön johto on hyväksynyt pyynnön.

## Pyynnön sisältö

- [ ] Lyhyt kuvaus lapsen tilanteesta ja jo kokeillusta tuesta.
- [ ] Mihin kysymykseen konsultaatiolta haetaan vastausta.
- [ ] Yhteyshenkilö ja toivottu työskentelytapa (käynti, puhelin, etä- tai lähipalaveri).

Konsultaatio tehdään yhdessä paikallisten toimijoiden kanssa lapsen omassa ympäristössä.
""",
            year=2022,
            themes=(BEHAVIOUR, ACTIVITY_AREAS),
            tags=("vaativa konsultaatio", "suostumus", "moniammatillinen yhteistyö"),
            sectors=("rector", "pupil-welfare", "early-childhood"),
            levels=(ECEC, PRE_PRIMARY, BASIC),
            parties=(author("valteri"),),
            published_on=(1, 31),
        ),
    ]


def recordings() -> list[NamedItem]:
    return [
        NamedItem(
            key="recording:ala-luovuta-meista-2020",
            kind="recording",
            language="fi",
            title="Tallenne: Älä luovuta meistä! – etätempaus 15.9.2020",
            other_titles={"en": "Recording: Don't give up on us! – remote rally 15.9.2020"},
            summary=(
                "Valtakunnallisen etätempauksen tallenne: nuorten, perheiden ja "
                "ammattilaisten puheenvuoroja vaativaa erityistä tukea tarvitsevien "
                "lasten ja nuorten puolesta."
            ),
            body="""## Tallenteen sisältö

- Avaus ja tempauksen tarkoitus
- Nuorten puheenvuorot: mikä auttoi palaamaan kouluun
- Perheiden kokemuksia yhteistyöstä koulun kanssa
- Paneeli: miten kukaan ei putoa koulusta

Tallenne on tekstitetty suomeksi.
""",
            year=2020,
            themes=(NON_ATTENDANCE, PLACED),
            tags=("tallenne", "etätempaus"),
            sectors=("rector", "pupil-welfare", "child-protection"),
            levels=(BASIC,),
            parties=(publisher("oph"),),
            events=("rally:2020-09-15",),
            published_on=(9, 22),
        ),
        NamedItem(
            key="recording:toiminta-alueet-webinaari-1",
            kind="recording",
            language="fi",
            title="Webinaaritallenne: Toiminta-alueittain järjestetty opetus, osa 1",
            summary=(
                "Aluehallintovirastojen kanssa järjestetyn webinaarisarjan ensimmäisen "
                "osan tallenne: normit ja ohjaus toiminta-alueittain järjestetyssä "
                "opetuksessa."
            ),
            body="""## Osa 1: Normit ja ohjaus

Tallenteella käydään läpi, mitä perusopetuksen opetussuunnitelman perusteet sanovat
toiminta-alueittain järjestetystä opetuksesta ja miten päätökset tehdään.

Sarjan muut osat käsittelevät pedagogisia ratkaisuja, digipedagogiikkaa sekä oppilaan
tavoitteiden asettamista ja arviointia.
""",
            year=2021,
            themes=(ACTIVITY_AREAS,),
            tags=("tallenne", "webinaari", "toiminta-alueet"),
            sectors=("teacher-education", "avi"),
            levels=(BASIC,),
            parties=(publisher("oph"),),
            events=("avi-webinar:2021-02-04",),
            related=("report:oppimisen-seuranta-toiminta-alueet",),
            published_on=(2, 12),
        ),
    ]


def news() -> list[NamedItem]:
    def item(key: str, **values: object) -> NamedItem:
        values.setdefault("language", "fi")
        values.setdefault("parties", (publisher("oph"),))
        return NamedItem(key=f"news:{key}", kind="news", **values)  # type: ignore[arg-type]

    return [
        item(
            "vaativa-konsultaatio-pilotti",
            title="Vaativaa konsultaatiota pilotoidaan kaikilla viidellä yhteistyöalueella",
            summary=(
                "Elmeri-koulut, Valteri, sairaalaopetus ja valtion koulukoti tarjoavat "
                "yhdessä moniammatillista konsultaatiota erityisen vaativiin tilanteisiin. "
                "Pilotti alkaa syksyllä 2021."
            ),
            body="""Vaativa konsultaatio on tarkoitettu varhaiskasvatukseen, esiopetukseen ja
perusopetukseen tilanteisiin, joissa paikallinen moniammatillinen tuki on käytössä,
mutta tarve jatkuu. Tavoitteena on löytää ratkaisut yhdessä paikallisten toimijoiden
kanssa lapsen omassa ympäristössä ja vahvistaa paikallista pedagogista tukea.

Jokaisella yhteistyöalueella on koordinoiva kunta. Pilotti jatkuu vuoden 2022 loppuun.
""",
            year=2021,
            themes=(BEHAVIOUR, ACTIVITY_AREAS),
            tags=("vaativa konsultaatio", "pilotti"),
            levels=(ECEC, PRE_PRIMARY, BASIC),
            published_on=(8, 16),
        ),
        item(
            "poissaolosaannokset-2023",
            title="Poissaoloihin puuttuminen velvoittaa opetuksen järjestäjiä 1.8.2023 alkaen",
            summary=(
                "Opetuksen järjestäjän on ehkäistävä, seurattava ja puututtava oppilaiden "
                "poissaoloihin suunnitelmallisesti ja kerrottava niistä huoltajille."
            ),
            body="""Muutos koskee kaikkia perusopetuksen järjestäjiä. Kunnat päättävät itse
poissaolorajoista ja siitä, missä vaiheessa käynnistetään moniammatillinen yhteistyö.
VIP-verkoston sivuilta löytyy tarkistuslista ja esimerkkejä porrastetusta mallista.
""",
            year=2023,
            themes=(NON_ATTENDANCE,),
            tags=("poissaolot", "lainsäädäntö"),
            sectors=("education-administration", "rector"),
            levels=(BASIC,),
            related=("checklist:kun-poissaolot-lisaantyvat",),
            published_on=(6, 20),
        ),
        item(
            "tuen-uudistus-2025",
            title="Oppimisen tuki uudistuu: ryhmäkohtainen ja yksilökohtainen tuki",
            other_titles={"sv": "Stödet för lärande förnyas"},
            summary=(
                "Kolmiportainen tuki oli voimassa 31.7.2025 asti. Uudistuksen jälkeen "
                "tuki on ryhmäkohtaista tai yksilökohtaista. VIP-verkosto kokoaa "
                "materiaalit vaativan erityisen tuen näkökulmasta."
            ),
            body="""Uudistus muuttaa tuen käsitteitä ja päätöksentekoa. Verkoston teemaryhmät
päivittävät malliensa ja tarkistuslistojensa sanaston syksyn aikana. Vanhat materiaalit
jäävät pankkiin, ja niihin merkitään, minkä tukijärjestelmän aikana ne on laadittu.
""",
            year=2025,
            tags=("oppimisen tuki", "uudistus"),
            sectors=("education-administration", "rector", "teacher-education"),
            levels=(PRE_PRIMARY, BASIC),
            published_on=(8, 4),
        ),
        item(
            "verkostopaiva-2026-luonnos",
            title="Valtakunnallinen verkostopäivä kokoaa teemaryhmät (luonnos)",
            summary="Luonnos uutiseksi syksyn verkostopäivästä.",
            body="Tarkennetaan ohjelman valmistuttua.",
            year=2026,
            tags=("verkostopäivä",),
            status="draft",
            published_on=(11, 2),
        ),
    ]
