"""Models and methods of each theme."""

from __future__ import annotations

from vip.demo.materials.named.common import (
    ACTIVITY_AREAS,
    BASIC,
    BEHAVIOUR,
    ECEC,
    NON_ATTENDANCE,
    PLACED,
    PRE_PRIMARY,
    author,
)
from vip.demo.materials.plans import NamedItem


def models_and_methods() -> list[NamedItem]:
    """Two to four models or methods for each theme."""

    def model(key: str, theme: str, **values: object) -> NamedItem:
        values.setdefault("language", "fi")
        values.setdefault("levels", (BASIC,))
        return NamedItem(key=f"model:{key}", kind="model", themes=(theme,), **values)  # type: ignore[arg-type]

    return [
        model(
            "poissaolojen-porrastettu-puuttuminen",
            NON_ATTENDANCE,
            title="Poissaolojen porrastettu puuttumismalli",
            summary=(
                "Malli, jossa koulu seuraa poissaoloja tunteina ja toimii sovittujen rajojen "
                "mukaan: huoli, yhteydenotto kotiin, moniammatillinen palaveri ja "
                "sosiaalipalvelut. Rajat määritellään paikallisesti."
            ),
            body="""## Periaate

Koulutuksen järjestäjän on ehkäistävä, seurattava ja puututtava poissaoloihin
suunnitelmallisesti ja kerrottava niistä huoltajille. Malli antaa tähän portaat.

## Portaat

1. **Huoli**: opettaja ottaa yhteyttä kotiin heti, kun poissaoloissa näkyy toistuvuutta.
2. **Ensimmäinen raja**: esimerkiksi noin 30 tunnin kohdalla kutsutaan koolle
   moniammatillinen palaveri ja kartoitetaan syyt.
3. **Toinen raja**: esimerkiksi noin 50 tunnin kohdalla otetaan yhteyttä
   sosiaalipalveluihin.

Rajat ovat esimerkkejä: kunta päättää omansa, ja ne voidaan laskea tunteina, oppituntien
osuutena tai päivinä.

## Seuranta

Poissaolokertymää katsotaan vähintään kerran kuukaudessa, ja jokaisesta portaasta
kirjataan, mitä sovittiin ja kuka vastaa.
""",
            year=2023,
            tags=("poissaolot", "poissaolorajat", "moniammatillinen yhteistyö"),
            sectors=("rector", "pupil-welfare", "education-administration"),
            parties=(author(name="VIP-verkoston koulua käymättömien teemaryhmä"),),
            published_on=(8, 1),
        ),
        model(
            "asteittainen-paluu-kouluun",
            NON_ATTENDANCE,
            title="Askel kerrallaan – asteittainen paluu kouluun",
            summary=(
                "Menetelmä pitkään poissa olleen oppilaan paluuseen: lyhyet, ennakoitavat "
                "koulupäivät, turvallinen aikuinen ja tavoitteet, joita nostetaan "
                "onnistumisten myötä."
            ),
            body="""## Kenelle

Oppilaalle, jonka poissaolot ovat pitkittyneet ja joka kokee koulun ahdistavana.

## Näin edetään

- Sovitaan ensimmäinen tavoite, joka onnistuu varmasti: esimerkiksi käynti koulun
  pihalla tai yksi oppitunti pienryhmässä.
- Oppilasta vastassa on joka kerta sama aikuinen.
- Koulupäivää pidennetään vasta, kun edellinen vaihe on toistunut onnistuneesti.
- Huoltajat ja oppilas arvioivat viikoittain, mikä auttoi ja mikä oli vaikeaa.

## Huomioitavaa

Jos poissaolon taustalla on mielenterveyden häiriö, paluu suunnitellaan yhdessä
hoitotahon kanssa.
""",
            year=2022,
            tags=("paluu kouluun", "koulukieltäytyminen", "pienryhmä"),
            sectors=("pupil-welfare", "specialised-health-care"),
            parties=(author("valteri"),),
            published_on=(11, 8),
        ),
        model(
            "sras-r-kartoitus",
            NON_ATTENDANCE,
            title="Poissaolon toimintojen kartoitus SRAS-R-menetelmällä",
            summary=(
                "Ohje SRAS-R-arviointimenetelmän käyttöön: oppilaan ja huoltajan "
                "vastaukset, neljän toiminnon keskiarvot ja tulosten käyttö tuen "
                "suunnittelussa."
            ),
            body="""## Mitä menetelmä kertoo

SRAS-R (School Refusal Assessment Scale – Revised) kuvaa, mikä poissaoloa ylläpitää.
Oppilas ja huoltaja vastaavat kumpikin omaan versioonsa, ja vastauksista lasketaan
keskiarvo neljälle toiminnolle.

## Tulosten tulkinta

Oppilaan ja huoltajan keskiarvot yhdistetään. Korkein keskiarvo kertoo ensisijaisen
toiminnon; jos kaksi toimintoa on hyvin lähellä toisiaan, molemmat otetaan huomioon.

## Tuen suunnittelu

Ahdistusta välttävä oppilas hyötyy asteittaisesta altistumisesta, huomiota hakeva
selkeistä kodin ja koulun yhteisistä säännöistä, ja koulun ulkopuolisia palkkioita
tavoitteleva siitä, että kouluun tulemisesta tehdään palkitsevampaa.

Menetelmän osioiden tekstit ovat tekijänoikeuden suojaamia, eikä niitä julkaista tässä.
""",
            year=2024,
            tags=("SRAS-R", "arviointi", "kartoitus"),
            sectors=("pupil-welfare", "university-research"),
            parties=(author("university:091"),),
            published_on=(3, 5),
        ),
        model(
            "tavoitteet-hojks-toiminta-alueittain",
            ACTIVITY_AREAS,
            title="Tavoitteiden kirjaaminen HOJKSiin toiminta-alueittain",
            summary=(
                "Malli toiminta-alueittain opiskelevan oppilaan tavoitteiden kirjaamiseen: "
                "havaittava tavoite, keskeiset sisällöt, ohjauksen määrä ja arvioinnin tapa "
                "jokaiselle viidelle toiminta-alueelle."
            ),
            body="""## Hyvä tavoite

Tavoite kuvaa, mitä oppilas tekee, missä tilanteessa ja kuinka paljon ohjausta hän
tarvitsee. Esimerkki: *Oppilas valitsee välipalan kahdesta vaihtoehdosta kuvakortin
avulla sanallisella ohjauksella.*

## Rakenne

| Toiminta-alue | Tavoite | Sisällöt | Arviointi |
| --- | --- | --- | --- |
| Kieli ja kommunikaatio | valinnan ilmaiseminen | kuvakortit, viittomat | havainnointi |
| Päivittäiset toiminnot | pukeutuminen | ulkovaatteet | aikaan sidottu seuranta |

## Arviointi

Edistyminen kirjataan vähintään lukukausittain; videot ja valokuvat auttavat
huoltajia näkemään muutoksen.
""",
            year=2021,
            tags=("HOJKS", "toiminta-alueet", "tavoitteet"),
            sectors=("teacher-education", "rector"),
            levels=(PRE_PRIMARY, BASIC),
            parties=(author(name="VIP-verkoston toiminta-alueiden teemaryhmä"),),
            related=("report:oppimisen-seuranta-toiminta-alueet",),
            published_on=(9, 7),
        ),
        model(
            "videoseuranta",
            ACTIVITY_AREAS,
            title="Videoseuranta oppimisen arvioinnissa",
            summary=(
                "Lyhyet videot samasta tilanteesta muutaman viikon välein näyttävät "
                "pienetkin edistysaskeleet. Ohjeet luvista, tallentamisesta ja "
                "säilyttämisestä."
            ),
            body="""## Miksi video

Toiminta-alueittain opiskelevan oppilaan edistys on usein pientä ja hidasta. Video
samasta tilanteesta eri ajankohtina tekee muutoksen näkyväksi oppilaalle, huoltajille
ja opettajalle.

## Näin toimit

- Pyydä huoltajalta kirjallinen lupa kuvaamiseen ja kerro, mihin videoita käytetään.
- Kuvaa sama tilanne, esimerkiksi ruokailu tai siirtyminen, 4–6 viikon välein.
- Tallenna videot koulun hyväksymään palveluun, ei omalle puhelimelle.
- Poista videot, kun niitä ei enää tarvita arviointiin.
""",
            year=2022,
            tags=("video", "arviointi", "toiminta-alueet"),
            sectors=("teacher-education",),
            parties=(author("valteri"),),
            published_on=(5, 16),
        ),
        model(
            "kuvitettu-viikkotaulu",
            ACTIVITY_AREAS,
            language="sv",
            title="Bildstödd veckotavla som stöd för kommunikation",
            summary=(
                "En metod där eleven planerar och följer upp veckan med bilder: stöder "
                "språk och kommunikation, förutsägbarhet och delaktighet."
            ),
            body="""## Så här gör ni

Veckotavlan byggs med bilder för skoldagens moment. Eleven väljer tillsammans med en
vuxen bilderna för dagen och flyttar dem när ett moment är klart.

## Vad metoden stöder

- språk och kommunikation: eleven benämner eller pekar på momenten,
- sociala färdigheter: turtagning och gemensamma beslut,
- kognitiva färdigheter: tidsuppfattning och ordningsföljd.

## Uppföljning

Anteckna varje vecka hur mycket vägledning eleven behövde.
""",
            year=2023,
            tags=("bildstöd", "kommunikation", "verksamhetsområden"),
            sectors=("teacher-education", "early-childhood"),
            levels=(ECEC, PRE_PRIMARY, BASIC),
            parties=(author("university:905"),),
            other_titles={"fi": "Kuvitettu viikkotaulu kommunikaation tukena"},
            published_on=(10, 24),
        ),
        model(
            "aloituspalaveri-sijaishuolto",
            PLACED,
            title="Koulun ja sijaishuollon aloituspalaveri",
            summary=(
                "Palaverimalli sijoitetun oppilaan koulunkäynnin alkuun: osallistujat, "
                "asialista ja sopimukset, jotka kirjataan ensimmäisen viikon aikana."
            ),
            body="""## Osallistujat

Oppilas, sijaishuoltopaikan edustaja, sosiaalityöntekijä, opettaja, tarvittaessa
erityisopettaja, kuraattori tai psykologi ja huoltajat.

## Asialista

1. Oppilaan oma näkemys: mikä koulussa on sujunut, mikä jännittää.
2. Koulupäivän rakenne, kuljetukset ja välitunnit.
3. Tuki ja opetusjärjestelyt aiemman koulun tietojen pohjalta.
4. Yhteydenpito: kuka kertoo kenelle ja millä tavalla.
5. Seurantapalaverin ajankohta.
""",
            year=2022,
            tags=("aloituspalaveri", "sijoitetut lapset", "sijaishuolto"),
            sectors=("child-protection", "pupil-welfare"),
            parties=(author("state-reform-school:KYS"),),
            related=("info-brief:tiedonkulku-sijoituksen-alkaessa",),
            published_on=(6, 9),
        ),
        model(
            "yksi-aikuinen",
            PLACED,
            title="Yksi aikuinen – nimetty yhdyshenkilö sijoitetulle oppilaalle",
            summary=(
                "Koulu nimeää sijoitetulle oppilaalle aikuisen, joka tuntee oppilaan "
                "tilanteen, pitää yhteyttä sijaishuoltoon ja on oppilaan tavoitettavissa "
                "joka päivä."
            ),
            body="""## Miksi

Sijoitetuilla lapsilla on usein takanaan monta aikuisten vaihdosta. Pysyvä, nimetty
aikuinen koulussa lisää turvallisuutta ja ehkäisee poissaoloja.

## Tehtävät

- lyhyt kuulumisten vaihto joka aamu tai ennalta sovittuina päivinä,
- yhteydenpito sijaishuoltopaikkaan ja sosiaalityöntekijään,
- huolehtiminen siitä, että tuki toteutuu kaikilla oppitunneilla.
""",
            year=2024,
            tags=("sijoitetut lapset", "turvallinen aikuinen"),
            sectors=("child-protection", "rector"),
            parties=(author(name="VIP-verkoston sijoitettujen lasten teemaryhmä"),),
            status="review",
            published_on=(9, 30),
        ),
        model(
            "ennakoiva-luokanhallinta",
            BEHAVIOUR,
            title="Ennakoiva luokanhallinta ja rauhoittumisen tila",
            summary=(
                "Menetelmä käytöksellään oireilevan oppilaan tukemiseen luokassa: "
                "ennakoitavat rutiinit, sovitut merkit ja rauhoittumisen tila, jota "
                "käytetään tukena eikä rangaistuksena."
            ),
            body="""## Ennakointi

Useimmat kuohahdukset voidaan ennakoida. Opettaja kirjaa kahden viikon ajan, missä
tilanteissa oppilaan käytös kiristyy, ja muuttaa niitä: siirtymät, odottaminen ja
yllättävät muutokset ovat tavallisia laukaisijoita.

## Sovitut merkit

Oppilaan kanssa sovitaan merkki, jolla hän voi pyytää taukoa, ja merkki, jolla
aikuinen ehdottaa sitä.

## Rauhoittumisen tila

Tila on rauhallinen ja turvallinen, ja aikuinen on lähellä. Tilaan mennään sovitusti, ei
rangaistuksena, ja paluusta luokkaan sovitaan etukäteen.
""",
            year=2021,
            tags=("luokanhallinta", "haastava käyttäytyminen", "ennakointi"),
            sectors=("rector", "teacher-education"),
            parties=(author("elmeri:091"),),
            published_on=(10, 19),
        ),
        model(
            "uhkatilanteiden-jalkipuinti",
            BEHAVIOUR,
            title="Uhkatilanteiden jälkipuinti ja koulun turvallisuussuunnitelma",
            summary=(
                "Miten uhka- tai väkivaltatilanne käydään läpi oppilaan, henkilöstön ja "
                "huoltajien kanssa, ja miten havainnot viedään koulun "
                "turvallisuussuunnitelmaan."
            ),
            body="""## Heti tilanteen jälkeen

Huolehditaan kaikkien turvallisuudesta ja ensiavusta. Tilanne kirjataan samana päivänä
koulun lomakkeelle.

## Jälkipuinti

- henkilöstön kanssa: mitä tapahtui, mikä auttoi, mitä teemme toisin,
- oppilaan kanssa rauhallisessa hetkessä: mitä tilanteessa tapahtui hänen näkökulmastaan,
- huoltajien kanssa: tapahtumat ja seuraavat askeleet.

## Turvallisuussuunnitelma

Toistuvat tilanteet kertovat, mitä koulun turvallisuussuunnitelmassa pitää päivittää.
""",
            year=2023,
            tags=("uhkatilanteet", "turvallisuus", "jälkipuinti"),
            sectors=("rector", "pupil-welfare"),
            parties=(author("state-reform-school:OYS"),),
            published_on=(4, 25),
        ),
        model(
            "check-in-check-out",
            BEHAVIOUR,
            title="Check in – check out: päivittäinen palaute käyttäytymisen tukena",
            summary=(
                "Kohdennetun tuen menetelmä: oppilas hakee aamulla tavoitekortin, saa "
                "palautteen jokaisen oppitunnin jälkeen ja käy päivän läpi aikuisen kanssa."
            ),
            body="""## Kulku

1. Aamulla oppilas hakee kortin, jossa on kolme myönteisesti muotoiltua tavoitetta.
2. Jokaisen oppitunnin jälkeen opettaja merkitsee, miten tavoitteet toteutuivat.
3. Päivän päätteeksi oppilas ja aikuinen käyvät kortin läpi, ja kortti viedään kotiin.

## Milloin

Menetelmä on tarkoitettu oppilaille, joille kaikille yhteinen tuki ei riitä mutta
tilanne ei vielä vaadi yksilöllistä, tehostettua tukea.
""",
            year=2024,
            tags=("käyttäytymisen tuki", "palaute", "kohdennettu tuki"),
            sectors=("teacher-education", "rector"),
            parties=(author("university:179"),),
            published_on=(1, 15),
        ),
        model(
            "samarbete-hem-skola",
            BEHAVIOUR,
            language="sv",
            title="Samarbete mellan hem och skola när ett barn har utagerande beteende",
            summary=(
                "En modell för regelbundna, korta möten mellan vårdnadshavare och skola "
                "där man följer upp gemensamma mål och berättar om det som lyckats."
            ),
            body="""## Principer

Vårdnadshavarna är experter på sitt barn. Mötena är korta, regelbundna och börjar
alltid med det som har gått bra.

## Upplägg

- ett möte var tredje vecka, 30 minuter,
- högst två gemensamma mål åt gången,
- samma ord och tecken hemma och i skolan.
""",
            year=2022,
            tags=("hem och skola", "utagerande beteende"),
            sectors=("pupil-welfare", "rector"),
            parties=(author("university:905"),),
            published_on=(12, 1),
        ),
    ]
