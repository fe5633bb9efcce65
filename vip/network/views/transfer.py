"""Import of people and memberships from a file; exports of groups and memberships."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vip.core.http import AuthenticatedHttpRequest
from vip.core.xlsx_export import table_response
from vip.network import exports, imports
from vip.network.forms.transfer import ImportForm
from vip.network.policies import group_policy, person_policy


def _check_importer(request: AuthenticatedHttpRequest) -> None:
    # National administrators and area coordinators; others do not learn the page exists.
    if not person_policy.can(request.user, "import"):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def network_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    _check_importer(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    report = None
    # The page shows the result of the upload itself (counts or the problems found),
    # so there is no redirect after the POST.
    if request.method == "POST" and form.is_valid():
        report = imports.run_import(
            actor=request.user,
            upload=form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.file_error:
            form.add_error("file", report.file_error)
            report = None
    language = imports.current_language()
    return render(
        request,
        "network/import.html",
        {
            "form": form,
            "report": report,
            "errors": report.sorted_errors()[: imports.ERRORS_SHOWN] if report else [],
            "errors_shown": imports.ERRORS_SHOWN,
            "guide": imports.guide_rows(language),
            "max_rows": number_format(imports.MAX_ROWS, force_grouping=True),
            "can_export": group_policy.can(request.user, "export"),
            "breadcrumbs": [
                (_("Groups"), reverse("network:group_list")),
                (_("Import people and memberships"), None),
            ],
        },
    )


@login_required
@require_safe
def import_template(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    _check_importer(request)
    if fmt not in exports.FORMATS:
        raise Http404
    language = imports.current_language()
    header, rows = imports.template_table(language)
    return table_response(fmt, f"vip-import-template-{language}", header, rows)


@login_required
@require_safe
def network_export(request: AuthenticatedHttpRequest, what: str, fmt: str) -> HttpResponse:
    if (
        what not in exports.EXPORTS
        or fmt not in exports.FORMATS
        or not group_policy.can(request.user, "export")
    ):
        raise Http404
    header, rows = exports.export_table(actor=request.user, what=what, fmt=fmt)
    return table_response(fmt, f"vip-{what}", header, rows)
