"""Reach reports for organisers: one event's figures, and any period's under filters.

The figures come from vip/events/selectors/reach.py; this module adds the
charts and the exports. Every download is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vip.core.http import AuthenticatedHttpRequest
from vip.core.xlsx_export import table_response
from vip.events import charts, presenters
from vip.events.forms.reports import ReachFilterForm
from vip.events.models import FEEDBACK_MIN_ANSWERS
from vip.events.policies import event_policy
from vip.events.selectors import reach
from vip.events.services.reports import report_export_record
from vip.events.views.common import EXPORT_FORMATS, export_stamp, organised_event

# The municipality chart shows the largest ones; the table below it lists all.
MUNICIPALITIES_CHARTED = 15


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One breakdown of the participants: a heading, its chart and its table."""

    key: str
    heading: str
    column: str
    chart: SafeString | None
    rows: list[reach.BreakdownRow]


def _percent_text(value: float) -> str:
    return _("%(share)s %%") % {"share": charts.number_text(value)}


def _breakdowns(report: reach.ReachReport) -> list[Breakdown]:
    specs = (
        ("area", _("Participants by area"), _("Area"), report.by_area),
        (
            "municipality",
            _("Participants by municipality"),
            _("Municipality"),
            report.by_municipality,
        ),
        ("sector", _("Participants by sector"), _("Sector or role"), report.by_sector),
        (
            "organisation-kind",
            _("Participants by organisation kind"),
            _("Organisation kind"),
            report.by_organisation_kind,
        ),
    )
    breakdowns = []
    for key, heading, column, rows in specs:
        charted = rows
        description = _("Confirmed participants.")
        if key == "municipality" and len(rows) > MUNICIPALITIES_CHARTED:
            charted = rows[:MUNICIPALITIES_CHARTED]
            description = _(
                "Confirmed participants of the %(count)d municipalities with the most; the "
                "table lists all."
            ) % {"count": MUNICIPALITIES_CHARTED}
        chart = (
            charts.bar_chart(
                chart_id=f"chart-{key}",
                title=heading,
                description=description,
                bars=[charts.Bar(row.label, row.participants) for row in charted],
            )
            if any(row.participants for row in rows)
            else None
        )
        breakdowns.append(Breakdown(key, heading, column, chart, rows))
    return breakdowns


def _reach_chart(report: reach.ReachReport) -> SafeString | None:
    if not any(area.reached for area in report.area_reach):
        return None
    return charts.bar_chart(
        chart_id="chart-reach",
        title=_("Share of each area's municipalities reached"),
        description=_("Per cent of the area's municipalities with at least one participant."),
        bars=[charts.Bar(area.label, area.share or 0) for area in report.area_reach],
        value_text=_percent_text,
    )


def _report_context(report: reach.ReachReport) -> dict[str, Any]:
    return {
        "report": report,
        "breakdowns": _breakdowns(report),
        "reach_chart": _reach_chart(report),
        "min_answers": FEEDBACK_MIN_ANSWERS,
    }


def _check_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise Http404


# --- One event -------------------------------------------------------------------------------


@login_required
@never_cache
@require_safe
def event_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = organised_event(request, pk)
    report = reach.event_reach_report(event)
    context = {
        "event": event,
        "when": presenters.when(event),
        "breadcrumbs": [
            (_("Events"), reverse("events:event_list")),
            (event.title, reverse("events:event_detail", args=[event.pk])),
            (_("Report"), None),
        ],
        **_report_context(report),
    }
    return render(request, "events/reports/event_report.html", context)


@login_required
@never_cache
@require_safe
def event_report_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = organised_event(request, pk)
    _check_format(fmt)
    report = reach.event_reach_report(event)
    report_export_record(actor=request.user, fmt=fmt, event=event)
    return table_response(
        fmt,
        f"event-{event.pk}-report",
        [_("Section"), _("Label"), _("Value")],
        reach.export_rows(report),
    )


# --- Any period ------------------------------------------------------------------------------


def _reach_form(request: AuthenticatedHttpRequest) -> ReachFilterForm:
    # Those who may organise events get the report on theirs; to others it does not exist.
    if not event_policy.can(request.user, "create"):
        raise Http404
    return ReachFilterForm(request.GET or None, events=event_policy.visible(request.user, "manage"))


def _reach_page(
    request: AuthenticatedHttpRequest,
    form: ReachFilterForm,
    report: reach.ReachReport | None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "query": request.GET.urlencode(),
        "breadcrumbs": [(_("Events"), reverse("events:event_list")), (_("Reach report"), None)],
    }
    if report is not None:
        context.update(_report_context(report))
    return render(request, "events/reports/reach_report.html", context, status=status)


@login_required
@never_cache
@require_safe
def reach_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _reach_form(request)
    if form.is_bound and not form.is_valid():
        # No figures under filters that could not be read: they would mislead.
        return _reach_page(request, form, None, status=400)
    events = reach.report_events(event_policy.visible(request.user, "manage"), form.filters())
    return _reach_page(request, form, reach.reach_report(events))


@login_required
@never_cache
@require_safe
def reach_report_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    form = _reach_form(request)
    _check_format(fmt)
    if form.is_bound and not form.is_valid():
        return _reach_page(request, form, None, status=400)
    filters = form.filters()
    report = reach.reach_report(
        reach.report_events(event_policy.visible(request.user, "manage"), filters)
    )
    report_export_record(actor=request.user, fmt=fmt, filters=filters.as_details())
    return table_response(
        fmt,
        f"reach-report-{export_stamp()}",
        [_("Section"), _("Label"), _("Value")],
        reach.export_rows(report),
    )
