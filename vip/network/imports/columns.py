"""The columns of the import file and the words it accepts, in Finnish, Swedish and English.

The vocabulary is data, not translations: a file written in any of the three
languages imports the same way whatever the user's language is. The template
and the membership export write it in the user's language.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy

from vip.network.models import Membership, Sector

LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    fi: str
    sv: str
    en: str
    description: Promise
    aliases: tuple[str, ...] = ()
    required: bool = False
    # Skipped by the import: written by the export for people to read, or not the
    # importer's to set. Not in the template; the guide says it is skipped.
    ignored: bool = False

    def header(self, language: str) -> str:
        return str(getattr(self, language if language in LANGUAGES else "fi"))


COLUMNS: tuple[Column, ...] = (
    Column(
        "given_name",
        "etunimi",
        "förnamn",
        "given_name",
        gettext_lazy("Given name."),
        required=True,
    ),
    Column(
        "family_name",
        "sukunimi",
        "efternamn",
        "family_name",
        gettext_lazy("Family name."),
        required=True,
    ),
    Column(
        "email",
        "sähköposti",
        "e-post",
        "email",
        gettext_lazy("Work e-mail address. People are matched by it, in any letter case."),
        aliases=("e-mail", "sähköpostiosoite", "e-postadress"),
        required=True,
    ),
    Column("phone", "puhelin", "telefon", "phone", gettext_lazy("Work phone number.")),
    Column("title", "nimike", "titel", "title", gettext_lazy("Job title.")),
    Column(
        "languages",
        "kielet",
        "språk",
        "languages",
        gettext_lazy("Working languages as codes fi, sv and en, separated by commas, e.g. fi,sv."),
    ),
    Column(
        "contact_details_public",
        "yhteystiedot julkisia",
        "kontaktuppgifter offentliga",
        "contact_details_public",
        gettext_lazy(
            "Skipped by the import: whether the e-mail and phone are public is each "
            "person's own choice, made in the service."
        ),
        ignored=True,
    ),
    Column(
        "organisation",
        "organisaatio",
        "organisation",
        "organisation",
        gettext_lazy(
            "Statistics Finland school code, OPH organisation OID or exact Finnish name. "
            "For a membership: the organisation represented. A new person is also recorded "
            "as employed there."
        ),
        aliases=("organization",),
    ),
    Column(
        "municipality_code",
        "kuntakoodi",
        "kommunkod",
        "municipality_code",
        gettext_lazy(
            "Three-digit municipality code, e.g. 091. Tells organisations with the same "
            "name apart and must match the organisation's municipality."
        ),
    ),
    Column(
        "group",
        "ryhmä",
        "grupp",
        "group",
        gettext_lazy(
            "Group number or exact Finnish name. Leave empty to add or update only the person."
        ),
    ),
    Column(
        "role",
        "rooli",
        "roll",
        "role",
        gettext_lazy(
            "Role in the group: chair, vice-chair, member, deputy, secretary or permanent "
            "expert, in Finnish, Swedish or English."
        ),
    ),
    Column(
        "deputy_for_email",
        "varsinaisen jäsenen sähköposti",
        "ordinarie medlems e-post",
        "deputy_for_email",
        gettext_lazy(
            "For a deputy member: the e-mail of the member they stand in for. That member "
            "must be in the group, in the file or already in the registry."
        ),
    ),
    Column(
        "sector",
        "sektori",
        "sektor",
        "sector",
        gettext_lazy("The sector represented (regional groups), by code or name in any language."),
    ),
    Column(
        "start",
        "alkaa",
        "börjar",
        "start",
        gettext_lazy(
            "Start date as 1.8.2025 or 2025-08-01; needed for a membership. Without a group, "
            "the start of the employment."
        ),
        aliases=("alkupäivä", "startdatum", "start date"),
    ),
    Column(
        "end",
        "päättyy",
        "slutar",
        "end",
        gettext_lazy("End date; empty means until the end of the group's term."),
        aliases=("loppupäivä", "slutdatum", "end date"),
    ),
    Column(
        "status",
        "tila",
        "status",
        "status",
        gettext_lazy("Active, former or upcoming: written by the export, skipped by the import."),
        ignored=True,
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
TEMPLATE_KEYS = tuple(column.key for column in COLUMNS if not column.ignored)

# Words the import accepts for each role; the first three are written by the
# template and the export in Finnish, Swedish and English.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    Membership.Role.CHAIR: ("puheenjohtaja", "ordförande", "chair", "pj"),
    Membership.Role.VICE_CHAIR: (
        "varapuheenjohtaja",
        "vice ordförande",
        "vice-chair",
        "viceordförande",
        "vice_chair",
        "vpj",
    ),
    Membership.Role.MEMBER: ("jäsen", "medlem", "member"),
    Membership.Role.DEPUTY: ("varajäsen", "suppleant", "deputy", "deputy member"),
    Membership.Role.SECRETARY: ("sihteeri", "sekreterare", "secretary"),
    Membership.Role.PERMANENT_EXPERT: (
        "pysyvä asiantuntija",
        "permanent sakkunnig",
        "permanent expert",
        "expert",
        "asiantuntija",
        "sakkunnig",
    ),
}
STATUS_WORDS: dict[str, tuple[str, str, str]] = {
    "active": ("voimassa", "aktiv", "active"),
    "former": ("päättynyt", "tidigare", "former"),
    "upcoming": ("alkamassa", "kommande", "upcoming"),
}


def normalise(text: str) -> str:
    """Headers and words compare case-insensitively, with _ - and spaces alike."""
    return " ".join(re.sub(r"[_\-]", " ", text).casefold().split())


HEADER_LOOKUP: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.fi, _column.sv, _column.en, *_column.aliases):
        HEADER_LOOKUP[normalise(_name)] = _column
ROLE_LOOKUP = {normalise(word): role for role, words in ROLE_WORDS.items() for word in words}
ROLE_LOOKUP.update({normalise(role): role for role in ROLE_WORDS})


def role_word(role: str, language: str) -> str:
    return ROLE_WORDS[role][_language_index(language)]


def status_word(status: str, language: str) -> str:
    return STATUS_WORDS[status][_language_index(language)]


def _language_index(language: str) -> int:
    return LANGUAGES.index(language) if language in LANGUAGES else 0


def current_language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in LANGUAGES else "fi"


# --- The template ----------------------------------------------------------------------------


def template_table(language: str) -> tuple[list[str], list[list[Any]]]:
    """The template's header in ``language`` and one example row."""
    sector = Sector.objects.order_by("position", "code").first()
    example: dict[str, Any] = {
        "given_name": "Maija",
        "family_name": "Esimerkki",
        "email": "maija.esimerkki@example.fi",
        "phone": "040 123 4567",
        "title": {"fi": "Rehtori", "sv": "Rektor", "en": "Rector"}.get(language, "Rehtori"),
        "languages": "fi,sv",
        "organisation": "Esimerkkikoulu",
        "municipality_code": "091",
        "group": "Etelä-Suomen alueryhmä",
        "role": role_word(Membership.Role.MEMBER, language),
        "deputy_for_email": "",
        "sector": getattr(sector, f"name_{language}", "") or (sector.name_fi if sector else ""),
        "start": datetime.date(timezone.localdate().year, 8, 1),
        "end": "",
    }
    header = [COLUMNS_BY_KEY[key].header(language) for key in TEMPLATE_KEYS]
    return header, [[example[key] for key in TEMPLATE_KEYS]]


def guide_rows(language: str) -> list[dict[str, Any]]:
    """The columns for the import page's guide, in the user's language; skipped ones too."""
    return [
        {
            "header": column.header(language),
            "others": list(
                dict.fromkeys(
                    column.header(other)
                    for other in LANGUAGES
                    if column.header(other) != column.header(language)
                )
            ),
            "required": column.required,
            "ignored": column.ignored,
            "description": column.description,
        }
        for column in COLUMNS
    ]
