"""Fixed texts of the demo calendar: topics, titles, venues, questions and answers.

Topics follow the network's themes (domain §3); the texts are the demo's own, in
Finnish, Swedish and English.
"""

from __future__ import annotations

import datetime

from vip.demo.events.plans import QuestionPlan
from vip.events.models import Event, Question

Kind = Event.Kind


# (theme code or "", Finnish, Swedish, English, first day the topic is used)
TOPICS: list[tuple[str, str, str, str, datetime.date | None]] = [
    (
        "school-non-attendance",
        "Koulupoissaolojen ennaltaehkäisy",
        "Att förebygga skolfrånvaro",
        "Preventing school absences",
        None,
    ),
    (
        "school-non-attendance",
        "Poissaolojen seuranta ja puuttumisen rajat",
        "Uppföljning av frånvaro och gränser för ingripande",
        "Monitoring absences and thresholds for action",
        datetime.date(2023, 8, 1),
    ),
    (
        "school-non-attendance",
        "Kouluun paluun tukeminen",
        "Stöd för återgången till skolan",
        "Supporting the return to school",
        None,
    ),
    (
        "school-non-attendance",
        "SRAS-R-kartoitus käytännössä",
        "SRAS-R-kartläggning i praktiken",
        "The SRAS-R assessment in practice",
        None,
    ),
    (
        "school-non-attendance",
        "Moniammatillinen yhteistyö poissaolotilanteissa",
        "Multiprofessionellt samarbete vid frånvaro",
        "Multi-professional cooperation on absences",
        None,
    ),
    (
        "activity-area-teaching",
        "Toiminta-alueittain järjestetyn opetuksen suunnittelu",
        "Planering av undervisning enligt verksamhetsområden",
        "Planning teaching by activity areas",
        None,
    ),
    (
        "activity-area-teaching",
        "Oppimisen seuranta ja arviointi toiminta-alueittain",
        "Uppföljning och bedömning av lärandet enligt verksamhetsområden",
        "Monitoring and assessing learning by activity areas",
        None,
    ),
    (
        "activity-area-teaching",
        "Vuorovaikutus ja kommunikaatio opetuksessa",
        "Växelverkan och kommunikation i undervisningen",
        "Interaction and communication in teaching",
        None,
    ),
    (
        "activity-area-teaching",
        "Päivittäisten taitojen opettaminen",
        "Att undervisa färdigheter för det dagliga livet",
        "Teaching daily-living skills",
        None,
    ),
    (
        "children-placed-outside-home",
        "Sijoitetun lapsen koulunkäynnin tuki",
        "Stöd för placerade barns skolgång",
        "Supporting the schooling of placed children",
        None,
    ),
    (
        "children-placed-outside-home",
        "Koulukotikoulujen ja kuntien yhteistyö",
        "Samarbete mellan skolhemmens skolor och kommunerna",
        "Cooperation between reform schools and municipalities",
        None,
    ),
    (
        "children-placed-outside-home",
        "Lastensuojelu ja koulu",
        "Barnskyddet och skolan",
        "Child protection and school",
        None,
    ),
    (
        "behavioural-symptoms",
        "Käytöksellään oireilevan oppilaan kohtaaminen",
        "Att möta en elev med beteendesymtom",
        "Meeting a pupil with behavioural symptoms",
        datetime.date(2021, 4, 6),
    ),
    (
        "behavioural-symptoms",
        "Uhka- ja väkivaltatilanteiden ennaltaehkäisy",
        "Att förebygga hot- och våldssituationer",
        "Preventing threatening and violent situations",
        datetime.date(2021, 4, 6),
    ),
    (
        "behavioural-symptoms",
        "Rauhoittumisen tukeminen luokassa",
        "Stöd för lugn i klassrummet",
        "Supporting calm in the classroom",
        datetime.date(2021, 4, 6),
    ),
    (
        "",
        "Vaativa erityinen tuki lähikoulussa",
        "Krävande särskilt stöd i närskolan",
        "Demanding special support in the neighbourhood school",
        None,
    ),
    (
        "",
        "Vaativa konsultaatio",
        "Krävande konsultation",
        "Demanding consultation",
        datetime.date(2021, 8, 1),
    ),
    (
        "",
        "Tuen järjestäminen 1.8.2025 alkaen",
        "Att ordna stöd från och med 1.8.2025",
        "Organising support from 1 August 2025",
        datetime.date(2025, 1, 1),
    ),
    (
        "",
        "Vaativa tuki varhaiskasvatuksessa",
        "Krävande stöd inom småbarnspedagogiken",
        "Demanding support in early childhood education",
        None,
    ),
    (
        "",
        "Monialainen yhteistyö ja OT-keskukset",
        "Sektorsövergripande samarbete och OT-centren",
        "Multi-sector cooperation and OT centres",
        None,
    ),
    (
        "",
        "Sairaalaopetuksen ja koulun yhteistyö",
        "Samarbete mellan sjukhusundervisningen och skolan",
        "Cooperation between hospital teaching and schools",
        None,
    ),
]

# Title patterns per kind: {topic} and, for regional days, {area}.
TITLES: dict[str, tuple[str, str, str]] = {
    Kind.WEBINAR: ("Webinaari: {topic}", "Webbinarium: {topic}", "Webinar: {topic}"),
    Kind.SEMINAR: ("{topic} – seminaari", "{topic} – seminarium", "{topic}: a seminar"),
    Kind.TRAINING: ("Koulutus: {topic}", "Utbildning: {topic}", "Training: {topic}"),
    Kind.REGIONAL_DAY: (
        "Alueellinen päivä, {area}: {topic}",
        "Regional dag, {area}: {topic}",
        "Regional day, {area}: {topic}",
    ),
    Kind.VIPU: ("VIPU-info: {topic}", "VIPU-info: {topic}", "VIPU briefing: {topic}"),
    Kind.OTHER: ("Työpaja: {topic}", "Verkstad: {topic}", "Workshop: {topic}"),
}

DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    Kind.WEBINAR: (
        "Webinaarissa asiantuntijat esittelevät aiheen **{topic}** ajankohtaisia "
        "käytäntöjä. Lopuksi on aikaa kysymyksille.",
        "I webbinariet presenterar experter aktuella metoder inom temat **{topic}**. "
        "Till sist finns tid för frågor.",
        "Experts present current practice on **{topic}**, with time for questions at the end.",
    ),
    Kind.SEMINAR: (
        "Seminaarin aiheena on **{topic}**. Ohjelmassa on puheenvuoroja, "
        "esimerkkejä kunnista ja työpajoja.",
        "Seminariets tema är **{topic}**. Programmet har anföranden, exempel från "
        "kommunerna och verkstäder.",
        "The seminar is on **{topic}**, with talks, examples from municipalities and workshops.",
    ),
    Kind.TRAINING: (
        "Koulutus antaa välineitä arkeen: **{topic}**. Koulutus on maksuton.",
        "Utbildningen ger verktyg för vardagen: **{topic}**. Utbildningen är avgiftsfri.",
        "Practical tools for everyday work: **{topic}**. The training is free of charge.",
    ),
    Kind.REGIONAL_DAY: (
        "Alueen toimijoiden yhteinen päivä. Teemana **{topic}**.",
        "En gemensam dag för aktörerna i området. Tema: **{topic}**.",
        "A day for the area's actors together. Theme: **{topic}**.",
    ),
    Kind.VIPU: (
        "Ajankohtaista VIPU-yhteyshenkilöille: **{topic}**.",
        "Aktuellt för VIPU-kontaktpersonerna: **{topic}**.",
        "News for the VIPU contact persons: **{topic}**.",
    ),
    Kind.OTHER: (
        "Pienryhmissä työskentelevä työpaja aiheesta **{topic}**.",
        "En verkstad i smågrupper om **{topic}**.",
        "A workshop in small groups on **{topic}**.",
    ),
}


def describe(kind: str, topic: tuple[str, str, str]) -> tuple[str, str, str]:
    """The kind's description in Finnish, Swedish and English, about ``topic``."""
    fi, sv, en = DESCRIPTIONS[kind]
    return (fi.format(topic=topic[0]), sv.format(topic=topic[1]), en.format(topic=topic[2]))


# Venues per area (and for national events): (venue, address).
VENUES: dict[str, list[tuple[str, str]]] = {
    "": [
        ("Opetushallitus", "Hakaniemenranta 6, 00530 Helsinki"),
        ("Paasitorni", "Paasivuorenkatu 5 A, 00530 Helsinki"),
        ("Tampere-talo", "Yliopistonkatu 55, 33100 Tampere"),
    ],
    "HYKS": [
        ("Paasitorni", "Paasivuorenkatu 5 A, 00530 Helsinki"),
        ("Espoon kulttuurikeskus", "Kulttuuriaukio 2, 02100 Espoo"),
        ("Lahden Sibeliustalo", "Ankkurikatu 7, 15140 Lahti"),
    ],
    "KYS": [
        ("Kuopion musiikkikeskus", "Kuopionlahdenkatu 23, 70100 Kuopio"),
        ("Joensuun Carelicum", "Koskikatu 5, 80100 Joensuu"),
        ("Mikkelin Mikaeli", "Sointukatu 1, 50100 Mikkeli"),
    ],
    "TAYS": [
        ("Tampere-talo", "Yliopistonkatu 55, 33100 Tampere"),
        ("Jyväskylän Paviljonki", "Lutakonaukio 1, 40100 Jyväskylä"),
        ("Seinäjoen Frami", "Kampusranta 9, 60320 Seinäjoki"),
    ],
    "TYKS": [
        ("Turun Logomo", "Köydenpunojankatu 14, 20100 Turku"),
        ("Porin Promenadikeskus", "Yrjönkatu 6, 28100 Pori"),
        ("Vaasan Akademiska Huset", "Wolffintie 34, 65200 Vaasa"),
    ],
    "OYS": [
        ("Oulun yliopisto, Linnanmaa", "Pentti Kaiteran katu 1, 90570 Oulu"),
        ("Rovaniemen Lappia-talo", "Hallituskatu 11, 96100 Rovaniemi"),
        ("Kokkolan Snellman-sali", "Kauppatori 5, 67100 Kokkola"),
    ],
}

CANCEL_REASONS = [
    "Kouluttaja on sairastunut. Uusi ajankohta ilmoitetaan myöhemmin.",
    "Ilmoittautuneita oli liian vähän; tilaisuus järjestetään uudelleen ensi kaudella.",
    "Tilat eivät olleet käytettävissä. Pahoittelemme.",
    "Tilaisuus yhdistetään alueen verkostopäivään.",
]

DIETS = (
    "laktoositon",
    "gluteeniton",
    "kasvis",
    "vegaaninen",
    "maidoton",
    "pähkinäallergia",
    "kalaton",
    "keliakia",
)

COMMENTS_FI = (
    "Hyviä käytännön esimerkkejä, joita voi viedä suoraan omaan työhön.",
    "Olisin kaivannut enemmän aikaa keskustelulle.",
    "Kiitos! Materiaalit olisi hyvä saada jälkikäteen.",
    "Tärkeä aihe, toivottavasti jatkoa seuraa.",
    "Etäyhteys toimi hyvin.",
    "Puheenvuorot olivat osin päällekkäisiä.",
    "Parasta oli kuulla muiden kuntien kokemuksia.",
    "Ryhmätyöt olivat antoisia.",
)
COMMENTS_SV = (
    "Bra exempel som går att använda direkt i arbetet.",
    "Mer tid för diskussion hade varit bra.",
    "Tack! Det vore fint att få materialet efteråt.",
)

# Organisations typed in by registrants, not in the registry.
TYPED_ORGANISATIONS = (
    "Terapiapalvelu Silta Oy",
    "Erityisopettajien liitto",
    "Perheneuvola",
    "Nuorisopalvelut",
    "Kehitysvammaliitto",
    "Lasten ja nuorten säätiö",
    "Yksityinen puheterapeutti",
    "Autismiliitto",
    "Koulupsykologipalvelut Oy",
)

# Registration questions the demo events ask.
DIET_QUESTION = QuestionPlan(
    label_fi="Erityisruokavalio",
    label_sv="Specialdiet",
    label_en="Dietary requirements",
    sensitive=True,
    answer_rate=0.16,
    answers=DIETS,
)
ATTENDANCE_MODE_QUESTION = QuestionPlan(
    label_fi="Osallistun",
    label_sv="Jag deltar",
    label_en="I take part",
    kind=Question.Kind.CHOICE,
    choices="paikan päällä\netänä",
    required=True,
)
CERTIFICATE_QUESTION = QuestionPlan(
    label_fi="Tarvitsen osallistumistodistuksen",
    label_sv="Jag behöver ett deltagarintyg",
    label_en="I need a certificate of attendance",
    kind=Question.Kind.YES_NO,
    answer_rate=0.6,
)
INTERPRETATION_QUESTION = QuestionPlan(
    label_fi="Tarvitsen tulkkausta tai muita saavutettavuusjärjestelyjä",
    label_sv="Jag behöver tolkning eller andra tillgänglighetsarrangemang",
    label_en="I need interpretation or other accessibility arrangements",
    sensitive=True,
    answer_rate=0.03,
    answers=("viittomakielen tulkkaus", "kirjoitustulkkaus", "induktiosilmukka", "pyörätuoli"),
)
