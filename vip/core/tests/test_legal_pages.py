"""The privacy notice and the accessibility statement in Finnish, Swedish and English.

Each language has its own template (templates/core/legal/), so the texts are
asserted in each language. The retention periods come from the settings, and the
notice follows them: the tests change the settings and read the numbers back.
The pages' axe checks live in test_accessibility.py; here the structure of the
HTML itself is checked: one h1, headings in order and never empty, lists and
description lists well formed, every tag closed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import pytest

from vip.events.models import FEEDBACK_MIN_ANSWERS

PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}
LANGUAGES = list(PREFIX)


def page_text(client, path: str) -> str:
    """The page's text with tags removed and white space collapsed."""
    response = client.get(path)
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(text))


def privacy_text(client, lang: str) -> str:
    return page_text(client, f"{PREFIX[lang]}/privacy/")


def accessibility_text(client, lang: str) -> str:
    return page_text(client, f"{PREFIX[lang]}/accessibility/")


@pytest.fixture
def retention(settings):
    settings.AUDIT_RETENTION_DAYS = 400
    settings.EVENTS_SENSITIVE_ANSWER_DAYS = 9
    settings.EVENTS_REGISTRATION_RETENTION_MONTHS = 7
    return settings


# --- The privacy notice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sensitive", "registrations", "audit"),
    [
        (
            "fi",
            "Poistetaan 9 päivän kuluttua tapahtuman päättymisestä.",
            "Anonymisoidaan 7 kuukauden kuluttua tapahtumasta.",
            "Poistetaan 400 päivän kuluttua kirjaamisesta.",
        ),
        (
            "sv",
            "Raderas 9 dagar efter att evenemanget har avslutats.",
            "Anonymiseras 7 månader efter evenemanget.",
            "Raderas 400 dagar efter registreringen.",
        ),
        (
            "en",
            "Deleted 9 days after the event ends.",
            "Anonymised 7 months after the event.",
            "Deleted 400 days after recording.",
        ),
    ],
)
def test_the_privacy_notice_states_the_retention_periods_in_force(
    client, db, retention, lang, sensitive, registrations, audit
):
    text = privacy_text(client, lang)
    assert sensitive in text
    assert registrations in text
    # 400 days is no whole number of years: no approximation in years is given.
    assert audit in text


@pytest.mark.parametrize(
    ("lang", "defaults"),
    [
        ("fi", ["30 päivän kuluttua", "12 kuukauden kuluttua", "1825 päivän", "(noin 5 vuotta)"]),
        ("sv", ["30 dagar efter", "12 månader efter", "1825 dagar", "(cirka 5 år)"]),
        ("en", ["30 days after", "12 months after", "1825 days", "(about 5 years)"]),
    ],
)
def test_the_default_periods_read_thirty_days_twelve_months_and_five_years(
    client, db, settings, lang, defaults
):
    settings.AUDIT_RETENTION_DAYS = 5 * 365
    settings.EVENTS_SENSITIVE_ANSWER_DAYS = 30
    settings.EVENTS_REGISTRATION_RETENTION_MONTHS = 12
    text = privacy_text(client, lang)
    for words in defaults:
        assert words in text, words


@pytest.mark.parametrize(
    ("lang", "singular"),
    [
        ("fi", ["Poistetaan 1 päivän kuluttua", "1 kuukauden kuluttua", "(noin vuosi)"]),
        ("sv", ["Raderas 1 dag efter", "Anonymiseras 1 månad efter", "(cirka ett år)"]),
        ("en", ["Deleted 1 day after", "Anonymised 1 month after", "(about one year)"]),
    ],
)
def test_a_period_of_one_is_written_in_the_singular(client, db, settings, lang, singular):
    settings.AUDIT_RETENTION_DAYS = 365
    settings.EVENTS_SENSITIVE_ANSWER_DAYS = 1
    settings.EVENTS_REGISTRATION_RETENTION_MONTHS = 1
    text = privacy_text(client, lang)
    for words in singular:
        assert words in text, words


@pytest.mark.parametrize(
    ("lang", "ombudsman"),
    [
        ("fi", "tietosuojavaltuutetun toimistoon"),
        ("sv", "Dataombudsmannens byrå"),
        ("en", "Office of the Data Protection Ombudsman"),
    ],
)
def test_the_privacy_notice_names_the_data_protection_ombudsman(client, db, lang, ombudsman):
    html = client.get(f"{PREFIX[lang]}/privacy/").content.decode()
    assert ombudsman in privacy_text(client, lang)
    assert 'href="https://www.tietosuoja.fi"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_notice_gives_the_configured_contact_address(client, db, settings, lang):
    settings.PRIVACY_EMAIL = "dpo@example.org"
    html = client.get(f"{PREFIX[lang]}/privacy/").content.decode()
    assert 'href="mailto:dpo@example.org"' in html
    assert "tietosuoja@oph.fi" not in html


@pytest.mark.parametrize(
    ("lang", "registration", "consent", "feedback", "threshold"),
    [
        (
            "fi",
            "Tapahtumailmoittautumiset",
            "nimenomaisella suostumuksellasi (9 artiklan 2 kohdan a alakohta)",
            "Tapahtumapalaute",
            "vähintään {n} vastausta",
        ),
        (
            "sv",
            "Anmälningar till evenemang",
            "uttryckliga samtycke (artikel 9.2 a)",
            "Respons på evenemang",
            "minst {n} svar",
        ),
        (
            "en",
            "Event registrations",
            "explicit consent (Article 9(2)(a))",
            "Feedback on events",
            "at least {n} answers",
        ),
    ],
)
def test_the_privacy_notice_covers_event_registrations_and_feedback(
    client, db, lang, registration, consent, feedback, threshold
):
    text = privacy_text(client, lang)
    assert registration in text
    # Registration rests on the consent the form records; sensitive answers on
    # explicit consent.
    assert consent in text
    assert feedback in text
    # Feedback is shown only from the threshold the reports apply.
    assert threshold.format(n=FEEDBACK_MIN_ANSWERS) in text


def test_the_privacy_notice_says_failed_sign_ins_keep_only_a_keyed_hash(client, db):
    text = privacy_text(client, "en")
    assert "only a keyed hash of it" in text
    assert "IP address" in text


# --- The accessibility statement ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "promise"),
    [
        ("fi", "Vastaamme viestiisi 14 päivän kuluessa sen saapumisesta."),
        ("sv", "Vi svarar på ditt meddelande inom 14 dagar från att vi har tagit emot det."),
        ("en", "We will reply within 14 days of receiving your message."),
    ],
)
def test_the_accessibility_statement_gives_the_feedback_address_and_answers_in_14_days(
    client, db, settings, lang, promise
):
    settings.FEEDBACK_EMAIL = "a11y@example.org"
    html = client.get(f"{PREFIX[lang]}/accessibility/").content.decode()
    assert 'href="mailto:a11y@example.org"' in html
    assert promise in accessibility_text(client, lang)


@pytest.mark.parametrize(
    ("lang", "uploads", "updated"),
    [
        ("fi", "Palveluun lisätyt asiakirjat", "Selostetta päivitetty viimeksi 23.11.2026"),
        ("sv", "Dokument som lagts till i tjänsten", "Utlåtandet senast uppdaterat 23.11.2026"),
        ("en", "Documents added to the service", "Statement last updated 23 November 2026"),
    ],
)
def test_the_accessibility_statement_covers_uploaded_documents_and_is_dated(
    client, db, lang, uploads, updated
):
    text = accessibility_text(client, lang)
    assert uploads in text
    assert updated in text
    # Uploads exist today: nothing says they come later.
    assert "introduced later" not in text
    assert "myöhemmin käyttöön otettavissa" not in text
    assert "tas i bruk senare" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_accessibility_statement_names_the_supervising_authority(client, db, lang):
    html = client.get(f"{PREFIX[lang]}/accessibility/").content.decode()
    assert 'href="https://www.saavutettavuusvaatimukset.fi"' in html


# --- Structure of the HTML ------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class MainContent(HTMLParser):
    """A tree of the page's <main>; records tags that close out of order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.root is None:
            if tag != "main":
                return
            self.root = Node(tag, dict(attrs))
            self.stack = [self.root]
            return
        if not self.stack:
            return
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1].text += data


def structure_problems(html: str) -> list[str]:
    parser = MainContent()
    parser.feed(html)
    parser.close()
    assert parser.root is not None, "the page has no <main>"
    problems = list(parser.problems)
    if parser.stack:
        problems.append(f"unclosed: {[node.tag for node in parser.stack]}")
    nodes = list(parser.root.walk())
    headings = [node for node in nodes if node.tag in HEADINGS]
    levels = [HEADINGS[node.tag] for node in headings]
    if levels.count(1) != 1 or levels[0] != 1:
        problems.append(f"expected one h1 first, got levels {levels}")
    for previous, current in itertools.pairwise(levels):
        if current > previous + 1:
            problems.append(f"heading level jumps from h{previous} to h{current}")
    problems += [f"empty <{node.tag}>" for node in headings if not node.all_text().strip()]
    for node in nodes:
        children = [child.tag for child in node.children]
        if node.tag in {"ul", "ol"} and any(tag != "li" for tag in children):
            problems.append(f"<{node.tag}> holds {children}")
        if node.tag == "dl":
            for child in node.children:
                if child.tag == "div":
                    inner = [grandchild.tag for grandchild in child.children]
                    if not inner or inner[0] != "dt" or set(inner[1:]) != {"dd"}:
                        problems.append(f"a row of <dl> holds {inner}")
                elif child.tag not in {"dt", "dd"}:
                    problems.append(f"<dl> holds <{child.tag}>")
        if node.tag == "a" and (not node.attrs.get("href") or not node.all_text().strip()):
            problems.append(f"a link without address or text: {node.attrs}")
        if node.tag == "p" and any(
            child.tag in {"p", "ul", "ol", "dl", "div"} for child in node.children
        ):
            problems.append("a block inside <p>")
    return problems


@pytest.mark.parametrize("page", ["privacy", "accessibility"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_legal_pages_are_well_structured(client, db, page, lang):
    html = client.get(f"{PREFIX[lang]}/{page}/").content.decode()
    assert structure_problems(html) == []


def test_the_structure_check_finds_what_it_looks_for():
    html = (
        "<main><h1>T</h1><h3>Skipped</h3><h2> </h2><ul><p>x</p></ul>"
        '<dl><div><dd>v</dd></div></dl><a href="">x</a><div></span></div></main>'
    )
    problems = structure_problems(html)
    assert "heading level jumps from h1 to h3" in problems
    assert "empty <h2>" in problems
    assert "<ul> holds ['p']" in problems
    assert "a row of <dl> holds ['dd']" in problems
    assert "a link without address or text: {'href': ''}" in problems
    assert "</span> closes <div>" in problems
