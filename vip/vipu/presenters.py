"""What the VIPU pages show, prepared in Python: table rows, shares, the map and the slots.

The coverage dashboard lists all 309 municipalities; building each row once
here, with its link, names and labels, keeps the template plain and fast.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vip.network.models import Employment, Person
from vip.registry.maps import MapStatus, municipality_map_svg
from vip.registry.models import Area, Municipality, Organisation, municipality_name
from vip.vipu.models import Campaign, Nomination
from vip.vipu.selectors import (
    PROVIDER_MAX_CONTACTS,
    AreaCoverage,
    Coverage,
    MunicipalityCoverage,
    Status,
    gaps_of,
    lacking_for,
    status_labels,
)

# The CSS modifier of each status: vip-map__area--<x> on the map, vip-status-swatch--<x> in tables.
STATUS_CSS = {
    Status.COMPLETE: "complete",
    Status.PARTIAL: "partial",
    Status.MISSING: "missing",
    Status.OUTSIDE: "none",
}
_CODE_PLACEHOLDER = "__code__"


def _swedish() -> bool:
    return (get_language() or "fi").startswith("sv")


def percent(share: float) -> str:
    """A share as a whole percentage in the language's style: "80 %" in fi/sv, "80%" in en.

    A share too small to show as a whole percent keeps one decimal ("0.3%"), so
    that a handful of municipalities never reads as none.
    """
    value = Decimal(str(share * 100))
    places = Decimal("0.1") if 0 < value < Decimal("0.5") else Decimal(1)
    rounded = value.quantize(places, rounding=ROUND_HALF_UP)
    number = number_format(rounded, decimal_pos=1 if places < 1 else 0)
    if (get_language() or "fi")[:2] in {"fi", "sv"}:
        return f"{number}\u00a0%"
    return f"{number}%"


def contacts_url_pattern(campaign: Campaign) -> str:
    """The address of a municipality's contacts page, with a placeholder for its code."""
    return reverse("vipu:municipality_contacts", args=[campaign.pk, _CODE_PLACEHOLDER])


# --- Coverage dashboard ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MunicipalityLink:
    name: str
    url: str
    lacking: str


@dataclass(frozen=True, slots=True)
class AreaRow:
    code: str
    name: str
    url: str
    total: int
    complete: int
    partial: int
    missing: int
    complete_share: str
    partial_share: str
    missing_share: str
    missing_municipalities: list[MunicipalityLink]
    partial_municipalities: list[MunicipalityLink]

    @property
    def missing_html(self) -> SafeString:
        return municipality_list_html(self.missing_municipalities)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    code: str
    name: str
    url: str
    area_code: str
    language_status: str
    status: str
    status_label: str
    css: str
    lacking: str


@dataclass
class Dashboard:
    national: AreaRow
    areas: list[AreaRow]
    municipalities: list[CoverageRow]
    map_svg: SafeString
    selected_area: Area | None
    outside_count: int

    @property
    def table_rows(self) -> SafeString:
        """The rows of the map's text alternative, as HTML (see ``coverage_table_rows``)."""
        return coverage_table_rows(self.municipalities)


def _linked(name: str, url: str) -> str:
    if url:
        return f'<a class="govuk-link" href="{escape(url)}">{escape(name)}</a>'
    return escape(name)


def coverage_table_rows(rows: Iterable[CoverageRow]) -> SafeString:
    """The 309 rows of the coverage table, built here: as template loops they were most
    of the dashboard's rendering time. Every value goes through ``html.escape``."""
    return mark_safe(  # noqa: S308 - every value below is escaped
        "\n".join(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header">{_linked(row.name, row.url)}</th>'
            f'<td class="govuk-table__cell">{escape(row.code)}</td>'
            f'<td class="govuk-table__cell">{escape(row.area_code)}</td>'
            f'<td class="govuk-table__cell">{escape(row.language_status)}</td>'
            '<td class="govuk-table__cell vip-nowrap"><span class="vip-status-swatch '
            f'vip-status-swatch--{escape(row.css)}" aria-hidden="true"></span>'
            f"{escape(row.status_label)}</td>"
            f'<td class="govuk-table__cell">{escape(row.lacking)}</td></tr>'
            for row in rows
        )
    )


def municipality_list_html(municipalities: Iterable[MunicipalityLink]) -> SafeString:
    """Names separated by commas, each linked when the user may open its contacts."""
    return mark_safe(", ".join(_linked(m.name, m.url) for m in municipalities))  # noqa: S308


def _area_row(
    summary: AreaCoverage, names: dict[str, str], links: dict[str, str], url: str
) -> AreaRow:
    def listed(rows: Iterable[MunicipalityCoverage]) -> list[MunicipalityLink]:
        items = [
            MunicipalityLink(names[m.code], links.get(m.code, ""), ", ".join(m.lacking))
            for m in rows
        ]
        return sorted(items, key=lambda item: item.name)

    return AreaRow(
        code=summary.area.code,
        name=summary.area.name,
        url=url,
        total=summary.total,
        complete=summary.complete,
        partial=summary.partial,
        missing=summary.missing,
        complete_share=percent(summary.complete_share),
        partial_share=percent(summary.partial_share),
        missing_share=percent(summary.missing_share),
        missing_municipalities=listed(summary.missing_municipalities),
        partial_municipalities=listed(summary.partial_municipalities),
    )


def map_legend(labels: dict[Status, str] | None = None) -> list[MapStatus]:
    labels = labels or status_labels()
    return [
        MapStatus(str(Status.COMPLETE), labels[Status.COMPLETE], "vip-map__area--complete"),
        # Dotted: its ochre is too close to the green of "complete" and the grey of Åland
        # to be told apart by colour alone.
        MapStatus(
            str(Status.PARTIAL), labels[Status.PARTIAL], "vip-map__area--partial", dotted=True
        ),
        # Hatched: the red of "missing" and the green of "complete" look alike to many.
        MapStatus(
            str(Status.MISSING), labels[Status.MISSING], "vip-map__area--missing", hatched=True
        ),
        MapStatus(str(Status.OUTSIDE), labels[Status.OUTSIDE], "vip-map__area--none"),
    ]


def coverage_dashboard(
    coverage: Coverage,
    *,
    area: Area | None = None,
    linked_codes: set[str] | None,
) -> Dashboard:
    """The dashboard of one campaign; ``linked_codes`` None links every municipality.

    Municipalities link to their contacts page only for users who may see it;
    with ``area`` the map highlights that area and the tables list it alone.
    """
    swedish = _swedish()
    pattern = contacts_url_pattern(coverage.campaign) if coverage.campaign else ""
    # Every label translated once, not once per municipality.
    language_labels = {str(k): str(v) for k, v in Municipality.LanguageStatus.choices}
    labels = status_labels()
    names: dict[str, str] = {}
    links: dict[str, str] = {}
    rows: list[CoverageRow] = []
    for m in coverage.municipalities:
        name = municipality_name(m.name_fi, m.name_sv, swedish=swedish)
        names[m.code] = name
        if pattern and (linked_codes is None or m.code in linked_codes):
            links[m.code] = pattern.replace(_CODE_PLACEHOLDER, m.code)
        if area is not None and m.area_code != area.code:
            continue
        rows.append(
            CoverageRow(
                code=m.code,
                name=name,
                url=links.get(m.code, ""),
                area_code=m.area_code or "–",
                language_status=language_labels.get(m.language_status, m.language_status),
                status=str(m.status),
                status_label=labels[m.status],
                css=STATUS_CSS[m.status],
                lacking=", ".join(m.lacking),
            )
        )
    rows.sort(key=lambda row: row.name)
    shown_areas = [a for a in coverage.areas if area is None or a.area.code == area.code]
    area_rows = [_area_row(a, names, links, a.area.get_absolute_url()) for a in shown_areas]
    national = _area_row(coverage.national, names, links, "")
    outside = sum(1 for m in coverage.municipalities if m.status == Status.OUTSIDE)
    highlight = (
        {m.code for m in coverage.municipalities if m.area_code == area.code}
        if area is not None
        else None
    )
    scope = area_rows[0] if area is not None and area_rows else national
    description = _(
        "%(complete)s of %(total)s municipalities have named all their contacts, "
        "%(partial)s some of them and %(missing)s none. Åland's %(outside)s municipalities "
        "are not part of the network."
    ) % {
        "complete": scope.complete,
        "total": scope.total,
        "partial": scope.partial,
        "missing": scope.missing,
        "outside": outside,
    }
    title = (
        _("VIPU contact coverage in %(area)s") % {"area": area.name}
        if area is not None
        else _("VIPU contact coverage by municipality")
    )
    svg = municipality_map_svg(
        {m.code: str(m.status) for m in coverage.municipalities},
        map_legend(labels),
        title=title,
        description=description,
        names=names,
        links=links or None,
        highlight_area_codes=highlight,
        id_prefix="vipu-map",
    )
    return Dashboard(
        national=national,
        areas=area_rows,
        municipalities=rows,
        map_svg=svg,
        selected_area=area,
        outside_count=outside,
    )


# --- A municipality's contacts --------------------------------------------------------------


def current_organisations(person: Person, day: datetime.date | None = None) -> str:
    """Where the person works today, from prefetched employments."""
    day = day or timezone.localdate()
    employments: Iterable[Employment] = person.employments.all()
    names = [e.organisation.name for e in employments if e.is_current(day)]
    return ", ".join(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class ContactSlot:
    """One row of the contacts table: a current contact, or a place still to fill."""

    responsibility: str
    responsibility_label: str
    language: str
    language_label: str
    nomination: Nomination | None
    organisation: str
    nominate_url: str

    @property
    def is_empty(self) -> bool:
        return self.nomination is None


def _slot(
    responsibility: str,
    language: str,
    nomination: Nomination | None,
    nominate_url: str,
) -> ContactSlot:
    return ContactSlot(
        responsibility=responsibility,
        responsibility_label=str(Nomination.Responsibility(responsibility).label)
        if responsibility
        else _("Either responsibility"),
        language=language,
        language_label=str(Nomination.Language(language).label),
        nomination=nomination,
        organisation=current_organisations(nomination.person) if nomination else "",
        nominate_url=nominate_url,
    )


def required_languages(municipality: Municipality) -> list[str]:
    """The working languages a municipality's contacts must cover, the majority one first."""
    if municipality.is_bilingual:
        majority = municipality.language_status[:2]
        return [majority, "sv" if majority == "fi" else "fi"]
    return ["sv"] if municipality.language_status == "sv" else ["fi"]


def municipal_slots(
    municipality: Municipality, current: Sequence[Nomination], nominate_url: str
) -> list[ContactSlot]:
    """The municipality's own contacts, and a place to fill for each gap ``gaps_of`` finds.

    A lacking responsibility is offered in a language still lacking, if any (the
    majority language first), else in the majority language; a language still
    lacking once every responsibility has a place is offered for either.
    """
    order = {value: index for index, value in enumerate(Nomination.Responsibility.values)}
    slots = [_slot(n.responsibility, n.language, n, "") for n in current]
    required = required_languages(municipality)
    gaps = gaps_of(municipality.language_status, ((n.responsibility, n.language) for n in current))
    missing_languages = [language for language in required if language in gaps.languages]
    for responsibility in gaps.responsibilities:
        language = missing_languages.pop(0) if missing_languages else required[0]
        url = f"{nominate_url}?responsibility={responsibility}&language={language}"
        slots.append(_slot(responsibility, language, None, url))
    for language in missing_languages:
        slots.append(_slot("", language, None, f"{nominate_url}?language={language}"))
    slots.sort(
        key=lambda slot: (
            order.get(slot.responsibility, len(order)),
            slot.is_empty,
            slot.language,
        )
    )
    return slots


@dataclass
class ProviderContacts:
    provider: Organisation
    slots: list[ContactSlot]
    nominate_url: str

    @property
    def is_named(self) -> bool:
        """A provider is done when it has named its one contact (a second is optional)."""
        return bool(self.slots)

    @property
    def may_name_more(self) -> bool:
        return len(self.slots) < PROVIDER_MAX_CONTACTS


def provider_contacts(
    providers: Iterable[Organisation], current: Sequence[Nomination], nominate_url: str
) -> list[ProviderContacts]:
    """Each private provider and teacher-training school with its current contacts."""
    sections = []
    for provider in providers:
        mine = sorted(
            (n for n in current if n.provider_id == provider.pk),
            key=lambda n: (n.responsibility, n.language),
        )
        sections.append(
            ProviderContacts(
                provider=provider,
                slots=[_slot(n.responsibility, n.language, n, "") for n in mine],
                nominate_url=f"{nominate_url}?provider={provider.pk}",
            )
        )
    return sections


@dataclass(frozen=True, slots=True)
class MunicipalityContacts:
    # False for a provider's administrator, who sees their provider's contacts only.
    shows_municipal: bool
    municipal: list[ContactSlot]
    providers: list[ProviderContacts]
    former: list[Nomination]
    lacking: tuple[str, ...]
    # Current contacts of providers that are no longer listed (e.g. moved elsewhere).
    unlisted_provider_contacts: list[ContactSlot]


def municipality_contacts(
    campaign: Campaign,
    municipality: Municipality,
    nominations: Iterable[Nomination],
    providers: Sequence[Organisation],
    *,
    municipal: bool = True,
) -> MunicipalityContacts:
    """The contacts page; without ``municipal`` only the providers' part is filled."""
    rows = list(nominations)
    current = [n for n in rows if n.is_current]
    own = [n for n in current if n.provider_id is None]
    nominate_url = reverse("vipu:nomination_create", args=[campaign.pk, municipality.code])
    listed = {p.pk for p in providers}
    former = sorted(
        (n for n in rows if not n.is_current),
        key=lambda n: n.ended_at or n.nominated_at,
        reverse=True,
    )
    return MunicipalityContacts(
        shows_municipal=municipal,
        municipal=municipal_slots(municipality, own, nominate_url) if municipal else [],
        providers=provider_contacts(providers, current, nominate_url),
        former=former,
        lacking=lacking_for(
            municipality.language_status, {(n.responsibility, n.language) for n in own}
        )
        if municipal
        else (),
        unlisted_provider_contacts=[
            _slot(n.responsibility, n.language, n, "")
            for n in current
            if n.provider_id is not None and n.provider_id not in listed
        ],
    )


# --- Export ---------------------------------------------------------------------------------


def export_header() -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Title"),
        _("Organisation"),
        _("Municipality"),
        _("Municipality code"),
        _("Area"),
        _("Responsibility"),
        _("Working language"),
        _("Education provider"),
    ]


def _organisation_of(nomination: Nomination, day: datetime.date) -> str:
    """The organisation the contact works for in the municipality (or the provider's tree)."""
    current = [e for e in nomination.person.employments.all() if e.is_current(day)]
    if nomination.provider is not None:
        inside = [
            e for e in current if e.organisation.tree_path.startswith(nomination.provider.tree_path)
        ]
    else:
        inside = [
            e for e in current if e.organisation.municipality_id == nomination.municipality_id
        ]
    chosen = inside or current
    return chosen[0].organisation.name if chosen else ""


def export_rows(nominations: Iterable[Nomination]) -> list[list[str]]:
    swedish = _swedish()
    day = timezone.localdate()
    rows = []
    for n in nominations:
        municipality = n.municipality
        county = municipality.county
        rows.append(
            [
                n.person.full_name,
                n.person.email,
                n.person.phone,
                n.person.title,
                _organisation_of(n, day),
                municipality_name(municipality.name_fi, municipality.name_sv, swedish=swedish),
                municipality.code,
                county.area.code if county else "",
                n.responsibility_label,
                n.language_label,
                n.provider.name if n.provider else "",
            ]
        )
    return rows
