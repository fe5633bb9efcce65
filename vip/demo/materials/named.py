"""The materials the network's documents name, and the demo's showcase items.

The publications (domain §3): the situation survey "Kouluakäymättömyys Suomessa" (OPH
Raportit ja selvitykset 2020:9) and its English release; the pupil and teacher profiles
of hospital teaching, Elmeri schools and state reform schools (statistics day 2019, OPH
2021:2); learning monitoring in activity-area teaching (OPH 2021:1); a guide on extended
compulsory education; a book on pupils who do not attend school. Around them: the
placed-children theme group's info briefs, models and methods of each theme, a checklist,
recordings of demo events, news, and a few drafts and items in review.

The texts describe what such publications cover and are written for the demo; they
quote no figures as findings (where a report is about numbers, the text says what was
collected, not what came out). Authors are organisations or working groups, never
invented people presented as a real publication's authors; ISBNs and ISSNs are
synthetic with valid check digits (``identifiers``).
"""

from __future__ import annotations

from vip.demo.materials.plans import NamedItem, Party

NON_ATTENDANCE = "school-non-attendance"
ACTIVITY_AREAS = "activity-area-teaching"
PLACED = "children-placed-outside-home"
BEHAVIOUR = "behavioural-symptoms"

ECEC = "early-childhood-education"
PRE_PRIMARY = "pre-primary-education"
BASIC = "basic-education"

OPH_SERIES = "Opetushallitus. Raportit ja selvitykset"
VIP_NETWORK = "Vaativan erityisen tuen VIP-verkosto"


def author(org_key: str = "", name: str = "") -> Party:
    return Party("author", org_key, name)


def publisher(org_key: str = "", name: str = "") -> Party:
    return Party("publisher", org_key, name)


OPH = publisher("oph")


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


def named_items() -> list[NamedItem]:
    """In an order in which every item comes after those it refers to."""
    return [
        *reports(),
        *info_briefs(),
        *models_and_methods(),
        *checklists(),
        *recordings(),
        *news(),
    ]
