"""VIPU endpoints: how completely the municipalities have named their contact persons.

Public and free of personal data: the coverage says which municipalities are
complete, partial or missing and what they still lack, never who the contacts
are. It is computed from a fixed number of queries, whatever the number of
nominations.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vip.core.api import PUBLIC_ERRORS, Problem, ProblemError, field_error, public_auth
from vip.core.page_cache import cached_body
from vip.registry.models import REGISTRY_DATA, Municipality, municipality_name
from vip.vipu.models import VIPU_DATA, Campaign
from vip.vipu.selectors import (
    AreaCoverage,
    MunicipalityCoverage,
    Status,
    campaign_list,
    current_campaign,
    status_labels,
    vipu_coverage,
)

router = Router(tags=["vipu"], auth=public_auth)

Language = Literal["fi", "sv", "en"]


class CoverageQuery(Schema):
    campaign: int | None = Field(
        None, description="Id of a campaign; by default the latest campaign."
    )
    lang: Language | None = Field(
        None,
        description=(
            "Language of names, labels and the `lacking` phrases: fi, sv or en. "
            "Without it the Accept-Language header decides (Finnish by default)."
        ),
    )


@contextlib.contextmanager
def _language(lang: str | None) -> Iterator[None]:
    if lang:
        with translation.override(lang):
            yield
    else:
        yield


class CampaignOut(Schema):
    id: int
    name: str
    name_fi: str
    name_sv: str
    name_en: str
    starts_on: datetime.date
    ends_on: datetime.date
    deadline: datetime.date


class SharesOut(Schema):
    complete: float = Field(description="Share of complete municipalities, 0-1.")
    partial: float
    missing: float


class TotalsOut(Schema):
    total: int = Field(description="Municipalities asked (Åland's are not).")
    complete: int
    partial: int
    missing: int
    shares: SharesOut


class AreaCoverageOut(TotalsOut):
    code: str
    name: str


class MunicipalityCoverageOut(Schema):
    code: str
    name: str
    name_fi: str
    name_sv: str
    area: str | None = Field(None, description="VIP area code; none for Åland.")
    language_status: Municipality.LanguageStatus
    language_status_label: str
    status: Status = Field(
        description="complete, partial, missing, or outside for Åland, which is not asked."
    )
    status_label: str
    lacking: list[str] = Field(
        description="What the municipality still lacks, as phrases in the chosen language."
    )


class CoverageOut(Schema):
    campaign: CampaignOut
    national: TotalsOut
    areas: list[AreaCoverageOut]
    municipalities: list[MunicipalityCoverageOut] = Field(
        description="Every municipality, in Finnish alphabetical order."
    )


def _totals(coverage: AreaCoverage) -> dict[str, Any]:
    return {
        "total": coverage.total,
        "complete": coverage.complete,
        "partial": coverage.partial,
        "missing": coverage.missing,
        "shares": {
            "complete": round(coverage.complete_share, 4),
            "partial": round(coverage.partial_share, 4),
            "missing": round(coverage.missing_share, 4),
        },
    }


@dataclass(frozen=True, slots=True)
class _Labels:
    """The labels of one answer, translated once rather than once per municipality."""

    swedish: bool
    language_status: dict[str, str]
    status: dict[Status, str]

    @classmethod
    def translated(cls) -> _Labels:
        return cls(
            swedish=(translation.get_language() or "fi").startswith("sv"),
            language_status={
                str(value): str(label) for value, label in Municipality.LanguageStatus.choices
            },
            status=status_labels(),
        )


def _municipality(row: MunicipalityCoverage, labels: _Labels) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": municipality_name(row.name_fi, row.name_sv, swedish=labels.swedish),
        "name_fi": row.name_fi,
        "name_sv": row.name_sv,
        "area": row.area_code,
        "language_status": row.language_status,
        "language_status_label": labels.language_status.get(
            row.language_status, row.language_status
        ),
        "status": row.status,
        "status_label": labels.status[row.status],
        "lacking": list(row.lacking),
    }


def _campaign(campaign_id: int | None) -> Campaign:
    if campaign_id is not None:
        campaign = campaign_list().filter(pk=campaign_id).first()
        if campaign is None:
            raise field_error(
                "campaign", _("There is no campaign with id %(id)d.") % {"id": campaign_id}
            )
        return campaign
    campaign = current_campaign()
    if campaign is None:
        raise ProblemError(
            404,
            _("No contact campaign"),
            _("No VIPU contact campaign has been started yet, so there is no coverage."),
        )
    return campaign


@router.get(
    "/vipu/coverage",
    response={200: CoverageOut, 404: Problem, **PUBLIC_ERRORS},
    summary="Coverage of the VIPU contact campaign per area and municipality",
    description=(
        "A municipality is complete when it has a contact coordinating learning support "
        "and one for pupil welfare services, bilingual municipalities in both Finnish and "
        "Swedish; partial when it has some of them; missing when it has none. "
        "Answers 404 when no campaign exists yet."
    ),
)
def coverage(request: HttpRequest, params: Query[CoverageQuery]) -> HttpResponse:
    with _language(params.lang):
        # The answer is the same for everyone: it is built once per language, campaign
        # choice, day (the current campaign follows the date) and version of the data,
        # and kept as JSON, so repeated requests skip the queries and the serialising.
        body = cached_body(
            ["api:vipu-coverage", str(params.campaign or ""), timezone.localdate().isoformat()],
            [VIPU_DATA, REGISTRY_DATA],
            lambda: CoverageOut.model_validate(_coverage_data(params.campaign)).model_dump_json(),
            seconds=None,
        )
        return HttpResponse(body, content_type="application/json")


def _coverage_data(campaign_id: int | None) -> dict[str, Any]:
    campaign = _campaign(campaign_id)
    # The lacking phrases are translated as the coverage is computed.
    result = vipu_coverage(campaign)
    labels = _Labels.translated()
    return {
        "campaign": {
            "id": campaign.pk,
            "name": campaign.name,
            "name_fi": campaign.name_fi,
            "name_sv": campaign.name_sv,
            "name_en": campaign.name_en,
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "deadline": campaign.deadline,
        },
        "national": _totals(result.national),
        "areas": [
            {"code": area.area.code, "name": area.area.name, **_totals(area)}
            for area in result.areas
        ],
        "municipalities": [_municipality(row, labels) for row in result.municipalities],
    }
