"""Reads of VIPU nominations: who is named where, and how complete the coverage is.

The coverage of all 309 municipalities is computed from two flat queries, so the
dashboard, its map and the API cost the same however many nominations exist.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vip.network.models import Employment, Person
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import Campaign, Nomination

REQUIRED_RESPONSIBILITIES = frozenset(Nomination.Responsibility.values)
PROVIDER_KINDS = (Organisation.Kind.PRIVATE_PROVIDER, Organisation.Kind.TEACHER_TRAINING_SCHOOL)


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
    # What is still lacking, as translatable phrases.
    lacking: tuple[str, ...]
    contact_count: int

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


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


def current_campaign() -> Campaign | None:
    """The latest campaign that has started; the dashboard shows it by default."""
    return Campaign.objects.order_by("-starts_on", "-id").first()


def current_nominations(campaign: Campaign) -> QuerySet[Nomination]:
    return Nomination.objects.filter(campaign=campaign, ended_at__isnull=True)


def lacking_for(language_status: str, slots: set[tuple[str, str]]) -> tuple[str, ...]:
    """What a municipality with these (responsibility, language) contacts still lacks."""
    lacking: list[str] = []
    responsibilities = {responsibility for responsibility, _language in slots}
    if Nomination.Responsibility.LEARNING_SUPPORT not in responsibilities:
        lacking.append(str(_("a contact coordinating learning support")))
    if Nomination.Responsibility.PUPIL_WELFARE not in responsibilities:
        lacking.append(str(_("a contact for pupil welfare services")))
    if "+" in language_status:
        languages = {language for _responsibility, language in slots}
        if "fi" not in languages:
            lacking.append(str(_("a Finnish-speaking contact")))
        if "sv" not in languages:
            lacking.append(str(_("a Swedish-speaking contact")))
    return tuple(lacking)


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
    municipalities: list[MunicipalityCoverage] = []
    for pk, code, name_fi, name_sv, language_status, area_id, area_code in (
        Municipality.objects.order_by("name_fi").values_list(
            "pk", "code", "name_fi", "name_sv", "language_status", "county__area_id",
            "county__area__code",
        )
    ):  # fmt: skip
        found = slots.get(pk, set())
        lacking = lacking_for(language_status, found)
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
            contact_count=len(found),
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


def municipality_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    """Organisations a new contact person of the municipality may be employed by."""
    return Organisation.objects.filter(municipality=municipality).order_by("name_fi", "id")


def nominee_choices(municipality: Municipality) -> QuerySet[Person]:
    """People employed today by one of the municipality's organisations."""
    today = timezone.localdate()
    return (
        Person.objects.filter(
            Q(employments__start__isnull=True) | Q(employments__start__lte=today),
            Q(employments__end__isnull=True) | Q(employments__end__gte=today),
            employments__organisation__municipality=municipality,
        )
        .distinct()
        .order_by("family_name", "given_name", "id")
    )
