"""The audit trail for national administrators: filters, pages and CSV export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from vip.audit import audit, selectors
from vip.audit.forms import AuditFilterForm
from vip.audit.models import AuditAction, AuditEvent
from vip.audit.policies import audit_event_policy
from vip.core.csv_export import csv_response
from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.pagination import paginate


def _filtered(request: HttpRequest, action: str) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    if not audit_event_policy.can(request.user, action):
        raise Http404
    visible = audit_event_policy.visible(request.user, action)
    form = AuditFilterForm(request.GET or None, target_types=selectors.target_types(visible))
    if form.is_bound and not form.is_valid():
        return form, visible.none()
    return form, selectors.audit_event_list(visible, form.filters())


@login_required
@require_safe
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, events = _filtered(request, "view")
    context = {
        "form": form,
        "breadcrumbs": [(_("Audit trail"), None)],
        **paginate(request, events, per_page=50),
    }
    return render_page_or_partial(request, "audit/event_list.html", "results", context)


@login_required
@require_safe
def event_export(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    _form, events = _filtered(request, "export")
    with transaction.atomic():
        audit.record(
            AuditAction.AUDIT_EXPORTED,
            actor=request.user,
            target_type="audit.auditevent",
            details={key: str(value) for key, value in request.GET.items() if value},
        )
    header = [
        _("Time"),
        _("Actor"),
        _("Action"),
        _("Target type"),
        _("Target id"),
        _("Organisation"),
        _("Area"),
        _("IP address"),
        _("Request id"),
        _("Details"),
    ]
    rows = (
        [
            timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
            event.actor.email if event.actor else "",
            event.action,
            event.target_type,
            event.target_id,
            event.organisation_id or "",
            event.area.code if event.area else "",
            event.ip or "",
            event.request_id,
            event.details,
        ]
        for event in events.iterator(chunk_size=2000)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_response(f"vip-audit-{stamp}.csv", header, rows)
