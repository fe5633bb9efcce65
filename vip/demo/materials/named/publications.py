"""The named reports and the placed-children theme group's info briefs."""

from __future__ import annotations

from vip.demo.materials.named.common import (
    ACTIVITY_AREAS,
    BASIC,
    BEHAVIOUR,
    NON_ATTENDANCE,
    OPH,
    OPH_SERIES,
    PLACED,
    PRE_PRIMARY,
    VIP_NETWORK,
    author,
    publisher,
)
from vip.demo.materials.plans import NamedItem


def reports() -> list[NamedItem]:
    return [
        NamedItem(
            key="report:kouluakaymattomyys-2020",
            kind="report",
            language="fi",
            title="Kouluakäymättömyys Suomessa – tilannekatsaus 2020",
            other_titles={
                "sv": "Elever som inte går i skolan i Finland – lägesöversikt 2020",
                "en": "School non-attendance in Finland – situation survey 2020",
            },
            summary=(
                "Tilannekatsaus kokoaa, mitä kouluakäymättömyydestä ja runsaista "
                "koulupoissaoloista tiedetään suomalaisessa perusopetuksessa. Aineisto "
                "kerättiin kouluille suunnatulla kyselyllä: kuinka monella oppilaalla on "
                "poissaoloja ja kuinka paljon, millaista kehittämistyötä poissaolojen "
                "ehkäisemiseksi tehdään ja millaista tukea koulut toivovat."
            ),
            body="""## Miksi tilannekatsaus tehtiin

Kouluakäymättömyydestä ei ole Suomessa kattavaa tilastotietoa, eikä aiheesta ole
juuri tutkimusta. Vaativan erityisen tuen VIP-verkoston koulua käymättömien
teemaryhmä halusi selvittää, millaisena ilmiö näkyy kouluissa ja millaista tukea
koulut tarvitsevat.

## Miten tietoa kerättiin

Perusopetuksen kouluille lähetettiin kysely, jossa kysyttiin

- kuinka monella oppilaalla on runsaasti poissaoloja ja kuinka paljon poissaoloja kertyy,
- millaista kehittämistyötä poissaolojen ehkäisemiseksi ja niihin puuttumiseksi tehdään,
- millaista tukea ja ohjausta koulut toivovat.

Vastauksia täydennettiin teemaryhmän asiantuntijoiden kuvauksilla toimivista käytännöistä.

## Havaintoja

Koulujen tavat seurata ja kirjata poissaoloja vaihtelevat, joten lukuja on vaikea
verrata keskenään. Monessa koulussa poissaoloihin puututaan, kun ne ovat jo
pitkittyneet. Vastaajat toivoivat yhteisiä toimintamalleja, selkeää työnjakoa
oppilashuollon, sosiaalitoimen ja terveydenhuollon kesken sekä koulutusta
henkilöstölle.

## Jatkotyö

Teemaryhmä ehdottaa, että poissaolojen seurantaan sovitaan yhteiset käsitteet ja että
kunnat määrittelevät poissaolorajat, joiden ylittyessä käynnistetään moniammatillinen
yhteistyö. Katsaus toimii lähtökohtana verkoston suosituksille.
""",
            year=2020,
            themes=(NON_ATTENDANCE,),
            tags=("kouluakäymättömyys", "poissaolot", "kysely", "tilannekatsaus"),
            sectors=("rector", "pupil-welfare", "education-administration"),
            levels=(BASIC,),
            parties=(author(name=f"{VIP_NETWORK}, koulua käymättömien teemaryhmä"), OPH),
            series=OPH_SERIES,
            number="2020:9",
            isbn=True,
            issn=True,
            published_on=(5, 27),
        ),
        NamedItem(
            key="report:kouluakaymattomyys-2020:en",
            kind="report",
            language="en",
            title="School non-attendance in Finland – situation survey 2020",
            other_titles={"fi": "Kouluakäymättömyys Suomessa – tilannekatsaus 2020 (englanniksi)"},
            summary=(
                "The English release of the situation survey on school non-attendance in "
                "Finland (published in Finnish in the agency's series Raportit ja "
                "selvitykset, 2020:9). A survey of schools asked how many pupils are "
                "absent and how much, what development work on absences is going on, "
                "and what support schools would like."
            ),
            body="""## Why the survey was made

There are no national statistics on school non-attendance in Finland, and little
research. The school non-attendance theme group of the VIP network for demanding special
support set out to find how the phenomenon shows in schools and what support they need.

## How the data was collected

Basic-education schools answered a survey on the number of pupils with many absences,
the development work under way to prevent and address absences, and the support and
guidance they would like. Experts of the theme group added descriptions of practices
that work.

## Observations

Schools record absences in different ways, which makes figures hard to compare. Many
schools act only once absences have piled up. Respondents asked for shared operating
models, a clear division of work between pupil welfare, social services and health care,
and training for staff.

## Next steps

The theme group proposes shared concepts for monitoring absences and locally agreed
thresholds that start multi-professional cooperation.
""",
            year=2020,
            themes=(NON_ATTENDANCE,),
            tags=("school non-attendance", "absences", "survey"),
            sectors=("rector", "pupil-welfare", "education-administration"),
            levels=(BASIC,),
            parties=(author(name="VIP network, school non-attendance theme group"), OPH),
            isbn=True,
            original="report:kouluakaymattomyys-2020",
            published_on=(9, 15),
        ),
        NamedItem(
            key="report:vaatu-profiilit-2019",
            kind="report",
            language="fi",
            title=(
                "Sairaalaopetuksen, Elmeri-koulujen ja valtion koulukotien oppilas- ja "
                "opettajaprofiilit 2019"
            ),
            other_titles={
                "sv": "Elev- och lärarprofiler inom sjukhusundervisningen, Elmeriskolorna "
                "och statens skolhem 2019",
                "en": "Pupil and teacher profiles of hospital teaching, Elmeri schools and "
                "state reform schools 2019",
            },
            summary=(
                "Raportti kuvaa vaativan erityisen tuen toimijoiden oppilaita ja "
                "henkilöstöä marraskuun 2019 tilastopäivän tietojen pohjalta: oppilaat "
                "luokka-asteittain, tuen taso, toiminta-alueittain opiskelevat, pidennetty "
                "oppivelvollisuus, osasto- ja avohoidon oppilaat, tulosyyt, uhkatilanteet "
                "sekä henkilöstön koulutus."
            ),
            body="""## Tausta

Sairaalaopetus, Elmeri-koulut, valtion koulukodit ja Valteri muodostavat vaativan
erityisen tuen (Vaatu) toimijoiden verkoston. Toimijat keräävät vuosittain marraskuun
tilastopäivänä yhteiset tiedot oppilaistaan ja henkilöstöstään, jotta palveluja
voidaan suunnitella yhteisen tiedon varassa.

## Kerätyt tiedot

Oppilaista koottiin

- luokka-aste (esiopetus, vuosiluokat 1–9, lisäopetus),
- sukupuoli ja tuen taso,
- toiminta-alueittain järjestetty opetus ja pidennetty oppivelvollisuus,
- osasto- tai avohoidon jakso sairaalaopetuksessa,
- tulosyy ja koulun aikana sattuneet uhkatilanteet.

Henkilöstöstä koottiin kelpoisuus ja täydennyskoulutus, esimerkiksi koulutus
haastavan käyttäytymisen kohtaamiseen.

## Miten tietoja käytetään

Profiilit näyttävät, millaista osaamista vaativa erityinen tuki edellyttää ja missä
koulutustarpeet ovat. Toimijat vertaavat vuosien tietoja keskenään, mutta tulkinnassa
on huomioitava, että yksi tilastopäivä on vain poikkileikkaus.
""",
            year=2021,
            themes=(BEHAVIOUR, PLACED),
            tags=("sairaalaopetus", "Elmeri-koulut", "valtion koulukodit", "tilastopäivä"),
            sectors=("specialised-health-care", "vaatu-chair", "education-administration"),
            levels=(PRE_PRIMARY, BASIC),
            parties=(author("valteri"), author(name="Vaatu-toimijoiden työryhmä"), OPH),
            series=OPH_SERIES,
            number="2021:2",
            isbn=True,
            issn=True,
            published_on=(2, 10),
        ),
        NamedItem(
            key="report:oppimisen-seuranta-toiminta-alueet",
            kind="report",
            language="fi",
            title="Oppimisen seuranta toiminta-alueittain järjestetyssä opetuksessa",
            other_titles={
                "sv": "Uppföljning av lärandet i undervisning ordnad enligt verksamhetsområden",
                "en": "Learning monitoring in teaching organised by activity areas",
            },
            summary=(
                "Selvitys siitä, miten opettajat asettavat tavoitteita ja seuraavat "
                "edistymistä, kun oppilas opiskelee toiminta-alueittain: motoriset "
                "taidot, kieli ja kommunikaatio, sosiaaliset taidot, päivittäisten "
                "toimintojen taidot ja kognitiiviset taidot."
            ),
            body="""## Toiminta-alueet

Oppilaalle, joka ei pysty opiskelemaan yksilöllistettyjäkään oppimääriä, opetus voidaan
järjestää toiminta-alueittain (perusopetuksen opetussuunnitelman perusteet, luku 7.4.6).
Toiminta-alueita on viisi: motoriset taidot, kieli ja kommunikaatio, sosiaaliset taidot,
päivittäisten toimintojen taidot ja kognitiiviset taidot.

## Tavoitteet henkilökohtaisessa suunnitelmassa

Jokaiselle oppilaalle kirjataan henkilökohtaiseen opetuksen järjestämistä koskevaan
suunnitelmaan (HOJKS) tavoitteet, keskeiset sisällöt ja edistymisen arviointi
toiminta-alueittain.

## Miten edistymistä seurataan

Opettajat kertoivat käyttävänsä muun muassa

- havainnointia ja havaintolomakkeita,
- arviointiasteikkoja,
- aikaan sidottua seurantaa (kuinka kauan tai kuinka usein jokin onnistuu),
- valokuvia ja videoita,
- oppilaan itsearviointia kuvien tai kommunikaatiokansion avulla.

Edistymistä on taitojen ja toiminnan paraneminen, ohjaustarpeen väheneminen tai
muuttuminen sekä uudet taidot.

## Kehittämiskohteita

Seurannan välineet ovat usein opettajan itse tekemiä. Yhteiset lomakepohjat ja
esimerkit tavoitteiden kirjaamisesta helpottaisivat arviointia ja tiedonsiirtoa
nivelvaiheissa.
""",
            year=2021,
            themes=(ACTIVITY_AREAS,),
            tags=("toiminta-alueet", "HOJKS", "arviointi", "oppimisen seuranta"),
            sectors=("teacher-education", "rector", "education-administration"),
            levels=(PRE_PRIMARY, BASIC),
            parties=(author(name=f"{VIP_NETWORK}, toiminta-alueiden teemaryhmä"), OPH),
            series=OPH_SERIES,
            number="2021:1",
            isbn=True,
            issn=True,
            published_on=(1, 28),
        ),
        NamedItem(
            key="guide:laajennettu-oppivelvollisuus",
            kind="material",
            language="fi",
            title="Laajennettu oppivelvollisuus ja vaativa erityinen tuki – opas nivelvaiheisiin",
            other_titles={
                "sv": "Den utvidgade läroplikten och krävande särskilt stöd – guide för "
                "övergångarna",
                "en": "Extended compulsory education and demanding special support – a guide "
                "to transitions",
            },
            summary=(
                "Opas opetuksen järjestäjille ja oppilashuollolle siitä, mitä laajennettu "
                "oppivelvollisuus merkitsee vaativaa erityistä tukea tarvitsevalle nuorelle: "
                "jatko-opintojen suunnittelu, ohjaus ja tiedonsiirto perusopetuksen "
                "päättyessä."
            ),
            body="""## Mikä muuttui

Oppivelvollisuus laajeni 1.8.2021 alkaen: se päättyy, kun nuori täyttää 18 vuotta tai
suorittaa sitä ennen toisen asteen tutkinnon. Perusopetuksen päättövaiheessa jokaisen
oppivelvollisen on haettava jatko-opintoihin.

## Vaativaa erityistä tukea tarvitseva oppilas

Pidennetyn oppivelvollisuuden piirissä olevan tai toiminta-alueittain opiskelevan
oppilaan jatkopolku suunnitellaan hyvissä ajoin yhdessä oppilaan, huoltajien ja
tulevan oppilaitoksen kanssa. Vaihtoehtoja ovat muun muassa tutkintokoulutukseen
valmentava koulutus (TUVA) sekä työhön ja itsenäiseen elämään valmentava koulutus
(TELMA).

## Tarkistettavat asiat

1. Oppilaanohjaus ja henkilökohtainen jatko-opintosuunnitelma ovat ajan tasalla.
2. Tuen tarpeesta ja toimivista tukitoimista on sovittu tiedonsiirto huoltajan kanssa.
3. Apuvälineet, avustajapalvelut ja kuljetukset on selvitetty ennen siirtymää.
4. Nuorelle on nimetty ohjauksesta vastaava henkilö myös siirtymän jälkeen.

## Lisätietoa

Opas täydentää Opetushallituksen ja opetus- ja kulttuuriministeriön ohjeita; säädösten
tarkka sisältö tarkistetaan aina voimassa olevasta laista.
""",
            year=2022,
            themes=(ACTIVITY_AREAS,),
            tags=("oppivelvollisuus", "nivelvaihe", "TUVA", "TELMA", "jatko-opinnot"),
            sectors=("rector", "pupil-welfare", "education-administration"),
            levels=(BASIC,),
            parties=(author("valteri"), OPH),
            isbn=True,
            published_on=(3, 14),
        ),
        NamedItem(
            key="book:kun-oppilas-ei-tule-kouluun",
            kind="research",
            language="fi",
            title="Kun oppilas ei tule kouluun – koulua käymättömät oppilaat ja heidän tukensa",
            other_titles={
                "sv": "När eleven inte kommer till skolan – elever som inte går i skolan",
                "en": "When the pupil does not come to school – pupils who do not attend school",
            },
            summary=(
                "Kirja koulua käymättömistä oppilaista: poissaolojen muodot ja taustat, "
                "kartoitusmenetelmät ja porrastettu tuki koulun, oppilashuollon ja "
                "perheen yhteistyönä. Toimitettu VIP-verkoston teemaryhmän työn pohjalta."
            ),
            body="""## Poissaolojen muodot

Kirjassa erotetaan neljä koulunkäynnin ongelman tyyppiä: koulukieltäytyminen
(school refusal), luvaton poissaolo (truancy), huoltajan pitäminen poissa koulusta
(school withdrawal) ja koulusta sulkeminen (school exclusion). Jokainen vaatii
erilaista tukea.

## Poissaolon taustalla

Taustoja kartoitetaan haastatteluin ja arviointimenetelmin, kuten SRAS-R-menetelmällä,
joka kuvaa poissaolon neljää toimintoa: koulun herättämän ahdistuksen välttäminen,
vaikeiden sosiaalisten tai arviointitilanteiden välttäminen, huomion hakeminen sekä
koulun ulkopuolisten palkkioiden tavoittelu. Menetelmän osioiden tekstejä ei julkaista
kirjassa.

## Porrastettu tuki

Tukea kuvataan kolmella tasolla: kaikille yhteinen ennaltaehkäisy, kohdennettu tuki
riskissä oleville oppilaille ja tehostettu, yksilöllinen tuki, johon osallistuvat
tarvittaessa myös sosiaali- ja terveydenhuolto.

## Kenelle

Opettajille, rehtoreille, oppilashuollon henkilöstölle ja opettajankoulutukseen.
""",
            year=2023,
            themes=(NON_ATTENDANCE,),
            tags=("kouluakäymättömyys", "SRAS-R", "koulukieltäytyminen", "porrastettu tuki"),
            sectors=("pupil-welfare", "teacher-education", "university-research"),
            levels=(BASIC,),
            parties=(
                author(name=f"{VIP_NETWORK}, koulua käymättömien teemaryhmä (toim.)"),
                publisher("university:837"),
            ),
            isbn=True,
            published_on=(10, 2),
        ),
    ]


def info_briefs() -> list[NamedItem]:
    """The placed-children theme group's info briefs (tietoiskut), readable articles."""
    common = {
        "kind": "info_brief",
        "themes": (PLACED,),
        "sectors": ("child-protection", "pupil-welfare", "rector"),
        "levels": (BASIC,),
        "parties": (author(name=f"{VIP_NETWORK}, sijoitettujen lasten teemaryhmä"), OPH),
        "series": "VIP-verkoston tietoiskuja",
    }
    return [
        NamedItem(
            key="info-brief:sijoitetun-lapsen-koulunkaynti",
            language="fi",
            title="Tietoisku: Sijoitetun lapsen koulunkäynti – kuka vastaa mistäkin?",
            other_titles={"en": "Info brief: The schooling of a placed child – who does what?"},
            summary=(
                "Kun lapsi sijoitetaan kodin ulkopuolelle, koulu usein vaihtuu. Tietoisku "
                "kokoaa, miten vastuu opetuksesta, tuesta ja tiedonkulusta jakautuu "
                "sijoituksen aikana."
            ),
            body="""## Lähtökohta

Sijoitus on lapselle suuri muutos, ja koulu voi olla arjen tärkein pysyvä asia. Siksi
koulunkäynnin jatkuvuus suunnitellaan heti sijoituksen alussa.

## Kuka järjestää opetuksen?

Perusopetuksen järjestää pääsääntöisesti sen kunnan opetuksen järjestäjä, jossa lapsi
sijoituksen aikana asuu. Lapsen asioista vastaava sosiaalityöntekijä, sijaishuoltopaikka
ja koulu sopivat yhdessä, miten koulunkäynti alkaa.

## Tuki ja tiedonkulku

- Aiempi koulu siirtää tuen kannalta tarpeelliset tiedot uudelle koululle.
- Uusi koulu arvioi tuen tarpeen viipymättä eikä odota tietojen täydentymistä.
- Huoltajien ja lapsen näkemykset kuullaan, vaikka lapsi asuu muualla.

## Muista

Jokaiselle sijoitetulle oppilaalle kannattaa nimetä koulusta yksi aikuinen, joka pitää
yhteyttä sijaishuoltopaikkaan ja sosiaalityöntekijään.
""",
            year=2021,
            tags=("sijoitetut lapset", "lastensuojelu", "tiedonsiirto"),
            number="1/2021",
            published_on=(4, 20),
            **common,  # type: ignore[arg-type]
        ),
        NamedItem(
            key="info-brief:sijoitetun-lapsen-koulunkaynti:sv",
            language="sv",
            title="Faktablad: Placerade barns skolgång – vem ansvarar för vad?",
            summary=(
                "När ett barn placeras utanför hemmet byter det ofta skola. Faktabladet "
                "beskriver hur ansvaret för undervisning, stöd och informationsgång "
                "fördelas under placeringen."
            ),
            body="""## Utgångspunkt

En placering är en stor förändring för barnet, och skolan kan vara det viktigaste som
består i vardagen. Därför planeras skolgången redan när placeringen börjar.

## Vem ordnar undervisningen?

Den grundläggande utbildningen ordnas i regel av utbildningsanordnaren i den kommun där
barnet bor under placeringen. Socialarbetaren, placeringsplatsen och skolan kommer
överens om hur skolgången börjar.

## Stöd och information

- Den tidigare skolan för över de uppgifter som behövs för stödet.
- Den nya skolan bedömer stödbehovet utan dröjsmål.
- Vårdnadshavarnas och barnets synpunkter hörs.

## Kom ihåg

Utse en vuxen i skolan som håller kontakt med placeringsplatsen och socialarbetaren.
""",
            year=2021,
            tags=("placerade barn", "barnskydd"),
            number="1/2021",
            original="info-brief:sijoitetun-lapsen-koulunkaynti",
            published_on=(5, 4),
            **common,  # type: ignore[arg-type]
        ),
        NamedItem(
            key="info-brief:tiedonkulku-sijoituksen-alkaessa",
            language="fi",
            title="Tietoisku: Tiedonkulku koulun ja lastensuojelun välillä sijoituksen alkaessa",
            summary=(
                "Mitä tietoja koulu tarvitsee, kun sijoitettu oppilas aloittaa, ja miten "
                "tiedot siirtyvät turvallisesti? Tietoisku käy läpi ensimmäiset viikot."
            ),
            body="""## Ensimmäinen viikko

Aloituspalaverissa ovat mukana oppilas, sijaishuoltopaikan edustaja, lapsen asioista
vastaava sosiaalityöntekijä, luokanopettaja tai luokanvalvoja ja tarvittaessa
erityisopettaja ja koulukuraattori. Palaverissa sovitaan koulupäivän pituus,
kuljetukset ja yhteydenpidon tavat.

## Mitä tietoa tarvitaan

Koulu tarvitsee tiedot, jotka ovat välttämättömiä opetuksen ja tuen järjestämiseksi:
aiemmat tukitoimet, opetussuunnitelmaan liittyvät päätökset ja terveydelliset seikat,
joista oppilas tai huoltaja on antanut luvan kertoa. Lastensuojelun asiakirjoja ei
siirretä kouluun kokonaisuudessaan.

## Kun tieto ei kulje

Jos tietoja ei saada, koulu aloittaa opetuksen ja arvioi tuen tarpeen itse. Oppilaan
koulunkäynti ei saa viivästyä tiedonsiirron vuoksi.
""",
            year=2022,
            tags=("sijoitetut lapset", "tiedonsiirto", "aloituspalaveri"),
            number="2/2022",
            related=("info-brief:sijoitetun-lapsen-koulunkaynti",),
            published_on=(1, 18),
            **common,  # type: ignore[arg-type]
        ),
        NamedItem(
            key="info-brief:koulukodista-omaan-kouluun",
            language="fi",
            title="Tietoisku: Valtion koulukodin koulusta takaisin omaan kouluun",
            other_titles={"en": "Info brief: From a state reform school back to the home school"},
            summary=(
                "Paluu valtion koulukodin koulusta kotikunnan kouluun onnistuu, kun se "
                "valmistellaan yhdessä. Tietoisku kuvaa paluun vaiheet ja vastuut."
            ),
            body="""## Paluu alkaa ennen lähtöä

Valtion koulukodin koulu, sosiaalityöntekijä ja vastaanottava koulu aloittavat paluun
suunnittelun hyvissä ajoin. Oppilas voi tutustua uuteen kouluun vähitellen, ensin
lyhyillä käynneillä aikuisen kanssa.

## Mitä vastaanottava koulu tarvitsee

- kuvauksen oppilaalle toimivista opetusjärjestelyistä ja tukitoimista,
- tiedon siitä, mitkä tilanteet ovat oppilaalle kuormittavia ja miten niitä ennakoidaan,
- nimetyn yhteyshenkilön koulukodin koulusta paluun jälkeisiksi kuukausiksi.

## Ensimmäiset kuukaudet

Seurantapalaverit sovitaan etukäteen, esimerkiksi kahden viikon ja kahden kuukauden
kohdalle. Jos koulunkäynti alkaa takkuilla, tuki lisätään nopeasti eikä odoteta
seuraavaa palaveria.
""",
            year=2023,
            tags=("valtion koulukodit", "nivelvaihe", "paluu kouluun"),
            number="3/2023",
            published_on=(8, 29),
            **common,  # type: ignore[arg-type]
        ),
        NamedItem(
            key="info-brief:sijaishuoltopaikka-ja-koulu",
            language="fi",
            title="Tietoisku: Sijaishuoltopaikan ja koulun yhteistyö arjessa",
            summary=(
                "Arjen yhteistyö sijaishuoltopaikan ja koulun välillä: läksyt, "
                "poissaolot, vanhempainillat ja viestintä, kun lapsen asioista "
                "päättävät useat aikuiset."
            ),
            body="""## Kuka on yhteydessä kouluun?

Sijaishuoltopaikan ohjaaja hoitaa koulun arkiasiat, kuten poissaoloilmoitukset ja
läksyjen seurannan. Huoltajuus ei siirry sijoituksessa, joten huoltajien kanssa sovitaan,
mistä asioista heille kerrotaan suoraan.

## Poissaolot

Sijoitetun oppilaan poissaoloihin reagoidaan samoin kuin muidenkin: poissaolot
kirjataan, syyt selvitetään ja tarvittaessa kutsutaan koolle moniammatillinen
palaveri. Sijaishuoltopaikka ja koulu sopivat, kumpi ilmoittaa sosiaalityöntekijälle.

## Hyvä käytäntö

Lyhyt viikkoviesti koulusta sijaishuoltopaikkaan kertoo sekä onnistumisista että
huolista. Se vähentää väärinkäsityksiä ja antaa lapselle kokemuksen, että aikuiset
toimivat yhdessä.

## Kun huoli kasvaa

Jos koulunkäynti alkaa vaikeutua, koulu ja sijaishuoltopaikka eivät jää odottamaan
seuraavaa suunniteltua tapaamista. Opettaja kertoo havainnoistaan ohjaajalle, ja
yhdessä sovitaan, kutsutaanko koolle palaveri, jossa ovat mukana myös
sosiaalityöntekijä ja oppilashuolto.
""",
            year=2024,
            tags=("sijoitetut lapset", "sijaishuolto", "kodin ja koulun yhteistyö"),
            number="4/2024",
            related=("info-brief:tiedonkulku-sijoituksen-alkaessa",),
            published_on=(2, 6),
            **common,  # type: ignore[arg-type]
        ),
        NamedItem(
            key="info-brief:nivelvaiheet-draft",
            language="fi",
            title="Tietoisku: Sijoitetun nuoren siirtyminen toiselle asteelle (luonnos)",
            summary=(
                "Luonnos: miten sijoitetun nuoren jatko-opinnot suunnitellaan, kun "
                "perusopetus päättyy kesken sijoituksen."
            ),
            body="""## Luonnos

Teemaryhmä kokoaa tähän tietoiskuun kokemuksia nivelvaiheesta. Tekstiä täydennetään
syksyn tapaamisen jälkeen.
""",
            year=2026,
            tags=("sijoitetut lapset", "nivelvaihe"),
            status="draft",
            published_on=(11, 1),
            **common,  # type: ignore[arg-type]
        ),
    ]
