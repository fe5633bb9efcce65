"""Reads of VIPU nominations: who is named where, and how complete the coverage is.

The coverage of all 309 municipalities is computed from two flat queries, so the
dashboard, its map and the API cost the same however many nominations exist.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vip.core.models import search_key
from vip.network.models import Employment, Person, employed_on_q
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import Campaign, Nomination

PROVIDER_KINDS = (Organisation.Kind.PRIVATE_PROVIDER, Organisation.Kind.TEACHER_TRAINING_SCHOOL)
#: A provider names one contact; a second is optional.
PROVIDER_MAX_CONTACTS = 2
# Since 2023 pupil welfare staff (psychologists, school social workers) are employed by
# the wellbeing services counties, whose units are registered under these kinds.
WELFARE_UNIT_KINDS = (Organisation.Kind.OTHER, Organisation.Kind.OT_CENTRE)


class Status(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"
    # Åland's municipalities belong to no VIP area and are not asked.
    OUTSIDE = "outside"


STATUS_LABELS = {
    Status.COMPLETE: _("Complete"),
    Status.PARTIAL: _("Partial"),
    Status.MISSING: _("Missing"),
    Status.OUTSIDE: _("Not in the network (Åland)"),
}


@dataclass(frozen=True, slots=True)
class MunicipalityCoverage:
    code: str
    name_fi: str
    name_sv: str
    area_code: str | None
    language_status: str
    status: Status
    # What is still lacking, as phrases in the language active when it was computed.
    lacking: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def status_labels() -> dict[Status, str]:
    """Each status's label in the active language, translated once for a whole list."""
    return {status: str(label) for status, label in STATUS_LABELS.items()}


@dataclass
class AreaCoverage:
    area: Area
    complete: int = 0
    partial: int = 0
    missing: int = 0
    missing_municipalities: list[MunicipalityCoverage] = field(default_factory=list)
    partial_municipalities: list[MunicipalityCoverage] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.complete + self.partial + self.missing

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0

    @property
    def complete_share(self) -> float:
        return self.share(self.complete)

    @property
    def partial_share(self) -> float:
        return self.share(self.partial)

    @property
    def missing_share(self) -> float:
        return self.share(self.missing)


@dataclass
class Coverage:
    campaign: Campaign | None
    municipalities: list[MunicipalityCoverage]
    areas: list[AreaCoverage]

    @property
    def by_code(self) -> dict[str, MunicipalityCoverage]:
        return {m.code: m for m in self.municipalities}

    @property
    def national(self) -> AreaCoverage:
        total = AreaCoverage(area=Area(code="", name_fi=str(_("Whole country"))))
        for area in self.areas:
            total.complete += area.complete
            total.partial += area.partial
            total.missing += area.missing
        return total


def current_campaign(day: datetime.date | None = None) -> Campaign | None:
    """The campaign the dashboard shows by default: the latest one that has started,
    or, before any has, the earliest one still to come. A campaign announced for
    next year does not take over while this year's is running."""
    today = day or timezone.localdate()
    started = Campaign.objects.filter(starts_on__lte=today).order_by("-starts_on", "-id").first()
    if started is not None:
        return started
    return Campaign.objects.filter(starts_on__gt=today).order_by("starts_on", "id").first()


def current_nominations(campaign: Campaign) -> QuerySet[Nomination]:
    return Nomination.objects.filter(campaign=campaign, ended_at__isnull=True)


@dataclass(frozen=True, slots=True)
class Gaps:
    """What a municipality's own current contacts do not yet cover.

    The one statement of the rule: a contact for each responsibility and, in a
    bilingual municipality, both working languages covered by some contact.
    ``lacking_for`` words it and the contacts page offers a place for each gap.
    """

    responsibilities: tuple[str, ...]
    languages: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.responsibilities or self.languages)


def gaps_of(language_status: str, slots: Iterable[tuple[str, str]]) -> Gaps:
    """The gaps of a municipality whose contacts fill these (responsibility, language) slots."""
    filled = set(slots)
    responsibilities = {responsibility for responsibility, _language in filled}
    languages = {language for _responsibility, language in filled}
    return Gaps(
        responsibilities=tuple(
            r for r in Nomination.Responsibility.values if r not in responsibilities
        ),
        languages=tuple(
            language
            for language in Nomination.Language.values
            if "+" in language_status and language not in languages
        ),
    )


_LACKING_RESPONSIBILITY = {
    Nomination.Responsibility.LEARNING_SUPPORT: _("a contact coordinating learning support"),
    Nomination.Responsibility.PUPIL_WELFARE: _("a contact for pupil welfare services"),
}
_LACKING_LANGUAGE = {
    Nomination.Language.FINNISH: _("a Finnish-speaking contact"),
    Nomination.Language.SWEDISH: _("a Swedish-speaking contact"),
}


@dataclass(frozen=True, slots=True)
class LackingPhrases:
    """The phrases for gaps, translated once into the active language."""

    responsibility: dict[str, str]
    language: dict[str, str]

    @classmethod
    def translated(cls) -> LackingPhrases:
        return cls(
            responsibility={str(k): str(v) for k, v in _LACKING_RESPONSIBILITY.items()},
            language={str(k): str(v) for k, v in _LACKING_LANGUAGE.items()},
        )

    def of(self, gaps: Gaps) -> tuple[str, ...]:
        return tuple(self.responsibility[r] for r in gaps.responsibilities) + tuple(
            self.language[language] for language in gaps.languages
        )


def lacking_for(
    language_status: str,
    slots: Iterable[tuple[str, str]],
    phrases: LackingPhrases | None = None,
) -> tuple[str, ...]:
    """What a municipality with these (responsibility, language) contacts still lacks, worded."""
    return (phrases or LackingPhrases.translated()).of(gaps_of(language_status, slots))


def vipu_coverage(campaign: Campaign | None) -> Coverage:
    """Status of every municipality in the campaign, and per-area totals."""
    slots: dict[int, set[tuple[str, str]]] = defaultdict(set)
    if campaign is not None:
        rows = current_nominations(campaign).filter(provider__isnull=True)
        for municipality_id, responsibility, language in rows.values_list(
            "municipality_id", "responsibility", "language"
        ):
            slots[municipality_id].add((responsibility, language))
    areas = {area.pk: AreaCoverage(area=area) for area in Area.objects.order_by("code")}
    phrases = LackingPhrases.translated()
    municipalities: list[MunicipalityCoverage] = []
    for pk, code, name_fi, name_sv, language_status, area_id, area_code in (
        Municipality.objects.order_by("name_fi").values_list(
            "pk", "code", "name_fi", "name_sv", "language_status", "county__area_id",
            "county__area__code",
        )
    ):  # fmt: skip
        found = slots.get(pk, set())
        lacking = lacking_for(language_status, found, phrases)
        if area_id is None:
            status = Status.OUTSIDE
        elif not found:
            status = Status.MISSING
        elif lacking:
            status = Status.PARTIAL
        else:
            status = Status.COMPLETE
        row = MunicipalityCoverage(
            code=code,
            name_fi=name_fi,
            name_sv=name_sv,
            area_code=area_code,
            language_status=language_status,
            status=status,
            lacking=lacking if status != Status.OUTSIDE else (),
        )
        municipalities.append(row)
        if area_id is not None:
            summary = areas[area_id]
            if status == Status.COMPLETE:
                summary.complete += 1
            elif status == Status.PARTIAL:
                summary.partial += 1
                summary.partial_municipalities.append(row)
            else:
                summary.missing += 1
                summary.missing_municipalities.append(row)
    return Coverage(campaign=campaign, municipalities=municipalities, areas=list(areas.values()))


def municipality_nominations(
    campaign: Campaign, municipality: Municipality
) -> QuerySet[Nomination]:
    """Current and former nominations of one municipality, newest first per slot."""
    return (
        Nomination.objects.filter(campaign=campaign, municipality=municipality)
        .select_related("person", "provider", "replaced_by__person", "nominated_by")
        .prefetch_related(_employments())
        .order_by("provider_id", "responsibility", "language", "ended_at", "-nominated_at")
    )


def contact_rows(
    campaign: Campaign,
    *,
    area: Area | None = None,
    responsibility: str = "",
    language: str = "",
    queryset: QuerySet[Nomination] | None = None,
) -> QuerySet[Nomination]:
    """Current contacts for mailing lists, filtered; one query."""
    rows = (queryset if queryset is not None else Nomination.objects.all()).filter(
        campaign=campaign, ended_at__isnull=True
    )
    if area is not None:
        rows = rows.filter(municipality__county__area=area)
    if responsibility:
        rows = rows.filter(responsibility=responsibility)
    if language:
        rows = rows.filter(language=language)
    return rows.select_related("person", "provider", "municipality__county__area").order_by(
        "municipality__county__area__code", "municipality__name_fi", "responsibility", "language"
    )


def _employments() -> Prefetch:
    return Prefetch(
        "person__employments", queryset=Employment.objects.select_related("organisation")
    )


def contact_rows_for_export(rows: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """``contact_rows`` with each person's employments, for the organisation column."""
    return rows.prefetch_related(_employments())


def campaign_list() -> QuerySet[Campaign]:
    """Every campaign, newest first, with its number of current contacts."""
    return Campaign.objects.annotate(
        contact_count=Count("nominations", filter=Q(nominations__ended_at__isnull=True))
    ).order_by("-starts_on", "-id")


def municipality_providers(municipality: Municipality) -> QuerySet[Organisation]:
    """Private providers and teacher-training schools that name contacts of their own."""
    return Organisation.objects.filter(municipality=municipality, kind__in=PROVIDER_KINDS).order_by(
        "name_fi", "id"
    )


# --- Who may be named -------------------------------------------------------------------------


def _subtrees(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        if path:  # an empty path would match every organisation
            condition |= Q(tree_path__startswith=path)
    return condition


def employer_filter(
    municipality: Municipality,
    *,
    provider: Organisation | None = None,
    responsibility: str = "",
) -> Q:
    """A Q over Organisation: where the contact of one slot may work today.

    A provider's contact works in the provider's own tree. The municipality's own
    contacts work in the tree of the municipality as education provider (its
    organisation of kind "municipality"), not merely somewhere located in it: a
    university or a private school there is not the municipality. A pupil welfare
    contact may also work in a unit of the wellbeing services county located in the
    municipality (kinds in ``WELFARE_UNIT_KINDS``). Without ``responsibility`` the
    Q admits anyone who may fill one of the municipality's own slots.
    """
    if provider is not None:
        return _subtrees([provider.tree_path])
    condition = _subtrees(
        Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, municipality=municipality
        ).values_list("tree_path", flat=True)
    )
    if responsibility in {"", Nomination.Responsibility.PUPIL_WELFARE}:
        condition |= Q(municipality=municipality, kind__in=WELFARE_UNIT_KINDS)
    return condition


def nominee_pool_filter(
    municipality: Municipality, providers: Iterable[Organisation], *, municipal: bool
) -> Q:
    """Where anyone works whom the user may name for some slot: the municipality's own
    slots (``municipal``) and those of ``providers``."""
    condition = employer_filter(municipality) if municipal else Q(pk__in=[])
    return condition | _subtrees(provider.tree_path for provider in providers)


def works_in(person: Person, employers: Q, day: datetime.date | None = None) -> bool:
    """Whether the person is employed today by an organisation ``employers`` admits."""
    return Employment.objects.filter(
        employed_on_q(day or timezone.localdate()),
        person=person,
        organisation__in=Organisation.objects.filter(employers),
    ).exists()


def _employed_by(employers: Q) -> Exists:
    return Exists(
        Employment.objects.filter(
            employed_on_q(timezone.localdate()),
            person=OuterRef("pk"),
            organisation__in=Organisation.objects.filter(employers),
        )
    )


def has_nominees(employers: Q) -> bool:
    """Whether anyone at all works where ``employers`` admits."""
    return Person.objects.filter(_employed_by(employers)).exists()


def nominee_matches(text: str, employers: Q, limit: int) -> list[Person]:
    """People employed where ``employers`` admits whose name, e-mail or title contains
    every word of ``text``; at most ``limit + 1``, so that callers can tell there were more.

    A whole e-mail address that belongs to one of them finds that person alone.
    """
    words = search_key(text.strip()).split()
    if not words:
        return []
    people = Person.objects.filter(_employed_by(employers))
    for word in words:
        people = people.filter(search_text__contains=word)
    found = list(people.order_by("family_name", "given_name", "id")[: limit + 1])
    address = text.strip().lower()
    by_address = [person for person in found if person.email == address]
    return by_address or found


def nominee_organisations(employers: Q) -> QuerySet[Organisation]:
    """Organisations a new contact person may be recorded as working for."""
    return Organisation.objects.filter(employers).order_by("name_fi", "id")
