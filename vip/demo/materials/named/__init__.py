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

from vip.demo.materials.named.methods import models_and_methods
from vip.demo.materials.named.other import checklists, news, recordings
from vip.demo.materials.named.publications import info_briefs, reports
from vip.demo.materials.plans import NamedItem


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
