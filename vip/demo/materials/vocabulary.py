"""Domain vocabulary for the synthetic materials: Finnish nouns in their inflected forms,
the compounds they make, sentence and title patterns, and some Swedish and English.

Finnish is written out form by form rather than generated: a head noun's eleven forms
(nominative, genitive, partitive, inessive, elative, illative, adessive, allative, and
plural genitive, partitive and inessive) with consonant gradation as the language has
it (tuki / tuen / tuessa, luokka / luokalla, lapsi / lasten). A compound is a modifier
glued to a head's forms (erityis + opettajalle = erityisopettajalle), so the texts hold
the inflected compounds a search must see through. Swedish nouns come with their
definite forms (skolan, frånvaron). Every pattern's slots name the form they need:
``{a.gen}`` is the genitive of the first drawn noun phrase.
"""

from __future__ import annotations

# The forms a pattern may ask for, in the order the strings below list them.
CASES = ("nom", "gen", "par", "ine", "ela", "ill", "ade", "all", "pgen", "ppar", "pine")

# head forms | compound modifiers ("" = the head alone) | themes it is typical of
HEADS_FI: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "opetus opetuksen opetusta opetuksessa opetuksesta opetukseen opetuksella opetukselle "
        "opetusten opetuksia opetuksissa",
        ("", "erityis", "sairaala", "perus", "esi", "tuki", "etä", "lähi", "pienryhmä"),
        ("activity-area-teaching",),
    ),
    (
        "opettaja opettajan opettajaa opettajassa opettajasta opettajaan opettajalla "
        "opettajalle opettajien opettajia opettajissa",
        ("", "erityis", "luokan", "aine", "sairaala", "resurssi", "erityisluokan"),
        (),
    ),
    (
        "suunnitelma suunnitelman suunnitelmaa suunnitelmassa suunnitelmasta suunnitelmaan "
        "suunnitelmalla suunnitelmalle suunnitelmien suunnitelmia suunnitelmissa",
        ("oppimis", "opetus", "turvallisuus", "tuki", "kuntoutus", "asiakas", "hoito"),
        ("activity-area-teaching",),
    ),
    (
        "poissaolo poissaolon poissaoloa poissaolossa poissaolosta poissaoloon poissaololla "
        "poissaololle poissaolojen poissaoloja poissaoloissa",
        ("", "koulu", "sairaus"),
        ("school-non-attendance",),
    ),
    (
        "huolto huollon huoltoa huollossa huollosta huoltoon huollolla huollolle huoltojen "
        "huoltoja huolloissa",
        ("oppilas", "sijais", "kouluterveyden", "opiskelu"),
        ("children-placed-outside-home",),
    ),
    (
        "tuki tuen tukea tuessa tuesta tukeen tuella tuelle tukien tukia tuissa",
        ("", "vertais", "perhe", "ryhmä", "yksilö"),
        (),
    ),
    (
        "kasvatus kasvatuksen kasvatusta kasvatuksessa kasvatuksesta kasvatukseen "
        "kasvatuksella kasvatukselle kasvatusten kasvatuksia kasvatuksissa",
        ("varhais", "erityis"),
        (),
    ),
    (
        "ryhmä ryhmän ryhmää ryhmässä ryhmästä ryhmään ryhmällä ryhmälle ryhmien ryhmiä ryhmissä",
        ("pien", "teema", "asiantuntija", "ohjaus", "työ", "opetus", "vertais"),
        (),
    ),
    (
        "luokka luokan luokkaa luokassa luokasta luokkaan luokalla luokalle luokkien luokkia "
        "luokissa",
        ("", "erityis", "pien", "yhdys", "sairaala", "esi"),
        ("activity-area-teaching",),
    ),
    (
        "koulu koulun koulua koulussa koulusta kouluun koululla koululle koulujen kouluja "
        "kouluissa",
        ("", "sairaala", "erityis", "lähi", "perus", "yhtenäis", "harjoittelu"),
        (),
    ),
    (
        "koulukoti koulukodin koulukotia koulukodissa koulukodista koulukotiin koulukodilla "
        "koulukodille koulukotien koulukoteja koulukodeissa",
        ("",),
        ("children-placed-outside-home", "behavioural-symptoms"),
    ),
    (
        "malli mallin mallia mallissa mallista malliin mallilla mallille mallien malleja malleissa",
        ("toiminta", "yhteistyö", "tuki", "konsultaatio", "palvelu", "ohjaus"),
        (),
    ),
    (
        "arviointi arvioinnin arviointia arvioinnissa arvioinnista arviointiin arvioinnilla "
        "arvioinnille arviointien arviointeja arvioinneissa",
        ("", "itse", "alku", "vertais", "kokonais"),
        ("activity-area-teaching",),
    ),
    (
        "palaveri palaverin palaveria palaverissa palaverista palaveriin palaverilla "
        "palaverille palaverien palavereja palavereissa",
        ("aloitus", "seuranta", "verkosto", "yhteistyö", "oppilashuolto"),
        ("school-non-attendance", "children-placed-outside-home"),
    ),
    (
        "yhteistyö yhteistyön yhteistyötä yhteistyössä yhteistyöstä yhteistyöhön yhteistyöllä "
        "yhteistyölle yhteistöiden yhteistöitä yhteistöissä",
        ("", "verkosto", "alue", "kunta"),
        (),
    ),
    (
        "verkosto verkoston verkostoa verkostossa verkostosta verkostoon verkostolla "
        "verkostolle verkostojen verkostoja verkostoissa",
        ("", "yhteistyö", "asiantuntija", "tuki"),
        (),
    ),
    (
        "käynti käynnin käyntiä käynnissä käynnistä käyntiin käynnillä käynnille käyntien "
        "käyntejä käynneissä",
        ("koulun", "koti", "tutustumis"),
        ("school-non-attendance",),
    ),
    (
        "ohjaaja ohjaajan ohjaajaa ohjaajassa ohjaajasta ohjaajaan ohjaajalla ohjaajalle "
        "ohjaajien ohjaajia ohjaajissa",
        ("koulunkäynnin", "nuoriso", "perhe", "opinto"),
        (),
    ),
    (
        "avustaja avustajan avustajaa avustajassa avustajasta avustajaan avustajalla "
        "avustajalle avustajien avustajia avustajissa",
        ("koulunkäynti", "luokka-", "ryhmä"),
        ("activity-area-teaching",),
    ),
    (
        "selvitys selvityksen selvitystä selvityksessä selvityksestä selvitykseen "
        "selvityksellä selvitykselle selvitysten selvityksiä selvityksissä",
        ("", "tilanne", "esi", "tausta"),
        (),
    ),
    (
        "kysely kyselyn kyselyä kyselyssä kyselystä kyselyyn kyselyllä kyselylle kyselyjen "
        "kyselyjä kyselyissä",
        ("arviointi", "palaute", "oppilas", "huoltaja", "henkilöstö"),
        ("school-non-attendance",),
    ),
    (
        "seuranta seurannan seurantaa seurannassa seurannasta seurantaan seurannalla "
        "seurannalle seurantojen seurantoja seurannoissa",
        ("", "poissaolo", "video", "jatko"),
        ("school-non-attendance", "activity-area-teaching"),
    ),
    (
        "jakso jakson jaksoa jaksossa jaksosta jaksoon jaksolla jaksolle jaksojen jaksoja "
        "jaksoissa",
        ("hoito", "osasto", "arviointi", "tutustumis", "sijoitus"),
        ("behavioural-symptoms",),
    ),
    (
        "polku polun polkua polussa polusta polkuun polulla polulle polkujen polkuja poluissa",
        ("koulu", "palvelu", "opinto", "hoito"),
        (),
    ),
    (
        "koulutus koulutuksen koulutusta koulutuksessa koulutuksesta koulutukseen "
        "koulutuksella koulutukselle koulutusten koulutuksia koulutuksissa",
        ("täydennys", "opettajan", "perehdytys"),
        (),
    ),
    (
        "tavoite tavoitteen tavoitetta tavoitteessa tavoitteesta tavoitteeseen tavoitteella "
        "tavoitteelle tavoitteiden tavoitteita tavoitteissa",
        ("", "oppimis", "kuntoutus", "kasvatus"),
        ("activity-area-teaching",),
    ),
    (
        "taito taidon taitoa taidossa taidosta taitoon taidolla taidolle taitojen taitoja "
        "taidoissa",
        ("vuorovaikutus", "tunne", "kommunikaatio", "arki", "opiskelu"),
        ("activity-area-teaching", "behavioural-symptoms"),
    ),
    (
        "kyky kyvyn kykyä kyvyssä kyvystä kykyyn kyvyllä kyvylle kykyjen kykyjä kyvyissä",
        ("toiminta", "oppimis", "keskittymis"),
        ("activity-area-teaching",),
    ),
    (
        "lapsi lapsen lasta lapsessa lapsesta lapseen lapsella lapselle lasten lapsia lapsissa",
        ("", "koulu", "sijais"),
        ("children-placed-outside-home",),
    ),
    (
        "nuori nuoren nuorta nuoressa nuoresta nuoreen nuorella nuorelle nuorten nuoria nuorissa",
        ("",),
        ("behavioural-symptoms",),
    ),
    (
        "oppilas oppilaan oppilasta oppilaassa oppilaasta oppilaaseen oppilaalla oppilaalle "
        "oppilaiden oppilaita oppilaissa",
        ("", "sairaala"),
        (),
    ),
    (
        "huoltaja huoltajan huoltajaa huoltajassa huoltajasta huoltajaan huoltajalla "
        "huoltajalle huoltajien huoltajia huoltajissa",
        ("",),
        ("school-non-attendance",),
    ),
    (
        "kunta kunnan kuntaa kunnassa kunnasta kuntaan kunnalla kunnalle kuntien kuntia kunnissa",
        ("koti", "sijainti"),
        ("children-placed-outside-home",),
    ),
    (
        "alue alueen aluetta alueessa alueesta alueeseen alueella alueelle alueiden alueita "
        "alueissa",
        ("yhteistyö", "hyvinvointi", "toiminta", "erityisvastuu"),
        ("activity-area-teaching",),
    ),
    (
        "työntekijä työntekijän työntekijää työntekijässä työntekijästä työntekijään "
        "työntekijällä työntekijälle työntekijöiden työntekijöitä työntekijöissä",
        ("sosiaali", "perhe", "nuoriso"),
        ("children-placed-outside-home",),
    ),
    (
        "psykologi psykologin psykologia psykologissa psykologista psykologiin psykologilla "
        "psykologille psykologien psykologeja psykologeissa",
        ("koulu", "neuro"),
        ("behavioural-symptoms",),
    ),
    (
        "kuraattori kuraattorin kuraattoria kuraattorissa kuraattorista kuraattoriin "
        "kuraattorilla kuraattorille kuraattorien kuraattoreita kuraattoreissa",
        ("koulu",),
        ("school-non-attendance",),
    ),
    (
        "rehtori rehtorin rehtoria rehtorissa rehtorista rehtoriin rehtorilla rehtorille "
        "rehtorien rehtoreita rehtoreissa",
        ("", "apulais"),
        (),
    ),
    (
        "konsultaatio konsultaation konsultaatiota konsultaatiossa konsultaatiosta "
        "konsultaatioon konsultaatiolla konsultaatiolle konsultaatioiden konsultaatioita "
        "konsultaatioissa",
        ("", "etä"),
        ("behavioural-symptoms",),
    ),
    (
        "käyttäytyminen käyttäytymisen käyttäytymistä käyttäytymisessä käyttäytymisestä "
        "käyttäytymiseen käyttäytymisellä käyttäytymiselle käyttäytymisten käyttäytymisiä "
        "käyttäytymisissä",
        ("",),
        ("behavioural-symptoms",),
    ),
    (
        "ahdistus ahdistuksen ahdistusta ahdistuksessa ahdistuksesta ahdistukseen "
        "ahdistuksella ahdistukselle ahdistusten ahdistuksia ahdistuksissa",
        ("", "koulu", "ero"),
        ("school-non-attendance",),
    ),
    (
        "kuntoutus kuntoutuksen kuntoutusta kuntoutuksessa kuntoutuksesta kuntoutukseen "
        "kuntoutuksella kuntoutukselle kuntoutusten kuntoutuksia kuntoutuksissa",
        ("", "neuro", "perhe"),
        ("behavioural-symptoms",),
    ),
    (
        "suojelu suojelun suojelua suojelussa suojelusta suojeluun suojelulla suojelulle "
        "suojelujen suojeluja suojeluissa",
        ("lasten",),
        ("children-placed-outside-home",),
    ),
    (
        "sijoitus sijoituksen sijoitusta sijoituksessa sijoituksesta sijoitukseen "
        "sijoituksella sijoitukselle sijoitusten sijoituksia sijoituksissa",
        ("",),
        ("children-placed-outside-home",),
    ),
    (
        "hoito hoidon hoitoa hoidossa hoidosta hoitoon hoidolla hoidolle hoitojen hoitoja "
        "hoidoissa",
        ("osasto", "avo", "erikoissairaan"),
        ("behavioural-symptoms",),
    ),
    (
        "yksikkö yksikön yksikköä yksikössä yksiköstä yksikköön yksiköllä yksikölle "
        "yksiköiden yksiköitä yksiköissä",
        ("varhaiskasvatus", "opetus", "osasto"),
        (),
    ),
    (
        "suositus suosituksen suositusta suosituksessa suosituksesta suositukseen "
        "suosituksella suositukselle suositusten suosituksia suosituksissa",
        ("", "laatu"),
        ("school-non-attendance",),
    ),
    (
        "lomake lomakkeen lomaketta lomakkeessa lomakkeesta lomakkeeseen lomakkeella "
        "lomakkeelle lomakkeiden lomakkeita lomakkeissa",
        ("havainto", "arviointi", "ilmoitus", "suostumus"),
        ("activity-area-teaching",),
    ),
    (
        "päätös päätöksen päätöstä päätöksessä päätöksestä päätökseen päätöksellä "
        "päätökselle päätösten päätöksiä päätöksissä",
        ("tuki", "hallinto", "sijoitus"),
        (),
    ),
]

# Multi-word terms of the field, in the same eleven forms.
PHRASES_FI: list[tuple[str, tuple[str, ...]]] = [
    (
        "vaativa erityinen tuki|vaativan erityisen tuen|vaativaa erityistä tukea|"
        "vaativassa erityisessä tuessa|vaativasta erityisestä tuesta|vaativaan erityiseen "
        "tukeen|vaativalla erityisellä tuella|vaativalle erityiselle tuelle|vaativien "
        "erityisten tukien|vaativia erityisiä tukia|vaativissa erityisissä tuissa",
        (),
    ),
    (
        "moniammatillinen yhteistyö|moniammatillisen yhteistyön|moniammatillista yhteistyötä|"
        "moniammatillisessa yhteistyössä|moniammatillisesta yhteistyöstä|moniammatilliseen "
        "yhteistyöhön|moniammatillisella yhteistyöllä|moniammatilliselle yhteistyölle|"
        "moniammatillisten yhteistöiden|moniammatillisia yhteistöitä|moniammatillisissa "
        "yhteistöissä",
        (),
    ),
    (
        "toiminta-alueittain järjestetty opetus|toiminta-alueittain järjestetyn opetuksen|"
        "toiminta-alueittain järjestettyä opetusta|toiminta-alueittain järjestetyssä "
        "opetuksessa|toiminta-alueittain järjestetystä opetuksesta|toiminta-alueittain "
        "järjestettyyn opetukseen|toiminta-alueittain järjestetyllä opetuksella|"
        "toiminta-alueittain järjestetylle opetukselle|toiminta-alueittain järjestettyjen "
        "opetusten|toiminta-alueittain järjestettyjä opetuksia|toiminta-alueittain "
        "järjestetyissä opetuksissa",
        ("activity-area-teaching",),
    ),
    (
        "valtion koulukoti|valtion koulukodin|valtion koulukotia|valtion koulukodissa|"
        "valtion koulukodista|valtion koulukotiin|valtion koulukodilla|valtion koulukodille|"
        "valtion koulukotien|valtion koulukoteja|valtion koulukodeissa",
        ("children-placed-outside-home", "behavioural-symptoms"),
    ),
    (
        "pidennetty oppivelvollisuus|pidennetyn oppivelvollisuuden|pidennettyä "
        "oppivelvollisuutta|pidennetyssä oppivelvollisuudessa|pidennetystä "
        "oppivelvollisuudesta|pidennettyyn oppivelvollisuuteen|pidennetyllä "
        "oppivelvollisuudella|pidennetylle oppivelvollisuudelle|pidennettyjen "
        "oppivelvollisuuksien|pidennettyjä oppivelvollisuuksia|pidennetyissä "
        "oppivelvollisuuksissa",
        ("activity-area-teaching",),
    ),
]

SENTENCES_FI = [
    "{a.gen} {b.nom} edellyttää {c.gen} ja {d.gen} tiivistä yhteistyötä.",
    "{a.ine} korostuu {b.gen} merkitys.",
    "Kouluissa kehitetään {a.par} yhdessä {b.gen} kanssa.",
    "{a.pgen} kokemusten perusteella {b.nom} toimii parhaiten, kun se suunnitellaan "
    "yhdessä huoltajien kanssa.",
    "Opettaja kirjaa {a.par} koskevat havainnot {b.ill}.",
    "{a.ade} on tärkeä rooli {b.gen} ja {c.gen} nivelvaiheissa.",
    "Selvityksessä tarkasteltiin {a.par}, {b.par} sekä {c.ppar}.",
    "{a.ine} mukana ovat {b.nom}, {c.nom} ja tarvittaessa {d.nom}.",
    "Lisätietoa {a.ela} saa {b.gen} verkkosivuilta.",
    "{a.ppar} seurataan säännöllisesti, ja {b.nom} arvioidaan lukukausittain.",
    "Erityistä huomiota kiinnitetään {a.ill} ja {b.ill}.",
    "{a.nom} ei yksin riitä, vaan tarvitaan myös {b.par}.",
    "Käytännössä {a.nom} tarkoittaa {b.gen} ja {c.gen} säännöllistä tapaamista.",
    "Monissa {a.pine} {b.nom} on järjestetty {c.gen} yhteyteen.",
    "{a.all} laaditaan kirjallinen {b.nom}, jota päivitetään tarpeen mukaan.",
    "{a.gen} tavoitteena on vahvistaa {b.gen} {c.par}.",
    "Hyvä {a.nom} syntyy, kun {b.nom} ja {c.nom} jakavat tiedon ajoissa.",
    "{a.ela} vastaa {b.nom} yhdessä {c.gen} kanssa.",
    "Aineistossa kuvataan, miten {a.nom} tukee {b.par} arjen tilanteissa.",
    "{a.gen} aikana {b.nom} tapaa {c.par} vähintään kerran kuukaudessa.",
    "Tavoitteet asetetaan yhdessä {a.gen} kanssa ja kirjataan {b.ill}.",
    "{a.ine} on hyödyllistä sopia etukäteen, kuka ottaa yhteyttä {b.ill}.",
    "Vastaajat toivoivat lisää {a.par} ja selkeämpää {b.par}.",
    "{a.nom} vaikuttaa suoraan {b.gen} {c.ill}.",
    "Esimerkkinä mainitaan {a.nom}, jossa {b.nom} on otettu osaksi {c.par}.",
    "Kun {a.nom} pitkittyy, {b.nom} kutsuu koolle {c.gen}.",
]
HEADINGS_FI = [
    "Tausta",
    "Tavoitteet",
    "Käytännön toteutus",
    "Kokemuksia kouluista",
    "Yhteistyö ja työnjako",
    "Arviointi ja seuranta",
    "Lopuksi",
    "Kenelle",
    "Näin edetään",
]
BULLETS_FI = [
    "{a.nom} ja {b.nom}",
    "{a.gen} {b.nom}",
    "yhteistyö {a.gen} kanssa",
    "{a.gen} seuranta",
    "{a.nom} {b.ine}",
]
TITLES_FI = [
    "{a.nom} {b.ine}",
    "{a.gen} {b.nom}",
    "{a.nom} ja {b.nom}",
    "{a.gen} {b.nom} {c.ine}",
    "Näkökulmia {a.ill}",
    "Kohti toimivaa {a.par}",
    "Miten tukea {a.par} {b.ine}?",
    "{a.nom} – {b.gen} {c.nom}",
]
SUMMARIES_FI = [
    "{kind} käsittelee {a.par} ja {b.par} {c.ine}.",
    "{kind} kokoaa tietoa {a.ela} ja kuvaa, miten {b.nom} toteutuu käytännössä.",
    "{kind} on tarkoitettu {a.all}, joka työskentelee {b.gen} parissa.",
    "{kind} esittelee {a.gen} ja {b.gen} yhteistyötä sekä {c.gen} kehittämistä.",
]
# How the summaries name each kind.
KIND_WORDS_FI = {
    "model": "Toimintamalli",
    "research": "Tutkimus",
    "material": "Opas",
    "checklist": "Tarkistuslista",
    "info_brief": "Tietoisku",
    "report": "Selvitys",
    "recording": "Tallenne",
    "news": "Uutinen",
}
TITLE_PREFIX_FI = {
    "info_brief": "Tietoisku: ",
    "checklist": "Tarkistuslista: ",
    "recording": "Tallenne: ",
}
TITLE_SUFFIX_FI = {
    "report": " – selvitys {year}",
    "material": " – opas",
    "model": " – toimintamalli",
}

# Swedish: (indefinite, definite) forms; the compounds are written as Swedish writes them.
NOUNS_SV: list[tuple[str, str, tuple[str, ...]]] = [
    ("specialundervisning", "specialundervisningen", ("activity-area-teaching",)),
    ("sjukhusundervisning", "sjukhusundervisningen", ("behavioural-symptoms",)),
    ("skolfrånvaro", "skolfrånvaron", ("school-non-attendance",)),
    ("frånvaro", "frånvaron", ("school-non-attendance",)),
    ("elevhälsa", "elevhälsan", ()),
    ("barnskydd", "barnskyddet", ("children-placed-outside-home",)),
    ("stöd", "stödet", ()),
    ("stödåtgärd", "stödåtgärden", ()),
    ("lärare", "läraren", ()),
    ("speciallärare", "specialläraren", ()),
    ("vårdnadshavare", "vårdnadshavaren", ("school-non-attendance",)),
    ("elev", "eleven", ()),
    ("skola", "skolan", ()),
    ("skolhem", "skolhemmet", ("children-placed-outside-home",)),
    ("placering", "placeringen", ("children-placed-outside-home",)),
    ("lärplan", "lärplanen", ("activity-area-teaching",)),
    ("samarbete", "samarbetet", ()),
    ("nätverk", "nätverket", ()),
    ("handledning", "handledningen", ()),
    ("bedömning", "bedömningen", ("activity-area-teaching",)),
    ("uppföljning", "uppföljningen", ("school-non-attendance",)),
    ("verksamhetsområde", "verksamhetsområdet", ("activity-area-teaching",)),
    ("småbarnspedagogik", "småbarnspedagogiken", ()),
    ("förskoleundervisning", "förskoleundervisningen", ()),
    ("hemkommun", "hemkommunen", ("children-placed-outside-home",)),
    ("konsultation", "konsultationen", ("behavioural-symptoms",)),
    ("övergång", "övergången", ()),
    ("kartläggning", "kartläggningen", ("school-non-attendance",)),
    ("beteende", "beteendet", ("behavioural-symptoms",)),
    ("trygghet", "tryggheten", ()),
    ("skolgång", "skolgången", ()),
    ("läroplikt", "läroplikten", ()),
    ("skolkurator", "skolkuratorn", ("school-non-attendance",)),
    ("skolpsykolog", "skolpsykologen", ("behavioural-symptoms",)),
    ("undervisningsgrupp", "undervisningsgruppen", ("activity-area-teaching",)),
    ("familjehem", "familjehemmet", ("children-placed-outside-home",)),
]
SENTENCES_SV = [
    "{a.def} förutsätter ett nära samarbete mellan {b.def} och {c.def}.",
    "I arbetet med {a.ind} betonas betydelsen av {b.ind}.",
    "Skolorna utvecklar {a.def} tillsammans med {b.def}.",
    "Läraren antecknar observationer om {a.def} i {b.def}.",
    "Erfarenheterna visar att {a.def} fungerar bäst när {b.def} planeras tillsammans med "
    "vårdnadshavarna.",
    "Utredningen granskade {a.def}, {b.def} och {c.def}.",
    "Mer information om {a.ind} finns hos {b.def}.",
    "Särskild uppmärksamhet fästs vid {a.def} och {b.def}.",
    "{a.def} räcker inte ensam, det behövs också {b.ind}.",
    "Målen sätts upp tillsammans med {a.def} och följs upp varje termin.",
    "När {a.def} drar ut på tiden kallar {b.def} till ett gemensamt möte.",
    "Materialet beskriver hur {a.ind} stöder {b.def} i vardagen.",
]
TITLES_SV = [
    "{a.ind} och {b.ind}",
    "{a.ind} i {b.def}",
    "Perspektiv på {a.ind}",
    "Att stödja {a.def} i {b.def}",
]
SUMMARIES_SV = [
    "Materialet behandlar {a.ind} och {b.ind}.",
    "En översikt över {a.ind} och hur {b.def} fungerar i praktiken.",
]
HEADINGS_SV = ["Bakgrund", "Mål", "Genomförande", "Samarbete", "Uppföljning"]

NOUNS_EN = [
    "school attendance",
    "special support",
    "hospital teaching",
    "pupil welfare",
    "child protection",
    "activity areas",
    "individual education plan",
    "multi-professional cooperation",
    "transition",
    "assessment",
    "consultation",
    "reform school",
    "early childhood education",
    "behavioural support",
    "guardians",
    "learning support",
]
SENTENCES_EN = [
    "The {a} requires close cooperation between {b} and {c}.",
    "Schools develop {a} together with {b}.",
    "Experience shows that {a} works best when it is planned with {b}.",
    "The review looked at {a}, {b} and {c}.",
    "Particular attention is paid to {a} and {b}.",
    "The material describes how {a} supports {b} in everyday situations.",
    "Goals are set together with {a} and followed up each term.",
]
TITLES_EN = ["{A} and {b}", "{A} in practice", "Perspectives on {a}", "{A}: a guide to {b}"]

# Free keywords of the synthetic items (tags are shared, so a few dozen in all).
TAGS = [
    "poissaolot",
    "kouluakäymättömyys",
    "koulukieltäytyminen",
    "oppilashuolto",
    "lastensuojelu",
    "sijoitetut lapset",
    "sijaishuolto",
    "sairaalaopetus",
    "valtion koulukodit",
    "Elmeri-koulut",
    "Valteri",
    "toiminta-alueet",
    "HOJKS",
    "arviointi",
    "kommunikaatio",
    "kuvatuki",
    "pidennetty oppivelvollisuus",
    "nivelvaihe",
    "moniammatillinen yhteistyö",
    "vaativa konsultaatio",
    "haastava käyttäytyminen",
    "uhkatilanteet",
    "tunnetaidot",
    "vuorovaikutus",
    "huoltajat",
    "kodin ja koulun yhteistyö",
    "erityisopetus",
    "pienryhmä",
    "inkluusio",
    "esiopetus",
    "varhaiskasvatus",
    "opettajankoulutus",
    "täydennyskoulutus",
    "tutkimus",
    "kysely",
    "tilastot",
    "etäopetus",
    "digipedagogiikka",
    "hyvinvointi",
    "mielenterveys",
    "neuropsykiatria",
    "autismi",
    "kuulo",
    "näkö",
    "liikuntavamma",
    "frånvaro",
    "elevhälsa",
    "barnskydd",
    "specialundervisning",
    "placerade barn",
    "samarbete",
    "school attendance",
    "special support",
]

SERIES = [
    "VIP-verkoston julkaisuja",
    "VIP-verkoston työpapereita",
    "Vaativan erityisen tuen selvityksiä",
]
SERIES_SV = "VIP-nätverkets publikationer"
WORKING_GROUPS = [
    "VIP-verkoston koulua käymättömien teemaryhmä",
    "VIP-verkoston toiminta-alueiden teemaryhmä",
    "VIP-verkoston sijoitettujen lasten teemaryhmä",
    "VIP-verkoston käytöksellään oireilevien teemaryhmä",
    "Vaatu-toimijoiden työryhmä",
    "Alueellinen ydinryhmä",
]
